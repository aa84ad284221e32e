package dev.keyway.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * DPoP proofs (RFC 9449 §4) of one connection's key pair, and the latest {@code DPoP-Nonce} each server (origin) gave
 * (§8, §9), kept in memory. Proofs carry {@code htm}, {@code htu} (without query and fragment), {@code iat}, a unique
 * {@code jti}, the nonce when one is known and, with an access token, {@code ath}. {@code toString()} names no key.
 */
public final class DPoPProofs {
    /** The request header of a proof. */
    public static final String HEADER = "DPoP";
    /** The response header of a nonce. */
    public static final String NONCE_HEADER = "DPoP-Nonce";

    private final DefaultDPoPProofFactory factory;
    private final ConcurrentMap<String, String> nonces = new ConcurrentHashMap<>();

    /** @param key a private EC or RSA key with its {@code alg} */
    public DPoPProofs(JWK key) {
        try {
            this.factory = new DefaultDPoPProofFactory(key, JWSAlgorithm.parse(key.getAlgorithm().getName()));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the key cannot sign DPoP proofs", e);
        }
    }

    /** A proof for a request to {@code url}; {@code accessToken} null at the token endpoint. */
    public String proof(String method, URI url, String accessToken) {
        URI htu = htu(url);
        String known = nonces.get(origin(url));
        Nonce nonce = known == null ? null : new Nonce(known);
        try {
            return (accessToken == null ? factory.createDPoPJWT(method, htu, nonce)
                    : factory.createDPoPJWT(method, htu, new DPoPAccessToken(accessToken), nonce)).serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("a DPoP proof could not be signed", e);
        }
    }

    /** Remembers the nonce a server at {@code url}'s origin sent; null or blank is ignored. True when it is new. */
    public boolean remember(URI url, String nonce) {
        if (nonce == null || nonce.isBlank() || nonce.length() > 1000) {
            return false;
        }
        return !nonce.equals(nonces.put(origin(url), nonce));
    }

    /** A token endpoint's answer that asks for a nonce (RFC 9449 §8): HTTP 400 with {@code error=use_dpop_nonce}. */
    public static boolean asksForNonce(OAuthResponse r) {
        if (r.status() != 400) {
            return false;
        }
        try {
            return "use_dpop_nonce".equals(JSONObjectUtils.parse(new String(r.bodyNoCopy(), StandardCharsets.UTF_8)).get("error"));
        } catch (java.text.ParseException e) {
            return false;
        }
    }

    /** A resource server's answer that asks for a nonce (RFC 9449 §9): HTTP 401 with a DPoP-Nonce header. */
    public static boolean asksForNonce(int status, String wwwAuthenticate, String nonce) {
        return status == 401 && nonce != null && (wwwAuthenticate == null || wwwAuthenticate.contains("use_dpop_nonce"));
    }

    static URI htu(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return URI.create(url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority() + path);
    }

    private static String origin(URI url) {
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "DPoPProofs[kid=" + factory.getPublicJWK().getKeyID() + "]";
    }
}

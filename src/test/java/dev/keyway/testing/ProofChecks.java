package dev.keyway.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a strict authorization or resource server checks, written out by hand with nimbus-jose primitives (not with
 * the SDK that makes them): client assertions (RFC 7523 §3) and DPoP proofs (RFC 9449 §4.3). Each check answers null
 * when the JWT passes, otherwise why not. jti values are remembered: a replay fails.
 */
public final class ProofChecks {
    private final Set<String> assertionJtis = ConcurrentHashMap.newKeySet();
    private final Set<String> proofJtis = ConcurrentHashMap.newKeySet();

    /** A client assertion signed by a key of {@code jwks} (or with {@code hmacSecret}), for {@code clientId} and {@code audience}. */
    public String assertion(String jwt, JWKSet jwks, String hmacSecret, String clientId, String audience) {
        try {
            SignedJWT s = SignedJWT.parse(jwt);
            JWSVerifier verifier;
            if (hmacSecret != null) {
                verifier = new MACVerifier(hmacSecret.getBytes(StandardCharsets.UTF_8));
            } else {
                JWK key = jwks.getKeyByKeyId(s.getHeader().getKeyID());
                if (key == null) {
                    return "no key " + s.getHeader().getKeyID() + " in the JWKS";
                }
                verifier = verifier(key);
            }
            if (!s.verify(verifier)) {
                return "bad signature";
            }
            JWTClaimsSet c = s.getJWTClaimsSet();
            Instant now = Instant.now();
            if (!clientId.equals(c.getIssuer()) || !clientId.equals(c.getSubject())) {
                return "iss/sub " + c.getIssuer() + "/" + c.getSubject();
            }
            if (!c.getAudience().contains(audience)) {
                return "aud " + c.getAudience();
            }
            if (c.getExpirationTime() == null || !c.getExpirationTime().toInstant().isAfter(now)
                    || c.getExpirationTime().toInstant().isAfter(now.plus(Duration.ofMinutes(5)))) {
                return "exp " + c.getExpirationTime();
            }
            if (c.getIssueTime() == null) {
                return "no iat";
            }
            if (c.getJWTID() == null || !assertionJtis.add(c.getJWTID())) {
                return "jti missing or replayed";
            }
            return null;
        } catch (java.text.ParseException | JOSEException e) {
            return "unparsable: " + e.getMessage();
        }
    }

    /** The result of a DPoP proof check. */
    public record Proof(String error, String jkt, boolean nonceMissing) {
        public boolean ok() {
            return error == null;
        }
    }

    /** A DPoP proof for {@code method} {@code url}, with {@code nonce} (when not null) and, for {@code accessToken}, ath. */
    public Proof dpop(String header, String method, String url, String nonce, String accessToken) {
        if (header == null) {
            return new Proof("no DPoP header", null, false);
        }
        try {
            SignedJWT s = SignedJWT.parse(header);
            if (!"dpop+jwt".equals(String.valueOf(s.getHeader().getType()))) {
                return new Proof("typ " + s.getHeader().getType(), null, false);
            }
            JWK jwk = s.getHeader().getJWK();
            if (jwk == null || jwk.isPrivate()) {
                return new Proof("no public jwk in the header", null, false);
            }
            if (!s.verify(verifier(jwk))) {
                return new Proof("bad signature", null, false);
            }
            JWTClaimsSet c = s.getJWTClaimsSet();
            Date iat = c.getIssueTime();
            if (iat == null || Duration.between(iat.toInstant(), Instant.now()).abs().compareTo(Duration.ofSeconds(60)) > 0) {
                return new Proof("iat " + iat, null, false);
            }
            if (!method.equals(c.getStringClaim("htm")) || !url.equals(c.getStringClaim("htu"))) {
                return new Proof("htm/htu " + c.getStringClaim("htm") + " " + c.getStringClaim("htu"), null, false);
            }
            if (accessToken != null && !ath(accessToken).equals(c.getStringClaim("ath"))) {
                return new Proof("ath", null, false);
            }
            if (c.getJWTID() == null || !proofJtis.add(c.getJWTID())) {
                return new Proof("jti missing or replayed", null, false);
            }
            if (nonce != null && !nonce.equals(c.getStringClaim("nonce"))) {
                return new Proof("nonce " + c.getStringClaim("nonce"), null, true);
            }
            return new Proof(null, jwk.computeThumbprint().toString(), false);
        } catch (java.text.ParseException | JOSEException e) {
            return new Proof("unparsable: " + e.getMessage(), null, false);
        }
    }

    static String ath(String accessToken) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSVerifier verifier(JWK key) throws JOSEException {
        return key instanceof ECKey ec ? new ECDSAVerifier(ec.toECPublicKey()) : new RSASSAVerifier((RSAKey) key);
    }
}

package dev.keyway.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.text.ParseException;
import java.time.Duration;
import java.util.Locale;

/**
 * OpenID Connect ID token validation (Core §3.1.3.7) with Nimbus {@link IDTokenValidator}: the signature through the
 * issuer's keys (or HS256..512 with the client secret, §10.1), {@code iss} equal to the issuer, {@code aud} holding
 * the client id, {@code exp} and {@code iat} within the allowed skew, and {@code nonce} equal to the one sent (not
 * checked when none is expected, as on refresh). Messages name the failed check, never a token or nonce. Sends nothing.
 */
public final class IdTokens {

    private IdTokens() {
    }

    /** Who signed in: non-secret claims of a validated ID token ({@code email} and {@code name} nullable). */
    public record Identity(String subject, String email, String name, String issuer) { }

    /** Why an ID token was refused. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The key id in the token's header, or null (to know whether the cached keys can verify it). */
    public static String keyId(String idToken) {
        try {
            return JWTParser.parse(idToken) instanceof SignedJWT s ? s.getHeader().getKeyID() : null;
        } catch (ParseException e) {
            return null;
        }
    }

    /** Whether the token is signed with the client secret (HS256, HS384, HS512) rather than the issuer's keys. */
    public static boolean signedWithSecret(String idToken) {
        try {
            return JWTParser.parse(idToken) instanceof SignedJWT s && JWSAlgorithm.Family.HMAC_SHA.contains(s.getHeader().getAlgorithm());
        } catch (ParseException e) {
            return false;
        }
    }

    /**
     * @param keys         the issuer's JWKS; null when the token is HMAC-signed
     * @param clientSecret nullable; needed for an HMAC-signed token
     * @param nonce        the nonce sent with the authorization request; null: not checked
     */
    public static Identity validate(String idToken, String issuer, String clientId, JWKSet keys, String clientSecret,
                                    String nonce, Duration skew) throws Refused {
        JWT jwt;
        try {
            jwt = JWTParser.parse(idToken);
        } catch (ParseException e) {
            throw new Refused("the ID token is not a JWT");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new Refused("the ID token is not signed");
        }
        JWSAlgorithm alg = signed.getHeader().getAlgorithm();
        IDTokenValidator validator;
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            if (clientSecret == null || clientSecret.isBlank()) {
                throw new Refused("the ID token is signed with a client secret (" + alg + ") and the connection has none");
            }
            validator = new IDTokenValidator(new Issuer(issuer), new ClientID(clientId), alg, new Secret(clientSecret));
        } else {
            if (keys == null) {
                throw new Refused("the issuer's keys (jwksUrl) are not known, so the " + alg + " signature cannot be checked");
            }
            validator = new IDTokenValidator(new Issuer(issuer), new ClientID(clientId), alg, keys);
        }
        validator.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, skew.toSeconds()));
        try {
            IDTokenClaimsSet claims = validator.validate(signed, nonce == null ? null : new Nonce(nonce));
            return new Identity(claims.getSubject().getValue(), Sanitizer.text(claims.getStringClaim("email")),
                    Sanitizer.text(claims.getStringClaim("name")), claims.getIssuer().getValue());
        } catch (BadJOSEException | JOSEException e) {
            throw new Refused(why(e.getMessage()));
        }
    }

    /** Nimbus's message as a named check, without the values it may quote. */
    private static String why(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("nonce")) {
            return "the nonce does not match the one Keyway sent";
        }
        if (m.contains("issuer")) {
            return "it was issued by another issuer (iss)";
        }
        if (m.contains("audience")) {
            return "it was not issued to this client (aud)";
        }
        if (m.contains("expired")) {
            return "it has expired (exp)";
        }
        if (m.contains("iat") || m.contains("issue time") || m.contains("future")) {
            return "its issue time (iat) is in the future";
        }
        if (m.contains("signature") || m.contains("key")) {
            return "its signature does not verify with the issuer's keys";
        }
        return "it is not valid: " + Sanitizer.text(message);
    }
}

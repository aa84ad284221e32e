package dev.keyway.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Client assertions (RFC 7523 §2.2, §3; OpenID Connect Core §9): {@code iss} = {@code sub} = client id, {@code aud},
 * a unique {@code jti}, {@code iat} and an {@code exp} one minute later. Times come from the wall clock, not an
 * injected one: the authorization server checks them against its own clock.
 */
final class Assertions {
    /** Lifetime of an assertion: it is used at once. */
    static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final Clock WALL = Clock.systemUTC();

    private Assertions() {
    }

    static PrivateKeyJWT privateKeyJwt(ClientSettings c) {
        JWK key = c.signingKey();
        try {
            PrivateKey pk = key instanceof ECKey ec ? ec.toPrivateKey() : ((RSAKey) key).toPrivateKey();
            return new PrivateKeyJWT(claims(c), JWSAlgorithm.parse(key.getAlgorithm().getName()), pk, key.getKeyID(), null);
        } catch (JOSEException | ClassCastException e) {
            throw new IllegalArgumentException("the signing key cannot sign a client assertion", e);
        }
    }

    static ClientSecretJWT clientSecretJwt(ClientSettings c) {
        byte[] secret = c.clientSecret().getBytes(StandardCharsets.UTF_8);
        if (!ClientAuth.CLIENT_SECRET_JWT.acceptsSecret(c.clientSecret())) {
            throw new IllegalArgumentException("client_secret_jwt needs a client secret of at least "
                    + ClientAuth.MIN_JWT_SECRET_BYTES + " bytes");
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(c).toJWTClaimsSet());
            jwt.sign(new MACSigner(secret));
            return new ClientSecretJWT(jwt);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the client secret cannot sign a client assertion", e);
        }
    }

    private static JWTAuthenticationClaimsSet claims(ClientSettings c) {
        Instant now = WALL.instant();
        return new JWTAuthenticationClaimsSet(new ClientID(c.clientId()),
                List.of(new Audience(c.assertionAudience().toString())), Date.from(now.plus(LIFETIME)), null,
                Date.from(now), new JWTID());
    }
}

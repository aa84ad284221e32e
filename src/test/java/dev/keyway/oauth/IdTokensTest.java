package dev.keyway.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** ID token checks that need no server: unsigned tokens, HMAC without a secret, a nonce when one is expected. */
class IdTokensTest {
    static final String ISSUER = "https://as.example";
    static final Duration SKEW = Duration.ofSeconds(60);

    static JWTClaimsSet claims(String nonce) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(ISSUER).subject("u1").audience("client-1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
        return (nonce == null ? b : b.claim("nonce", nonce)).build();
    }

    @Test
    void anUnsignedIdTokenIsRefused() {
        String token = new PlainJWT(claims("n")).serialize();

        assertThatThrownBy(() -> IdTokens.validate(token, ISSUER, "client-1", null, "secret", "n", SKEW))
                .isInstanceOf(IdTokens.Refused.class).hasMessageContaining("not signed");
    }

    @Test
    void anHmacIdTokenNeedsTheClientSecret() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("n"));
        jwt.sign(new MACSigner("0123456789abcdef0123456789abcdef"));

        assertThatThrownBy(() -> IdTokens.validate(jwt.serialize(), ISSUER, "client-1", null, null, "n", SKEW))
                .isInstanceOf(IdTokens.Refused.class).hasMessageContaining("client secret");
        assertThat(IdTokens.validate(jwt.serialize(), ISSUER, "client-1", null, "0123456789abcdef0123456789abcdef", "n", SKEW)
                .subject()).isEqualTo("u1");
    }

    @Test
    void aMissingNonceIsRefusedWhenOneWasSentAndIgnoredOnRefresh() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k").build(), claims(null));
        jwt.sign(new RSASSASigner(key));
        JWKSet keys = new JWKSet(key.toPublicJWK());

        assertThatThrownBy(() -> IdTokens.validate(jwt.serialize(), ISSUER, "client-1", keys, null, "sent", SKEW))
                .isInstanceOf(IdTokens.Refused.class).hasMessageContaining("nonce");
        assertThat(IdTokens.validate(jwt.serialize(), ISSUER, "client-1", keys, null, null, SKEW).issuer()).isEqualTo(ISSUER);
    }

    @Test
    void garbageIsNotAJwt() {
        assertThatThrownBy(() -> IdTokens.validate("not.a.jwt", ISSUER, "client-1", null, null, null, SKEW))
                .isInstanceOf(IdTokens.Refused.class).hasMessageContaining("not a JWT");
    }
}

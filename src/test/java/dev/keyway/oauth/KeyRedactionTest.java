package dev.keyway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Key material never shows in what may be logged: settings and proof makers print the key id at most. */
class KeyRedactionTest {
    static final URI TOKEN = URI.create("https://as.example/token");

    @Test
    void clientSettingsWithASigningKeyPrintItsIdOnly() {
        JWK key = KeyAlgorithm.ES256.generate();
        ClientSettings c = new ClientSettings("id", null, TOKEN, ClientAuth.PRIVATE_KEY_JWT, null, key, null);

        assertThat(c.toString()).contains(key.getKeyID())
                .doesNotContain(key.toJSONObject().get("d").toString())
                .doesNotContain(key.toJSONObject().get("x").toString());
    }

    @Test
    void dpopProofsPrintTheKeyIdOnlyAndProofsCarryThePublicKeyOnly() throws Exception {
        JWK key = KeyAlgorithm.RS256.generate();
        DPoPProofs proofs = new DPoPProofs(key);

        String proof = proofs.proof("GET", URI.create("https://api.example/v1/items?q=1#top"), "token-1");

        assertThat(proofs.toString()).contains(key.getKeyID()).doesNotContain(key.toJSONObject().get("d").toString());
        var jwt = com.nimbusds.jwt.SignedJWT.parse(proof);
        assertThat(jwt.getHeader().getJWK().isPrivate()).isFalse();
        assertThat(jwt.getJWTClaimsSet().getStringClaim("htu")).isEqualTo("https://api.example/v1/items");
        assertThat(proof).doesNotContain(key.toJSONObject().get("d").toString());
    }

    @Test
    void privateKeyJwtNeedsAPrivateKeyAndClientSecretJwtALongSecret() {
        JWK key = KeyAlgorithm.ES256.generate();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ClientSettings("id", null, TOKEN,
                ClientAuth.PRIVATE_KEY_JWT, null, key.toPublicJWK(), null)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RefreshTokenGrant.request(new ClientSettings("id",
                "short", TOKEN, ClientAuth.CLIENT_SECRET_JWT, null), "rt")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short");
    }
}

package dev.keyway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import dev.keyway.store.Database;
import dev.keyway.store.Reencryption;
import dev.keyway.testing.Api;
import dev.keyway.testing.Databases;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.ProtocolServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The private halves of connection key pairs are re-sealed by {@code reencrypt} like every other secret. */
class KeyReencryptionTest {

    @Test
    void connectionKeysAreResealedEachInItsOwnRowAndStillSignAfterTheOldKeyIsRetired() throws Exception {
        KeysetHandle original = Keysets.generate();
        String url = Databases.freshH2();
        try (ProtocolServer as = new ProtocolServer().dpop(null, null)) {
            String apiKey;
            String id;
            String jwksPath;
            try (KeywayUnderTest first = KeywayUnderTest.builder().database(url).keyset(original).start()) {
                apiKey = first.keyway().accounts().create("Rotation").apiKey();
                Api.Answer created = new Api(first.base(), apiKey).post("/api/v1/connections", Map.of("type", "oauth2",
                        "name", "AS", "clientId", "keyway-client", "grantType", "client_credentials",
                        "tokenUrl", as.tokenUrl(), "clientAuthentication", "private_key_jwt", "dpop", true));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                id = created.text("id");
                jwksPath = created.text("clientJwksUrl").substring(first.base().length());
            }

            KeysetHandle rotated = Keysets.rotate(original);
            SecretBox newBox = new SecretBox(rotated);
            try (Database db = Database.open(url, "sa", "")) {
                int resealed = Reencryption.run(db.jdbi(), newBox);

                assertThat(resealed).as("the two key pairs (and nothing else: no secret, no grant)").isEqualTo(2);
                List<byte[]> keys = db.jdbi().withHandle(h -> h.createQuery("select private_jwk from connection_keys")
                        .mapTo(byte[].class).list());
                assertThat(keys).hasSize(2).allSatisfy(k -> assertThat(newBox.open(k, id)).contains("\"d\""));
                assertThat(keys.get(0)).isNotEqualTo(keys.get(1));
            }

            KeysetHandle newKeyOnly = KeysetHandle.newBuilder(rotated).deleteAt(0).build();
            try (KeywayUnderTest second = KeywayUnderTest.builder().database(url).keyset(newKeyOnly).start()) {
                as.jwks(second.base() + jwksPath);
                Api.Answer token = new Api(second.base(), apiKey).get("/api/v1/connections/" + id + "/token");

                assertThat(token.status()).as(token.body() + as.refusals()).isEqualTo(200);
                assertThat(token.text("tokenType")).isEqualTo("DPoP");
                assertThat(as.refusals()).isEmpty();
            }
        }
    }
}

package dev.keyway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.testing.Api;
import dev.keyway.testing.KeywayUnderTest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Key pairs Keyway holds per connection: public JWK on the connection, a public JWKS URL, the private part sealed. */
class ConnectionKeysTest {
    static KeywayUnderTest keyway;
    static Api api;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().start();
        api = keyway.newAccount("Acme");
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    static Map<String, Object> connection(Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("type", "oauth2", "name", "AS " + System.nanoTime(),
                "clientId", "keyway-client", "grantType", "client_credentials", "tokenUrl", "https://as.example/token"));
        body.putAll(extra);
        return body;
    }

    static JsonNode created(Map<String, Object> body) {
        Api.Answer a = api.post("/api/v1/connections", body);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    @Test
    void aPrivateKeyJwtConnectionNeedsNoSecretAndShowsItsPublicKeyAndJwksUrl() {
        JsonNode c = created(connection(Map.of("clientAuthentication", "private_key_jwt")));

        assertThat(c.get("clientSecretSet").asBoolean()).isFalse();
        JsonNode jwk = c.get("publicJwk");
        assertThat(jwk.get("kty").asText()).isEqualTo("EC");
        assertThat(jwk.get("crv").asText()).isEqualTo("P-256");
        assertThat(jwk.get("alg").asText()).isEqualTo("ES256");
        assertThat(jwk.has("d")).as("no private part").isFalse();
        String jwksUrl = c.get("clientJwksUrl").asText();
        assertThat(jwksUrl).startsWith(keyway.base() + "/jwks/").doesNotContain(c.get("id").asText());

        Api.Answer jwks = keyway.anonymous().get(jwksUrl.substring(keyway.base().length()));
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.raw().headers().firstValue("Content-Type")).hasValue("application/jwk-set+json");
        assertThat(jwks.json().get("keys")).hasSize(1);
        assertThat(jwks.json().get("keys").get(0)).isEqualTo(jwk);
        assertThat(jwks.json().size()).as("nothing but the keys").isEqualTo(1);
        assertThat(api.get("/api/v1/connections/" + c.get("id").asText()).json().get("publicJwk")).isEqualTo(jwk);
    }

    @Test
    void rs256GivesAnRsaKeyOf2048Bits() {
        JsonNode jwk = created(connection(Map.of("clientAuthentication", "private_key_jwt", "keyAlgorithm", "RS256")))
                .get("publicJwk");

        assertThat(jwk.get("kty").asText()).isEqualTo("RSA");
        assertThat(jwk.get("alg").asText()).isEqualTo("RS256");
        assertThat(java.util.Base64.getUrlDecoder().decode(jwk.get("n").asText())).hasSizeGreaterThanOrEqualTo(256);
        assertThat(jwk.has("d") || jwk.has("p") || jwk.has("q")).isFalse();
    }

    @Test
    void aKeyStaysTheSameAcrossEditsAndChangesWithItsAlgorithm() {
        JsonNode c = created(connection(Map.of("clientAuthentication", "private_key_jwt")));
        String path = "/api/v1/connections/" + c.get("id").asText();

        JsonNode edited = api.patch(path, Map.of("description", "new")).json();
        JsonNode rsa = api.patch(path, Map.of("keyAlgorithm", "RS256")).json();

        assertThat(edited.get("publicJwk")).isEqualTo(c.get("publicJwk"));
        assertThat(rsa.get("publicJwk").get("kty").asText()).isEqualTo("RSA");
    }

    @Test
    void aConnectionThatStopsUsingPrivateKeyJwtNoLongerServesItsKey() {
        JsonNode c = created(connection(Map.of("clientAuthentication", "private_key_jwt")));
        String jwks = c.get("clientJwksUrl").asText().substring(keyway.base().length());
        assertThat(keyway.anonymous().get(jwks).status()).isEqualTo(200);

        JsonNode edited = api.patch("/api/v1/connections/" + c.get("id").asText(),
                Map.of("clientAuthentication", "client_secret_post", "clientSecret", "s3cret")).json();

        assertThat(edited.get("clientJwksUrl").isNull()).isTrue();
        assertThat(keyway.anonymous().get(jwks).status()).isEqualTo(404);
    }

    @Test
    void rotationGivesANewKeyAndTheSameJwksUrlPublishesTheNewAndThePreviousKey() {
        JsonNode c = created(connection(Map.of("clientAuthentication", "private_key_jwt")));
        String id = c.get("id").asText();

        Api.Answer rotated = api.post("/api/v1/connections/" + id + "/keys/rotate", Map.of());
        Api.Answer again = api.post("/api/v1/connections/" + id + "/keys/rotate", Map.of());

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        JsonNode newKey = rotated.json().get("publicJwk");
        assertThat(newKey.get("kid").asText()).isNotEqualTo(c.get("publicJwk").get("kid").asText());
        assertThat(rotated.json().get("clientJwksUrl")).isEqualTo(c.get("clientJwksUrl"));
        JsonNode keys = keyway.anonymous().get(again.json().get("clientJwksUrl").asText().substring(keyway.base().length()))
                .json().get("keys");
        assertThat(keys).hasSize(2).allSatisfy(k -> assertThat(k.has("d")).isFalse());
        assertThat(keys.get(0)).isEqualTo(again.json().get("publicJwk"));
        assertThat(keys.get(1)).as("the one before, not the first").isEqualTo(newKey);
    }

    @Test
    void rotatingTheKeyOfAConnectionWithoutOneIs409() {
        String id = created(connection(Map.of("clientSecret", "s3cret", "dpop", true))).get("id").asText();

        Api.Answer answer = api.post("/api/v1/connections/" + id + "/keys/rotate", Map.of());

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.text("code")).isEqualTo("no_client_key");
    }

    @Test
    void unknownJwksIdsAndSecretBasedConnectionsHaveNoJwks() {
        JsonNode c = created(connection(Map.of("clientSecret", "s3cret")));

        assertThat(c.get("publicJwk").isNull()).isTrue();
        assertThat(c.get("clientJwksUrl").isNull()).isTrue();
        assertThat(keyway.anonymous().get("/jwks/nope").status()).isEqualTo(404);
        assertThat(keyway.anonymous().get("/jwks/" + c.get("id").asText()).status()).isEqualTo(404);
    }

    @Test
    void aDpopConnectionShowsItsDpopPublicKeyOnly() {
        JsonNode c = created(connection(Map.of("clientSecret", "s3cret", "dpop", true)));

        assertThat(c.get("dpop").asBoolean()).isTrue();
        assertThat(c.get("dpopPublicJwk").get("kty").asText()).isEqualTo("EC");
        assertThat(c.get("dpopPublicJwk").has("d")).isFalse();
        assertThat(c.get("clientJwksUrl").isNull()).as("the DPoP key is not published").isTrue();
    }

    @Test
    void thePrivateKeyIsStoredSealedNotAsJson() {
        String id = created(connection(Map.of("clientAuthentication", "private_key_jwt", "dpop", true))).get("id").asText();

        List<byte[]> stored = keyway.keyway().database().jdbi().withHandle(h -> h.createQuery(
                "select private_jwk from connection_keys where connection_id = :id").bind("id", id).mapTo(byte[].class).list());
        String publicJson = keyway.keyway().database().jdbi().withHandle(h -> h.createQuery(
                "select public_jwk from connection_keys where connection_id = :id and purpose = 'client_auth'")
                .bind("id", id).mapTo(String.class).one());

        assertThat(stored).hasSize(2).allSatisfy(sealed -> assertThat(new String(sealed, StandardCharsets.ISO_8859_1))
                .doesNotContain("\"d\"").doesNotContain("\"kty\""));
        assertThat(publicJson).doesNotContain("\"d\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"clientAuthentication\": \"client_secret_jwt\"}|clientSecret|client_secret_required",
            "{\"clientAuthentication\": \"client_secret_jwt\", \"clientSecret\": \"short\"}|clientSecret|client_secret_too_short",
            "{\"clientAuthentication\": \"private_key_jwt\", \"assertionAudience\": \"everyone\"}|assertionAudience|invalid_value",
            "{\"clientAuthentication\": \"private_key_jwt\", \"assertionAudience\": \"issuer\"}|issuer|required",
            "{\"clientAuthentication\": \"private_key_jwt\", \"keyAlgorithm\": \"HS256\"}|keyAlgorithm|invalid_value",
            "{\"clientAuthentication\": \"private_key_jwt\", \"dpop\": \"yes\"}|dpop|invalid_type",
            "{\"clientAuthentication\": \"tls_client_auth\"}|clientAuthentication|invalid_value"})
    void badKeySettingsAre400WithCodeAndField(String extra, String field, String code) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> more = new com.fasterxml.jackson.databind.ObjectMapper().readValue(extra, Map.class);
        int before = keyCount();

        Api.Answer a = api.post("/api/v1/connections", connection(more));

        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.text("code")).isEqualTo(code);
        assertThat(a.text("field")).isEqualTo(field);
        assertThat(keyCount()).as("no key written").isEqualTo(before);
    }

    static int keyCount() {
        Integer n = keyway.keyway().database().jdbi().withHandle(h -> h.createQuery("select count(*) from connection_keys")
                .mapTo(Integer.class).one());
        return n;
    }

    @Test
    void anotherAccountCannotSeeTheKeyOfAConnection() {
        String id = created(connection(Map.of("clientAuthentication", "private_key_jwt"))).get("id").asText();

        assertThat(keyway.newAccount("Other").get("/api/v1/connections/" + id).status()).isEqualTo(404);
    }
}

package dev.keyway.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Connections;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.ProtocolServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * private_key_jwt and client_secret_jwt: a strict token endpoint verifies each assertion (signature against the JWKS
 * URL Keyway serves, or HS256 with the secret; iss, sub, aud, exp, iat, jti never reused). mock-oauth2-server 6.0.2
 * accepts them too, but it accepts any assertion (signed by an unknown key, another aud: probed, HTTP 200), so it only
 * shows the request's form; the strict endpoint is the proof.
 */
class ClientAssertionTest {
    static final String SECRET = "a-client-secret-of-at-least-32-bytes!";
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

    static JsonNode create(ProtocolServer as, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("type", "oauth2", "name", "AS " + System.nanoTime(),
                "clientId", "keyway-client", "grantType", "client_credentials", "tokenUrl", as.tokenUrl()));
        body.putAll(extra);
        Api.Answer a = api.post("/api/v1/connections", body);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    static Api.Answer token(JsonNode c) {
        return api.get("/api/v1/connections/" + c.get("id").asText() + "/token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256"})
    void privateKeyJwtAssertionsVerifyAgainstTheJwksKeywayServesAndAreNeverReplayed(String algorithm) {
        try (ProtocolServer as = new ProtocolServer()) {
            JsonNode c = create(as, Map.of("clientAuthentication", "private_key_jwt", "keyAlgorithm", algorithm));
            as.jwks(c.get("clientJwksUrl").asText());

            Api.Answer first = token(c);
            Api.Answer forced = api.post("/api/v1/connections/" + c.get("id").asText() + "/refresh", Map.of());

            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(forced.status()).as(forced.body()).isEqualTo(200);
            assertThat(as.refusals()).isEmpty();
            assertThat(as.tokensIssued()).isEqualTo(2);
            assertThat(as.tokenForms()).allSatisfy(form -> assertThat(form).doesNotContainKey("client_secret")
                    .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
        }
    }

    @Test
    void afterARotationAssertionsAreSignedWithTheNewKeyWhichTheJwksPublishes() throws Exception {
        try (ProtocolServer as = new ProtocolServer()) {
            JsonNode c = create(as, Map.of("clientAuthentication", "private_key_jwt"));
            as.jwks(c.get("clientJwksUrl").asText());
            String path = "/api/v1/connections/" + c.get("id").asText();
            assertThat(token(c).status()).isEqualTo(200);

            String newKid = api.post(path + "/keys/rotate", Map.of()).json().get("publicJwk").get("kid").asText();
            Api.Answer forced = api.post(path + "/refresh", Map.of());

            assertThat(forced.status()).as(forced.body() + as.refusals()).isEqualTo(200);
            assertThat(as.refusals()).isEmpty();
            String assertion = as.tokenForms().getLast().get("client_assertion");
            assertThat(assertion).isNotNull();
            assertThat(com.nimbusds.jwt.SignedJWT.parse(assertion).getHeader().getKeyID()).isEqualTo(newKid);
        }
    }

    @Test
    void anAssertionSignedByAnotherKeyIsRefusedAndTheConnectionNeedsReconnect() {
        try (ProtocolServer as = new ProtocolServer()) {
            JsonNode other = create(as, Map.of("clientAuthentication", "private_key_jwt"));
            JsonNode c = create(as, Map.of("clientAuthentication", "private_key_jwt"));
            as.jwks(other.get("clientJwksUrl").asText());

            Api.Answer answer = token(c);

            assertThat(answer.status()).as(answer.body()).isEqualTo(409);
            assertThat(as.refusals()).singleElement().asString().startsWith("invalid_client: no key");
            assertThat(api.get("/api/v1/connections/" + c.get("id").asText()).text("status")).isEqualTo("needs_reconnect");
        }
    }

    @Test
    void theIssuerIsTheAudienceWhenTheConnectionSaysSo() {
        try (ProtocolServer as = new ProtocolServer()) {
            JsonNode c = create(as, Map.of("clientAuthentication", "private_key_jwt", "assertionAudience", "issuer",
                    "issuer", as.base()));
            as.jwks(c.get("clientJwksUrl").asText()).audience(as.base());

            Api.Answer answer = token(c);

            assertThat(answer.status()).as(answer.body() + " " + as.refusals()).isEqualTo(200);
            assertThat(c.get("assertionAudience").asText()).isEqualTo("issuer");
        }
    }

    @Test
    void clientSecretJwtIsSignedWithTheSecret() {
        try (ProtocolServer as = new ProtocolServer()) {
            as.hmac(SECRET);
            JsonNode c = create(as, Map.of("clientAuthentication", "client_secret_jwt", "clientSecret", SECRET));

            Api.Answer answer = token(c);

            assertThat(answer.status()).as(answer.body() + " " + as.refusals()).isEqualTo(200);
            assertThat(as.tokenForms().get(0)).doesNotContainKey("client_secret");
            assertThat(c.has("publicJwk") && !c.get("publicJwk").isNull()).as("no key pair for a secret").isFalse();
        }
    }

    @Test
    void clientSecretJwtWithAnotherSecretIsRefused() {
        try (ProtocolServer as = new ProtocolServer()) {
            as.hmac(SECRET);
            JsonNode c = create(as, Map.of("clientAuthentication", "client_secret_jwt", "clientSecret", SECRET + "-other"));

            assertThat(token(c).status()).isEqualTo(409);
            assertThat(as.refusals()).singleElement().asString().contains("bad signature");
        }
    }

    @Test
    void mockOAuth2ServerIssuesATokenForAPrivateKeyJwtClient() {
        try (AuthServer mock = new AuthServer()) {
            Api.Answer created = api.post("/api/v1/connections", Connections.against(mock).without("authorizationUrl")
                    .without("clientSecret").with("grantType", "client_credentials").with("scopes", List.of("crm.read"))
                    .with("clientAuthentication", "private_key_jwt").body());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            mock.drainRequests();

            Api.Answer answer = api.get("/api/v1/connections/" + created.text("id") + "/token");

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            var requests = mock.drainRequests().stream().filter(r -> r.getPath().contains("/token")).toList();
            assertThat(requests).hasSize(1);
            assertThat(requests.get(0).getHeader("Authorization")).isNull();
            assertThat(requests.get(0).getBody().readUtf8()).contains("client_assertion=")
                    .contains("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer")
                    .doesNotContain("client_secret");
        }
    }
}

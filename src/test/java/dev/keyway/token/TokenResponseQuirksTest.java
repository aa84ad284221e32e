package dev.keyway.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.ConnectedConnection;
import dev.keyway.testing.FakeTokenEndpoint;
import dev.keyway.testing.FakeTokenServer;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A connection's {@code tokenResponse} quirks, each against a small token endpoint on loopback that answers like
 * the provider does: in the code exchange (Callback), in refreshes and in client credentials requests (Renewal).
 */
class TokenResponseQuirksTest {
    static MutableClock clock = new MutableClock();
    static KeywayUnderTest keyway;
    static Api api;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().clock(clock).start();
        api = keyway.newAccount("Acme");
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    /** Like a workspace app's user token: a bot token at the top, the user's own token nested under authed_user. */
    static String nested(String access, String refresh, long expiresIn) {
        return """
                {"ok": true, "access_token": "bot-token-not-wanted", "token_type": "bot", "scope": "chat:write",
                 "authed_user": {"id": "U1", "access_token": "%s", "token_type": "user", "refresh_token": "%s",
                                 "expires_in": %d, "scope": "users:read"}}""".formatted(access, refresh, expiresIn);
    }

    @Test
    void connectAndRefreshWhenTheTokenIsNestedThenTheNestedTokenIsServed() {
        try (FakeTokenServer fake = FakeTokenServer.rotating().shaped(TokenResponseQuirksTest::nested)) {
            var c = ConnectedConnection.via(api, fake, Map.of("tokenResponse", Map.of("accessTokenPath", "authed_user.access_token")));

            Api.Answer first = c.token();
            assertThat(first.text("accessToken")).isEqualTo(fake.onlyFamily().latestAccessToken());
            assertThat(first.json().get("scopes").toString()).contains("users:read");

            clock.advance(Duration.ofHours(2));
            Api.Answer second = c.token();
            assertThat(second.text("accessToken")).as(second.body()).isEqualTo(fake.onlyFamily().latestAccessToken())
                    .isNotEqualTo(first.text("accessToken"));
            assertThat(fake.refreshRequests()).isEqualTo(1);
            assertThat(c.read().json().get("tokenResponse").get("accessTokenPath").asText()).isEqualTo("authed_user.access_token");
        }
    }

    @Test
    void connectWithoutAPathWhenTheTokenIsNestedThenTheTopLevelTokenIsServed() {
        try (FakeTokenServer fake = FakeTokenServer.rotating().shaped(TokenResponseQuirksTest::nested)) {
            var c = ConnectedConnection.via(api, fake);
            assertThat(c.token().text("accessToken")).isEqualTo("bot-token-not-wanted");
        }
    }

    @Test
    void expiresInInMillisecondsWhenSaidSoThenTheTokenLivesAnHourNotFortyDays() {
        try (FakeTokenEndpoint endpoint = new FakeTokenEndpoint().answer(200,
                "{\"access_token\":\"ms-token\",\"token_type\":\"Bearer\",\"expires_in\":3600000}")) {
            String id = clientCredentials(endpoint, Map.of("expiresInUnit", "milliseconds"));
            Instant now = clock.instant();

            Api.Answer token = api.get("/api/v1/connections/" + id + "/token");

            assertThat(token.text("accessToken")).isEqualTo("ms-token");
            assertThat(Instant.parse(token.text("expiresAt"))).isEqualTo(now.plusSeconds(3600));
        }
    }

    @Test
    void noExpiryInTheResponseWhenADefaultLifetimeIsSetThenTheTokenIsRenewedAfterIt() {
        try (FakeTokenEndpoint endpoint = new FakeTokenEndpoint().answer(200,
                "{\"access_token\":\"no-expiry\",\"token_type\":\"Bearer\"}")) {
            String id = clientCredentials(endpoint, Map.of("defaultExpiresInSeconds", 7200));
            Instant now = clock.instant();

            Api.Answer token = api.get("/api/v1/connections/" + id + "/token");
            assertThat(Instant.parse(token.text("expiresAt"))).isEqualTo(now.plusSeconds(7200));

            clock.advance(Duration.ofMinutes(30));
            api.get("/api/v1/connections/" + id + "/token");
            assertThat(endpoint.bodies()).as("still fresh: served from the cache").hasSize(1);

            clock.advance(Duration.ofHours(2));
            assertThat(api.get("/api/v1/connections/" + id + "/token").status()).isEqualTo(200);
            assertThat(endpoint.bodies()).as("expired by the assumed lifetime: asked again").hasSize(2);
        }
    }

    @Test
    void noExpiryInTheResponseWithoutADefaultThenTheExpiryStaysUnknown() {
        try (FakeTokenEndpoint endpoint = new FakeTokenEndpoint().answer(200,
                "{\"access_token\":\"no-expiry\",\"token_type\":\"Bearer\"}")) {
            String id = clientCredentials(endpoint, null);
            Api.Answer token = api.get("/api/v1/connections/" + id + "/token");
            assertThat(token.json().get("expiresAt").isNull()).as(token.body()).isTrue();
        }
    }

    @Test
    void aBadTokenResponseSettingIsRefusedWithItsField() {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("type", "oauth2", "name", "Bad quirks", "clientId", "c",
                "clientSecret", "s", "grantType", "client_credentials", "tokenUrl", "https://as.example/token"));
        body.put("tokenResponse", Map.of("expiresInUnit", "minutes"));
        Api.Answer a = api.post("/api/v1/connections", body);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.text("code")).isEqualTo("invalid_value");
        assertThat(a.text("field")).isEqualTo("tokenResponse.expiresInUnit");

        body.put("tokenResponse", Map.of("accessTokenPath", "a/b"));
        assertThat(api.post("/api/v1/connections", body).text("field")).isEqualTo("tokenResponse.accessTokenPath");
        body.put("tokenResponse", Map.of("defaultExpiresInSeconds", -5));
        assertThat(api.post("/api/v1/connections", body).text("field")).isEqualTo("tokenResponse.defaultExpiresInSeconds");
    }

    private static String clientCredentials(FakeTokenEndpoint endpoint, Map<String, Object> quirks) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("type", "oauth2", "name", "Quirks " + System.nanoTime(),
                "clientId", "c", "clientSecret", "s", "grantType", "client_credentials", "tokenUrl", endpoint.url()));
        if (quirks != null) {
            body.put("tokenResponse", quirks);
        }
        Api.Answer created = api.post("/api/v1/connections", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("id");
    }
}

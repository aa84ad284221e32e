package dev.keyway.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Callers;
import dev.keyway.testing.Connections;
import dev.keyway.testing.FakeTokenEndpoint;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.Operator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client credentials grant against mock-oauth2-server: no Connect, tokens on demand, renewed by asking again. */
class ClientCredentialsTest {
    static AuthServer as;
    static MutableClock clock = new MutableClock();
    static KeywayUnderTest keyway;
    static Api api;
    static Operator operator;

    @BeforeAll
    static void start() {
        as = new AuthServer();
        keyway = KeywayUnderTest.builder().clock(clock).start();
        api = keyway.newAccount("Acme");
        operator = new Operator(api);
    }

    @AfterAll
    static void stop() {
        keyway.close();
        as.close();
    }

    static Connections clientCredentials() {
        return Connections.against(as).without("authorizationUrl").with("grantType", "client_credentials")
                .with("scopes", List.of("crm.read"));
    }

    @Test
    void aTokenIsServedWithoutConnectAndTheConnectionIsConnectedAfterIt() {
        String id = operator.create(clientCredentials());
        Api.Answer created = api.get("/api/v1/connections/" + id);
        assertThat(created.text("status")).isEqualTo("not_connected");
        assertThat(created.text("grantType")).isEqualTo("client_credentials");
        assertThat(created.text("authorizationUrl")).isNull();
        as.drainRequests();

        String token = operator.accessToken(id);

        assertThat(token).isNotBlank();
        var requests = as.drainRequests().stream().filter(r -> r.getPath().startsWith("/" + AuthServer.ISSUER + "/token")).toList();
        assertThat(requests).hasSize(1);
        String form = requests.get(0).getBody().readUtf8();
        assertThat(form).contains("grant_type=client_credentials").contains("scope=crm.read");
        assertThat(requests.get(0).getHeader("Authorization")).startsWith("Basic ");
        assertThat(api.get("/api/v1/connections/" + id).text("status")).isEqualTo("connected");
        assertThat(operator.accessToken(id)).as("served from the cache").isEqualTo(token);
        assertThat(as.tokenRequests()).isZero();
    }

    @Test
    void anExpiredTokenIsReplacedByOneNewRequest() {
        String id = operator.create(clientCredentials());
        String first = operator.accessToken(id);
        as.drainRequests();

        clock.advance(Duration.ofHours(3));
        List<Api.Answer> answers = Callers.all(Callers.start(20, i -> api.get("/api/v1/connections/" + id + "/token")));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
        Set<String> tokens = answers.stream().map(a -> a.text("accessToken")).collect(Collectors.toSet());
        assertThat(tokens).hasSize(1).doesNotContain(first);
        assertThat(as.tokenRequests()).isEqualTo(1);
    }

    @Test
    void twoHundredConcurrentCallersCauseOneTokenRequest() {
        String id = operator.create(clientCredentials());
        as.drainRequests();

        List<Api.Answer> answers = Callers.all(Callers.start(200, i -> api.get("/api/v1/connections/" + id + "/token")));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
        assertThat(answers.stream().map(a -> a.text("accessToken")).distinct()).hasSize(1);
        assertThat(as.tokenRequests()).isEqualTo(1);
    }

    @Test
    void aForcedRefreshRequestsANewToken() {
        String id = operator.create(clientCredentials());
        String first = operator.accessToken(id);

        Api.Answer refreshed = api.post("/api/v1/connections/" + id + "/refresh", Map.of());

        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.text("accessToken")).isNotEqualTo(first);
    }

    @Test
    void aRefusedClientMeansNeedsReconnect() {
        try (FakeTokenEndpoint tokenEndpoint = new FakeTokenEndpoint()) {
            tokenEndpoint.answer(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
            String id = operator.create(clientCredentials().with("tokenUrl", tokenEndpoint.url()));

            Api.Answer refused = api.get("/api/v1/connections/" + id + "/token");

            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.text("code")).isEqualTo("needs_reconnect");
            Api.Answer c = api.get("/api/v1/connections/" + id);
            assertThat(c.text("status")).isEqualTo("needs_reconnect");
            assertThat(c.text("lastError")).contains("invalid_client");
            assertThat(api.get("/api/v1/connections/" + id + "/token").status()).isEqualTo(409);
            assertThat(tokenEndpoint.bodies()).hasSize(1);

            // the operator fixes the secret: no Connect exists, the next token is simply requested again
            tokenEndpoint.answer(200, "{\"access_token\":\"cc-token-2\",\"token_type\":\"Bearer\",\"expires_in\":600}");
            Api.Answer edited = api.patch("/api/v1/connections/" + id, Map.of("clientSecret", "the-right-secret"));
            assertThat(edited.status()).as(edited.body()).isEqualTo(200);
            assertThat(edited.text("status")).isEqualTo("not_connected");
            assertThat(operator.accessToken(id)).isEqualTo("cc-token-2");
            assertThat(api.get("/api/v1/connections/" + id).text("status")).isEqualTo("connected");
        }
    }

    @Test
    void changingTheScopesDropsTheTokenAndTheNextOneIsRequestedWithTheNewScopes() {
        String id = operator.create(clientCredentials());
        operator.accessToken(id);
        as.drainRequests();

        Api.Answer edited = api.patch("/api/v1/connections/" + id, Map.of("scopes", List.of("crm.write")));
        assertThat(edited.text("status")).isEqualTo("not_connected");
        operator.accessToken(id);

        var requests = as.drainRequests().stream().filter(r -> r.getPath().startsWith("/" + AuthServer.ISSUER + "/token")).toList();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getBody().readUtf8()).contains("scope=crm.write");
    }

    @Test
    void thereIsNoConnectStep() {
        String id = operator.create(clientCredentials());

        Api.Answer refused = api.post("/api/v1/connections/" + id + "/connect", Map.of());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("no_connect_step");
    }

    @Test
    void aClientSecretIsRequired() {
        Api.Answer refused = api.post("/api/v1/connections", clientCredentials().without("clientSecret").body());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("client_secret_required");
    }

    @Test
    void anUnknownGrantTypeIsRefused() {
        Api.Answer refused = api.post("/api/v1/connections", clientCredentials().with("grantType", "password").body());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("field")).isEqualTo("grantType");
    }
}

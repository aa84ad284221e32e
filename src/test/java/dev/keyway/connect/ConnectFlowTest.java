package dev.keyway.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Browser;
import dev.keyway.testing.Connections;
import dev.keyway.testing.KeywayUnderTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConnectFlowTest {
    static AuthServer as;
    static KeywayUnderTest keyway;
    static Api api;

    @BeforeAll
    static void start() {
        as = new AuthServer();
        keyway = KeywayUnderTest.builder().start();
        api = keyway.newAccount("Acme");
    }

    @AfterAll
    static void stop() {
        keyway.close();
        as.close();
    }

    @Test
    void connectWithPkceThenConnectionIsConnectedAndTokenIsServed() {
        Api.Answer created = api.post("/api/v1/connections", Connections.against(as).body());
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.text("status")).isEqualTo("not_connected");
        assertThat(created.text("redirectUri")).isEqualTo(keyway.base() + "/oauth2/callback");

        Api.Answer started = api.post("/api/v1/connections/" + id + "/connect", Map.of());
        assertThat(started.status()).isEqualTo(201);
        Browser browser = new Browser();
        HttpResponse<String> landed = browser.connect(started.text("connectUrl"), "operator@acme.test");

        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.body()).contains("is connected");
        Api.Answer after = api.get("/api/v1/connections/" + id);
        assertThat(after.text("status")).isEqualTo("connected");
        Api.Answer token = api.get("/api/v1/connections/" + id + "/token");
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.text("accessToken")).isNotBlank();
        assertThat(token.text("tokenType")).isEqualToIgnoringCase("Bearer");
        var tokenRequest = as.drainRequests().stream()
                .filter(r -> r.getPath().startsWith("/" + AuthServer.ISSUER + "/token")).findFirst().orElseThrow();
        assertThat(tokenRequest.getBody().readUtf8()).contains("code_verifier=").contains("grant_type=authorization_code");
    }

    @Test
    void failedConnectStartedFromAPageOffersTheWayBackToIt() {
        String id = api.post("/api/v1/connections", Connections.against(as).body()).text("id");
        String connectUrl = api.post("/api/v1/connections/" + id + "/connect",
                Map.of("returnUrl", "/admin/connections/" + id)).text("connectUrl");
        Browser browser = new Browser();
        URI authorization = browser.openConnectLink(connectUrl);
        String state = java.util.Arrays.stream(authorization.getRawQuery().split("&"))
                .filter(p -> p.startsWith("state=")).findFirst().orElseThrow().substring(6);

        HttpResponse<String> page = browser.get(keyway.base() + "/oauth2/callback?error=access_denied&state=" + state);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("access_denied")
                .contains("href=\"" + keyway.base() + "/admin/connections/" + id + "\"");
    }
}

package dev.keyway.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.Connections;
import dev.keyway.testing.FakeAuthorizationServer;
import dev.keyway.testing.FakeAuthorizationServer.Received;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.Urls;
import dev.keyway.testing.Operator;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 9126 through a real Connect against a fake authorization server on 127.0.0.1 that records what it receives:
 * the parameters go in an authenticated POST, the browser carries only client_id and request_uri.
 */
class PushedAuthorizationTest {
    FakeAuthorizationServer as;
    KeywayUnderTest keyway;
    Api api;
    Operator operator;

    @BeforeEach
    void start() {
        as = new FakeAuthorizationServer();
        keyway = KeywayUnderTest.builder().start();
        api = keyway.newAccount("Acme");
        operator = new Operator(api);
    }

    @AfterEach
    void stop() {
        keyway.close();
        as.close();
    }

    @Test
    void aDiscoveredParEndpointIsUsedAndTheBrowserCarriesOnlyTheRequestUri() {
        String id = operator.create(body().with("authorizationParams", Map.of("prompt", "consent")));
        assertThat(api.get("/api/v1/connections/" + id).text("parUrl")).isEqualTo(as.url("/par"));

        URI authorize = operator.browser().openConnectLink(operator.connectUrl(id));

        assertThat(authorize.getPath()).isEqualTo("/authorize");
        assertThat(Urls.query(authorize).keySet()).containsExactly("client_id", "request_uri");
        assertThat(Urls.query(authorize).get("client_id")).isEqualTo("par-client");
        Received pushed = as.parRequests().getFirst();
        assertThat(pushed.authorization()).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("par-client:par-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(pushed.params()).containsKeys("state", "code_challenge", "redirect_uri");
        assertThat(pushed.param("code_challenge_method")).isEqualTo("S256");
        assertThat(pushed.param("scope")).isEqualTo("crm.read");
        assertThat(pushed.param("prompt")).isEqualTo("consent");
        assertThat(pushed.param("redirect_uri")).isEqualTo(keyway.base() + "/oauth2/callback");
        assertThat(pushed.params()).doesNotContainKey("client_secret");

        HttpResponse<String> back = operator.browser().get(operator.browser().get(authorize.toString())
                .headers().firstValue("Location").orElseThrow());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/connections/" + id).text("status")).isEqualTo("connected");
        assertThat(as.tokenRequests().getFirst().param("code_verifier")).isNotBlank();
    }

    @Test
    void aRefusedPushShowsTheOAuthErrorOnThePlainPageAndWritesNoGrant() {
        String id = operator.create(body());
        as.refusePar("invalid_scope");

        HttpResponse<String> page = operator.browser().get(operator.connectUrl(id));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("invalid_scope").doesNotContain("par-secret");
        assertThat(as.authorizeRequests()).isEmpty();
        assertThat(as.tokenRequests()).isEmpty();
        Api.Answer c = api.get("/api/v1/connections/" + id);
        assertThat(c.text("status")).isEqualTo("not_connected");
        assertThat(c.json().get("grant").isNull()).isTrue();
        assertThat(c.text("lastError")).contains("PAR endpoint refused").contains("invalid_scope");
    }

    @Test
    void aParUrlTheEgressGuardRefusesIsNeverCalled() {
        String id = operator.create(body().with("parUrl", "http://169.254.169.254/par"));

        HttpResponse<String> page = operator.browser().get(operator.connectUrl(id));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("refused to call the PAR URL");
        assertThat(as.parRequests()).isEmpty();
    }

    @Test
    void aRefusedPushStartedFromAKeywayPageLinksBackToIt() {
        String id = operator.create(body());
        as.refusePar("invalid_request");
        String back = "/admin/connections/" + id;
        Api.Answer started = api.post("/api/v1/connections/" + id + "/connect", Map.of("returnUrl", back));

        HttpResponse<String> page = operator.browser().get(started.text("connectUrl"));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("href=\"" + keyway.base() + back + "\"");
    }

    @Test
    void parOffSendsTheClassicRequestThoughAnEndpointIsKnown() {
        String id = operator.create(body().with("par", "off"));

        URI authorize = operator.browser().openConnectLink(operator.connectUrl(id));

        assertThat(Urls.query(authorize)).containsKeys("state", "code_challenge", "scope").doesNotContainKey("request_uri");
        assertThat(as.parRequests()).isEmpty();
    }

    @Test
    void aServerThatRequiresParMakesTheConnectionRequireIt() {
        as.requirePar();

        String id = operator.create(body());
        Api.Answer off = api.post("/api/v1/connections", body().with("name", "Off").with("par", "off").body());

        assertThat(api.get("/api/v1/connections/" + id).text("par")).isEqualTo("required");
        assertThat(off.status()).isEqualTo(400);
        assertThat(off.text("code")).isEqualTo("par_required_by_server");
        assertThat(off.text("field")).isEqualTo("par");
        assertThat(as.connect(operator.browser(), operator.connectUrl(id)).statusCode()).isEqualTo(200);
    }

    @Test
    void requiredWithoutAParEndpointIsRefusedWhenSaved() {
        Map<String, Object> b = body().without("issuer").with("authorizationUrl", as.url("/authorize"))
                .with("tokenUrl", as.url("/token")).with("par", "required").body();

        Api.Answer created = api.post("/api/v1/connections", b);

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.text("code")).isEqualTo("par_url_required");
        assertThat(created.text("field")).isEqualTo("parUrl");
    }

    @Test
    void anUnknownParModeIsRefused() {
        Api.Answer created = api.post("/api/v1/connections", body().with("par", "sometimes").body());

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.text("code")).isEqualTo("invalid_value");
        assertThat(created.text("field")).isEqualTo("par");
    }

    private Connections body() {
        return Connections.fromIssuer(as.issuer());
    }
}

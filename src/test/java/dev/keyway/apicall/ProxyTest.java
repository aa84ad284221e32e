package dev.keyway.apicall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.KeywayUnderTest;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /api/v1/proxy/{id}/…: what is forwarded, what is not, and what comes back. */
class ProxyTest {
    static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static KeywayUnderTest keyway;
    static String key;
    static Api api;
    final MockWebServer upstream = new MockWebServer();

    @BeforeAll
    static void startKeyway() {
        keyway = KeywayUnderTest.builder().start();
        key = keyway.keyway().accounts().create("Acme").apiKey();
        api = new Api(keyway.base(), key);
    }

    @AfterAll
    static void stopKeyway() {
        keyway.close();
    }

    @BeforeEach
    void startUpstream() throws Exception {
        upstream.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    String connection(Map<String, Object> placement) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("type", "token", "name", "t " + System.nanoTime(),
                "token", "tok-1", "allowedUrl", "http://127.0.0.1:" + upstream.getPort() + "/v1"));
        if (placement != null) {
            body.put("credentialPlacement", placement);
        }
        Api.Answer created = api.post("/api/v1/connections", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("id");
    }

    HttpRequest.Builder to(String id, String rest) {
        return HttpRequest.newBuilder(URI.create(keyway.base() + "/api/v1/proxy/" + id + rest));
    }

    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    RecordedRequest received() throws InterruptedException {
        RecordedRequest r = upstream.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        return r;
    }

    @Test
    void methodPathQueryHeadersAndBodyAreForwardedWithTheCredential() throws Exception {
        String id = connection(null);
        upstream.enqueue(new MockResponse.Builder().code(201).addHeader("X-Upstream", "yes")
                .addHeader("Content-Type", "application/json").body("{\"id\": 7}").build());

        HttpResponse<String> answer = send(to(id, "/items/7?x=1&y=a%20b").header("Authorization", "Bearer " + key)
                .header("X-Trace", "t1").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\": \"seven\"}")).build());

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.body()).isEqualTo("{\"id\": 7}");
        assertThat(answer.headers().firstValue("X-Upstream")).hasValue("yes");
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        RecordedRequest r = received();
        assertThat(r.getMethod()).isEqualTo("PUT");
        assertThat(r.getTarget()).isEqualTo("/v1/items/7?x=1&y=a%20b");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
        assertThat(r.getHeaders().get("X-Trace")).isEqualTo("t1");
        assertThat(r.getBody().utf8()).isEqualTo("{\"name\": \"seven\"}");
    }

    @Test
    void theCallersAuthorizationAndApiKeyNeverReachTheService() throws Exception {
        String id = connection(Map.of("in", "header", "name", "X-Service-Token"));
        upstream.enqueue(new MockResponse.Builder().body("a").build());
        upstream.enqueue(new MockResponse.Builder().body("b").build());

        send(to(id, "/a").header("Authorization", "Bearer " + key).build());
        send(to(id, "/b").header("X-API-Key", key).header("Authorization", "Basic c2VjcmV0").build());

        for (int i = 0; i < 2; i++) {
            RecordedRequest r = received();
            assertThat(r.getHeaders().get("Authorization")).isNull();
            assertThat(r.getHeaders().get("X-API-Key")).isNull();
            assertThat(r.getHeaders().get("X-Service-Token")).isEqualTo("tok-1");
            assertThat(r.getHeaders().toString()).doesNotContain(key);
        }
    }

    @Test
    void basicAndCustomConnectionsPutTheirOwnHeadersInPlaceOfTheCallersKey() throws Exception {
        String allowed = "http://127.0.0.1:" + upstream.getPort() + "/v1";
        String basic = api.post("/api/v1/connections", Map.of("type", "basic", "name", "b " + System.nanoTime(),
                "username", "alice", "password", "pw", "allowedUrl", allowed)).text("id");
        String custom = api.post("/api/v1/connections", Map.of("type", "custom", "name", "c " + System.nanoTime(),
                "headers", Map.of("X-Key", "k1"), "allowedUrl", allowed)).text("id");
        upstream.enqueue(new MockResponse.Builder().body("a").build());
        upstream.enqueue(new MockResponse.Builder().body("b").build());

        send(to(basic, "/a").header("Authorization", "Bearer " + key).build());
        send(to(custom, "/b").header("Authorization", "Bearer " + key).header("X-Key", "forged").build());

        assertThat(received().getHeaders().get("Authorization")).isEqualTo("Basic YWxpY2U6cHc=");
        RecordedRequest c = received();
        assertThat(c.getHeaders().values("X-Key")).containsExactly("k1");
        assertThat(c.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void aStaticTokensExpiredStatusIsReturnedWithoutRetry() throws Exception {
        String id = connection(null);
        upstream.enqueue(new MockResponse.Builder().code(401).body("expired").build());

        HttpResponse<String> answer = send(to(id, "/x").header("X-API-Key", key).build());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo("expired");
        assertThat(upstream.getRequestCount()).isEqualTo(1);
    }

    @Test
    void hopByHopHeadersAreDroppedBothWays() throws Exception {
        String id = connection(null);
        upstream.enqueue(new MockResponse.Builder().addHeader("Connection", "X-Hop").addHeader("X-Hop", "1")
                .addHeader("Keep-Alive", "timeout=5").addHeader("X-End-To-End", "kept").body("ok").build());

        HttpResponse<String> answer = send(to(id, "/hop").header("X-API-Key", key).header("TE", "trailers")
                .header("Keep-Alive", "timeout=1").header("Proxy-Authorization", "Basic eA==").header("Trailer", "X-T").build());

        RecordedRequest r = received();
        assertThat(r.getHeaders().names()).doesNotContain("TE", "Keep-Alive", "Proxy-Authorization", "Trailer", "te");
        assertThat(answer.headers().map().keySet()).doesNotContain("x-hop", "keep-alive");
        assertThat(answer.headers().firstValue("X-End-To-End")).hasValue("kept");
    }

    @Test
    void aRedirectComesBackAsItIsAndIsNotFollowed() throws Exception {
        String id = connection(null);
        upstream.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "http://localhost:1/elsewhere").build());

        HttpResponse<String> answer = send(to(id, "/go").header("X-API-Key", key).build());

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValue("http://localhost:1/elsewhere");
        assertThat(upstream.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aQueryPlacedTokenReplacesTheCallersParameterOfTheSameName() throws Exception {
        String id = connection(Map.of("in", "query", "name", "api_key"));
        upstream.enqueue(new MockResponse.Builder().body("ok").build());

        send(to(id, "/q?api_key=forged&x=1").header("X-API-Key", key).build());

        RecordedRequest r = received();
        assertThat(r.getUrl().queryParameterValues("api_key")).containsExactly("tok-1");
        assertThat(r.getUrl().queryParameter("x")).isEqualTo("1");
    }

    @Test
    void headAnswersHeadersOnly() throws Exception {
        String id = connection(null);
        upstream.enqueue(new MockResponse.Builder().addHeader("X-Size", "3").body("abc").build());

        HttpResponse<String> answer = send(to(id, "/h").header("X-API-Key", key).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Size")).hasValue("3");
        assertThat(received().getMethod()).isEqualTo("HEAD");
    }

    @Test
    void aPathThatLeavesTheAllowedUrlIsRefusedAndTheServiceSeesNothing() throws Exception {
        String id = connection(null);

        HttpResponse<String> encoded = send(to(id, "/%2e%2e/admin").header("X-API-Key", key).build());
        HttpResponse<String> semicolon = send(to(id, "/..;/admin").header("X-API-Key", key).build());

        assertThat(encoded.statusCode()).isEqualTo(400);
        assertThat(encoded.body()).contains("url_not_allowed");
        assertThat(semicolon.statusCode()).isIn(400, 404);
        assertThat(upstream.getRequestCount()).isZero();
    }

    @Test
    void anUpstreamErrorIsPassedThroughAndKeywaysOwnFailuresUseKeywaysCodes() throws Exception {
        String id = connection(null);
        upstream.enqueue(new MockResponse.Builder().code(503).body("busy").build());

        HttpResponse<String> busy = send(to(id, "/x").header("X-API-Key", key).build());
        HttpResponse<String> other = send(HttpRequest.newBuilder(URI.create(keyway.base() + "/api/v1/proxy/con_nope/x"))
                .header("X-API-Key", key).build());

        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.body()).isEqualTo("busy");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("not_found");
    }
}

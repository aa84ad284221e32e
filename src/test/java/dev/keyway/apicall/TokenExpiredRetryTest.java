package dev.keyway.apicall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Browser;
import dev.keyway.testing.Connections;
import dev.keyway.testing.KeywayUnderTest;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
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

/** An oauth2 connection (real Connect against mock-oauth2-server) whose service says "token expired": one refresh, one retry. */
class TokenExpiredRetryTest {
    static AuthServer as;
    static KeywayUnderTest keyway;
    static Api api;
    static String apiKey;
    final MockWebServer upstream = new MockWebServer();

    @BeforeAll
    static void start() {
        as = new AuthServer();
        keyway = KeywayUnderTest.builder().start();
        var created = keyway.keyway().accounts().create("Acme");
        apiKey = created.apiKey();
        api = new Api(keyway.base(), apiKey);
    }

    @AfterAll
    static void stop() {
        keyway.close();
        as.close();
    }

    @BeforeEach
    void startUpstream() throws Exception {
        upstream.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    String connected(List<Integer> expiredStatuses) {
        Connections body = Connections.against(as).with("allowedUrl", "http://127.0.0.1:" + upstream.getPort() + "/api");
        if (expiredStatuses != null) {
            body.with("tokenExpiredStatuses", expiredStatuses);
        }
        Api.Answer created = api.post("/api/v1/connections", body.body());
        String id = created.text("id");
        String link = api.post("/api/v1/connections/" + id + "/connect", Map.of()).text("connectUrl");
        assertThat(new Browser().connect(link, "operator@acme.test").statusCode()).isEqualTo(200);
        as.drainRequests();
        return id;
    }

    String bearer() throws InterruptedException {
        RecordedRequest r = upstream.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        return r.getHeaders().get("Authorization");
    }

    static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body("{\"status\": " + code + "}").build();
    }

    @Test
    void a401IsFollowedByOneRefreshAndOneRetryThatSucceeds() throws Exception {
        String id = connected(null);
        upstream.enqueue(status(401));
        upstream.enqueue(status(200));

        Api.Answer answer = api.post("/api/v1/connections/" + id + "/requests", Map.of("url", "/contacts"));

        assertThat(answer.json().get("status").asInt()).isEqualTo(200);
        String first = bearer();
        String second = bearer();
        assertThat(first).startsWith("Bearer ");
        assertThat(second).startsWith("Bearer ").isNotEqualTo(first);
        assertThat(as.tokenRequests()).as("refreshes").isEqualTo(1);
        assertThat(api.get("/api/v1/connections/" + id + "/token").text("accessToken")).isEqualTo(second.substring(7));
    }

    @Test
    void a401TwiceReturnsThe401AfterExactlyOneRefresh() throws Exception {
        String id = connected(null);
        upstream.enqueue(status(401));
        upstream.enqueue(status(401));
        upstream.enqueue(status(200)); // must not be asked for

        Api.Answer answer = api.post("/api/v1/connections/" + id + "/requests", Map.of("url", "/contacts"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asInt()).isEqualTo(401);
        assertThat(upstream.getRequestCount()).isEqualTo(2);
        assertThat(as.tokenRequests()).as("refreshes").isEqualTo(1);
    }

    @Test
    void aConfiguredExpiredStatusSuchAs403AlsoRefreshes() throws Exception {
        String id = connected(List.of(403));
        upstream.enqueue(status(403));
        upstream.enqueue(status(200));

        Api.Answer answer = api.post("/api/v1/connections/" + id + "/requests", Map.of("url", "/contacts"));

        assertThat(answer.json().get("status").asInt()).isEqualTo(200);
        assertThat(as.tokenRequests()).isEqualTo(1);
    }

    @Test
    void aStatusThatIsNotConfiguredDoesNotRefresh() {
        String id = connected(List.of(403));
        upstream.enqueue(status(401));

        Api.Answer answer = api.post("/api/v1/connections/" + id + "/requests", Map.of("url", "/contacts"));

        assertThat(answer.json().get("status").asInt()).isEqualTo(401);
        assertThat(upstream.getRequestCount()).isEqualTo(1);
        assertThat(as.tokenRequests()).isZero();
    }

    @Test
    void theProxyRefreshesOnceAndResendsASmallBody() throws Exception {
        String id = connected(null);
        upstream.enqueue(status(401));
        upstream.enqueue(status(201));

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keyway.base() + "/api/v1/proxy/" + id + "/contacts"))
                .header("X-API-Key", apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"a@b.test\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(201);
        RecordedRequest first = upstream.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest second = upstream.takeRequest(5, TimeUnit.SECONDS);
        assertThat(second.getHeaders().get("Authorization")).isNotEqualTo(first.getHeaders().get("Authorization"));
        assertThat(second.getBody().utf8()).isEqualTo(first.getBody().utf8()).isEqualTo("{\"email\": \"a@b.test\"}");
        assertThat(as.tokenRequests()).isEqualTo(1);
    }

    @Test
    void theProxyReturnsASecond401AsItIs() throws Exception {
        String id = connected(null);
        upstream.enqueue(status(401));
        upstream.enqueue(status(401));

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keyway.base() + "/api/v1/proxy/" + id + "/contacts"))
                .header("X-API-Key", apiKey).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo("{\"status\": 401}");
        assertThat(upstream.getRequestCount()).isEqualTo(2);
        assertThat(as.tokenRequests()).isEqualTo(1);
    }
}

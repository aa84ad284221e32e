package dev.keyway.egress;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Allowed traffic to a server on 127.0.0.1 (allowlisted): requests, caps and timeouts. */
class EgressClientLoopbackTest {
    private final MockWebServer server = new MockWebServer();
    private final EgressPolicy policy = EgressPolicy.defaults().withAllowlist(List.of("127.0.0.0/8"));
    private EgressClient client = new EgressClient(policy);

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void getSendsHeadersAndReturnsStatusHeadersBodyAndFinalUrl() throws Exception {
        server.enqueue(new MockResponse.Builder().code(201).setHeader("Content-Type", "application/json")
                .setHeader("X-Reply", "yes").body("{\"ok\":true}").build());

        EgressResponse response = client.send(EgressRequest.get(url("/api?q=1")).withHeader("X-Trace", "t-1"));

        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded.getMethod()).isEqualTo("GET");
        assertThat(recorded.getTarget()).isEqualTo("/api?q=1");
        assertThat(recorded.getHeaders().get("X-Trace")).isEqualTo("t-1");
        assertThat(recorded.getHeaders().get("Cookie")).isNull();
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.header("x-REPLY")).contains("yes");
        assertThat(new String(response.body(), UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(response.finalUrl()).isEqualTo(url("/api?q=1"));
    }

    @Test
    void postSendsBodyAndContentType() throws Exception {
        server.enqueue(new MockResponse.Builder().body("done").build());

        EgressResponse response = client.send(EgressRequest.post(url("/token"),
                "application/x-www-form-urlencoded", "grant_type=refresh_token".getBytes(UTF_8)));

        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getHeaders().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(recorded.getBody().utf8()).isEqualTo("grant_type=refresh_token");
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void bodyOfExactlyTheCapIsAccepted() throws Exception {
        client = new EgressClient(policy.withMaxResponseBytes(16));
        server.enqueue(new MockResponse.Builder().body("x".repeat(16)).build());

        assertThat(client.send(EgressRequest.get(url("/"))).body()).hasSize(16);
    }

    @Test
    void declaredLengthOverTheCapIsRefused() {
        client = new EgressClient(policy.withMaxResponseBytes(16));
        server.enqueue(new MockResponse.Builder().body("x".repeat(17)).build());

        assertThat(refusal(EgressRequest.get(url("/"))).rule()).isEqualTo(Rule.RESPONSE_TOO_LARGE);
    }

    @Test
    void headResponseMayDeclareALengthOverTheCap() throws Exception {
        client = new EgressClient(policy.withMaxResponseBytes(16));
        server.enqueue(new MockResponse.Builder().setHeader("Content-Length", "1000000").build());

        EgressResponse response = client.send(new EgressRequest("HEAD", url("/"), java.util.Map.of(), null, null, true));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void chunkedBodyOverTheCapIsRefusedWhileReading() {
        client = new EgressClient(policy.withMaxResponseBytes(1000));
        server.enqueue(new MockResponse.Builder().chunkedBody("y".repeat(5000), 100).build());

        assertThat(refusal(EgressRequest.get(url("/"))).rule()).isEqualTo(Rule.RESPONSE_TOO_LARGE);
    }

    @Test
    void slowBodyHitsTheWholeCallTimeout() {
        server.enqueue(new MockResponse.Builder().body("late").bodyDelay(10, TimeUnit.SECONDS).build());
        long started = System.nanoTime();

        EgressException refused = refusal(EgressRequest.get(url("/")).withTimeout(Duration.ofMillis(300)));

        assertThat(refused.rule()).isEqualTo(Rule.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void slowHeadersHitThePolicyDefaultTimeout() {
        client = new EgressClient(policy.withDefaultTimeout(Duration.ofMillis(300)));
        server.enqueue(new MockResponse.Builder().headersDelay(10, TimeUnit.SECONDS).build());

        assertThat(refusal(EgressRequest.get(url("/"))).rule()).isEqualTo(Rule.TIMEOUT);
    }

    @Test
    void serverThatIsNotListeningIsANetworkFailureNotARefusal() throws Exception {
        URI closed = url("/");
        server.close();

        Throwable failure = catchThrowableOfType(java.io.IOException.class,
                () -> client.send(EgressRequest.get(closed)));

        assertThat(failure).isNotNull().isNotInstanceOf(EgressException.class);
    }

    @Test
    void concurrentCallsFromVirtualThreadsShareOneClient() throws Exception {
        for (int i = 0; i < 20; i++) {
            server.enqueue(new MockResponse.Builder().body("ok").build());
        }
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = java.util.stream.IntStream.range(0, 20)
                    .mapToObj(i -> executor.submit(() -> client.send(EgressRequest.get(url("/" + i))).status()))
                    .toList();
            for (var future : futures) {
                assertThat(future.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            }
        }
        assertThat(server.getRequestCount()).isEqualTo(20);
    }

    private EgressException refusal(EgressRequest request) {
        EgressException refused = catchThrowableOfType(EgressException.class, () -> client.send(request));
        assertThat(refused).isNotNull();
        return refused;
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }
}

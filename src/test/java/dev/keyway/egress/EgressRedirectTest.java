package dev.keyway.egress;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Redirects between two servers on 127.0.0.1; "localhost" is scripted to 127.0.0.1 only. */
class EgressRedirectTest {
    private final MockWebServer first = new MockWebServer();
    private final MockWebServer second = new MockWebServer();
    private final ScriptedResolver resolver = new ScriptedResolver().answer("localhost", "127.0.0.1");

    @BeforeEach
    void start() throws Exception {
        first.start(InetAddress.getByName("127.0.0.1"), 0);
        second.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void redirectWithinTheOriginKeepsAuthorization() throws Exception {
        first.enqueue(redirect(302, "/next"));
        first.enqueue(new MockResponse.Builder().body("there").build());

        EgressResponse response = client(List.of("127.0.0.1")).send(
                EgressRequest.get(url("127.0.0.1", first, "/start")).withHeader("Authorization", "Bearer a"));

        first.takeRequest(5, TimeUnit.SECONDS);
        assertThat(first.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization")).isEqualTo("Bearer a");
        assertThat(response.finalUrl()).isEqualTo(url("127.0.0.1", first, "/next"));
        assertThat(new String(response.body(), UTF_8)).isEqualTo("there");
    }

    @Test
    void redirectToAnotherOriginDropsAuthorizationCookieAndCredentialHeaders() throws Exception {
        first.enqueue(redirect(307, url("localhost", first, "/elsewhere").toString()));
        first.enqueue(new MockResponse.Builder().body("ok").build());
        EgressRequest request = EgressRequest.get(url("127.0.0.1", first, "/"))
                .withHeader("Authorization", "Bearer a").withHeader("Proxy-Authorization", "Basic b")
                .withHeader("Cookie", "session=c").withCredentialHeader("X-Api-Key", "k")
                .withHeader("X-Trace", "t");

        EgressResponse response = client(List.of("127.0.0.1", "localhost")).send(request);

        assertThat(first.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("X-Api-Key")).isEqualTo("k");
        Headers hop = first.takeRequest(5, TimeUnit.SECONDS).getHeaders();
        assertThat(hop.names()).doesNotContain("Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key");
        assertThat(hop.get("X-Trace")).isEqualTo("t");
        assertThat(hop.get("Host")).isEqualTo("localhost:" + first.getPort());
        assertThat(response.finalUrl().getHost()).isEqualTo("localhost");
    }

    @ParameterizedTest(name = "redirect to {0} is refused")
    @ValueSource(strings = {"127.0.0.1", "2130706433", "127.1", "0x7f000001", "[::ffff:127.0.0.1]"})
    void redirectFromAllowlistedHostToNonAllowlistedLoopbackIsRefused(String host) {
        first.enqueue(redirect(302, "http://" + host + ":" + second.getPort() + "/"));
        second.enqueue(new MockResponse.Builder().body("must not be reached").build());

        EgressException refused = catchThrowableOfType(EgressException.class,
                () -> client(List.of("localhost")).send(EgressRequest.get(url("localhost", first, "/"))));

        assertThat(refused.rule()).isEqualTo(Rule.LOOPBACK);
        assertThat(first.getRequestCount()).isEqualTo(1);
        assertThat(second.getRequestCount()).isZero();
    }

    @Test
    void redirectToMetadataNameOrOtherSchemeIsRefused() {
        first.enqueue(redirect(302, "http://metadata.google.internal/computeMetadata/v1/"));
        first.enqueue(redirect(302, "file:///etc/passwd"));
        EgressClient client = client(List.of("127.0.0.1"));

        assertThat(catchThrowableOfType(EgressException.class,
                () -> client.send(EgressRequest.get(url("127.0.0.1", first, "/")))).rule()).isEqualTo(Rule.HOST_DENIED);
        assertThat(catchThrowableOfType(EgressException.class,
                () -> client.send(EgressRequest.get(url("127.0.0.1", first, "/")))).rule()).isEqualTo(Rule.SCHEME);
    }

    @Test
    void moreRedirectsThanThePolicyAllowsAreRefused() {
        for (int i = 0; i < 3; i++) {
            first.enqueue(redirect(302, "/again"));
        }
        EgressClient client = new EgressClient(policy(List.of("127.0.0.1")).withMaxRedirects(2), resolver,
                Connector.direct());

        EgressException refused = catchThrowableOfType(EgressException.class,
                () -> client.send(EgressRequest.get(url("127.0.0.1", first, "/"))));

        assertThat(refused.rule()).isEqualTo(Rule.TOO_MANY_REDIRECTS);
        assertThat(first.getRequestCount()).isEqualTo(3);
    }

    @Test
    void exactlyMaxRedirectsAreFollowed() throws Exception {
        first.enqueue(redirect(301, "/1"));
        first.enqueue(redirect(308, "/2"));
        first.enqueue(new MockResponse.Builder().body("end").build());
        EgressClient client = new EgressClient(policy(List.of("127.0.0.1")).withMaxRedirects(2), resolver,
                Connector.direct());

        assertThat(client.send(EgressRequest.get(url("127.0.0.1", first, "/"))).finalUrl().getPath()).isEqualTo("/2");
    }

    @Test
    void seeOtherAfterPostBecomesGetWithoutBody() throws Exception {
        first.enqueue(redirect(303, "/result"));
        first.enqueue(new MockResponse.Builder().body("ok").build());

        client(List.of("127.0.0.1")).send(post("/submit").withFollowRedirects(true));

        assertThat(first.takeRequest(5, TimeUnit.SECONDS).getMethod()).isEqualTo("POST");
        RecordedRequest hop = first.takeRequest(5, TimeUnit.SECONDS);
        assertThat(hop.getMethod()).isEqualTo("GET");
        assertThat(hop.getBodySize()).isZero();
        assertThat(hop.getHeaders().get("Content-Type")).isNull();
    }

    @Test
    void temporaryRedirectKeepsPostAndBody() throws Exception {
        first.enqueue(redirect(307, "/moved"));
        first.enqueue(new MockResponse.Builder().body("ok").build());

        client(List.of("127.0.0.1")).send(post("/submit").withFollowRedirects(true));

        first.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest hop = first.takeRequest(5, TimeUnit.SECONDS);
        assertThat(hop.getMethod()).isEqualTo("POST");
        assertThat(hop.getBody().utf8()).isEqualTo("a=1");
    }

    @Test
    void redirectIsReturnedAsIsWhenNotFollowing() throws Exception {
        first.enqueue(redirect(302, "http://10.0.0.1/"));

        EgressResponse response = client(List.of("127.0.0.1")).send(post("/submit"));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).contains("http://10.0.0.1/");
        assertThat(first.getRequestCount()).isEqualTo(1);
    }

    private EgressRequest post(String path) {
        return EgressRequest.post(url("127.0.0.1", first, path), "application/x-www-form-urlencoded",
                "a=1".getBytes(UTF_8));
    }

    private EgressClient client(List<String> allowlist) {
        return new EgressClient(policy(allowlist), resolver, Connector.direct());
    }

    private static EgressPolicy policy(List<String> allowlist) {
        return EgressPolicy.defaults().withAllowlist(allowlist);
    }

    private static MockResponse redirect(int status, String location) {
        return new MockResponse.Builder().code(status).setHeader("Location", location).build();
    }

    private static URI url(String host, MockWebServer server, String path) {
        return URI.create("http://" + host + ":" + server.getPort() + path);
    }
}

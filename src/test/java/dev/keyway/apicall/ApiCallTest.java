package dev.keyway.apicall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.KeywayUnderTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /api/v1/connections/{id}/requests against a real upstream on 127.0.0.1, with token, basic and custom connections. */
class ApiCallTest {
    static KeywayUnderTest keyway;
    static Api api;
    final MockWebServer upstream = new MockWebServer();

    @BeforeAll
    static void startKeyway() {
        keyway = KeywayUnderTest.builder().start();
        api = keyway.newAccount("Acme");
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

    String base() {
        return "http://127.0.0.1:" + upstream.getPort();
    }

    String tokenConnection(Object placement) {
        Map<String, Object> body = connection("token", Map.of("token", "tok-1"));
        if (placement != null) {
            body.put("credentialPlacement", placement);
        }
        return create(body);
    }

    Map<String, Object> connection(String type, Map<String, Object> secret) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("type", type, "name", type + " " + System.nanoTime(),
                "allowedUrl", base() + "/v1"));
        body.putAll(secret);
        return body;
    }

    static String create(Map<String, Object> body) {
        Api.Answer created = api.post("/api/v1/connections", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("id");
    }

    static Api.Answer call(String id, Map<String, Object> request) {
        return api.post("/api/v1/connections/" + id + "/requests", request);
    }

    RecordedRequest received() throws InterruptedException {
        RecordedRequest r = upstream.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).as("the upstream received a request").isNotNull();
        return r;
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void aTokenConnectionSendsABearerHeaderAndTheAnswerComesBackParsed() throws Exception {
        String id = tokenConnection(null);
        upstream.enqueue(json(200, "{\"ok\": true, \"items\": [1, 2]}"));

        Map<String, Object> query = new LinkedHashMap<>();
        query.put("page", 2);
        query.put("tag", List.of("a", "b"));
        Api.Answer answer = call(id, Map.of("method", "GET", "url", "/users", "query", query));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("status").asInt()).isEqualTo(200);
        assertThat(answer.json().get("body").get("items").toString()).isEqualTo("[1,2]");
        assertThat(answer.json().get("headers").get("content-type").get(0).asText()).isEqualTo("application/json");
        assertThat(answer.json().get("durationMs").asLong()).isGreaterThanOrEqualTo(0);
        RecordedRequest r = received();
        assertThat(r.getTarget()).isEqualTo("/v1/users?page=2&tag=a&tag=b");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
    }

    @Test
    void anotherSchemeGoesInFrontOfTheToken() throws Exception {
        String id = tokenConnection(Map.of("in", "header", "name", "Authorization", "scheme", "Token"));
        upstream.enqueue(json(200, "{}"));

        call(id, Map.of("url", base() + "/v1/me"));

        assertThat(received().getHeaders().get("Authorization")).isEqualTo("Token tok-1");
    }

    @Test
    void aCustomHeaderNameCarriesTheBareToken() throws Exception {
        String id = tokenConnection(Map.of("in", "header", "name", "X-Api-Token"));
        upstream.enqueue(json(200, "{}"));

        call(id, Map.of("url", "/me"));

        RecordedRequest r = received();
        assertThat(r.getHeaders().get("X-Api-Token")).isEqualTo("tok-1");
        assertThat(r.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void aQueryParameterCarriesTheToken() throws Exception {
        String id = tokenConnection(Map.of("in", "query", "name", "api_key"));
        upstream.enqueue(json(200, "{}"));

        call(id, Map.of("url", "/me?x=1"));

        RecordedRequest r = received();
        assertThat(r.getUrl().queryParameter("api_key")).isEqualTo("tok-1");
        assertThat(r.getUrl().queryParameter("x")).isEqualTo("1");
        assertThat(r.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void aCallerCannotSetTheQueryParameterThatCarriesTheToken() {
        String id = tokenConnection(Map.of("in", "query", "name", "api_key"));

        assertThat(call(id, Map.of("url", "/me?api_key=mine")).text("code")).isEqualTo("forbidden_parameter");
        assertThat(call(id, Map.of("url", "/me", "query", Map.of("api_key", "mine"))).text("field")).isEqualTo("query");
        assertThat(upstream.getRequestCount()).isZero();
    }

    @Test
    void aBasicConnectionSendsUsernameAndPassword() throws Exception {
        String id = create(connection("basic", Map.of("username", "alice", "password", "pä ss")));
        upstream.enqueue(json(200, "{}"));

        call(id, Map.of("url", "/me"));

        String expected = Base64.getEncoder().encodeToString("alice:pä ss".getBytes(StandardCharsets.UTF_8));
        assertThat(received().getHeaders().get("Authorization")).isEqualTo("Basic " + expected);
    }

    @Test
    void aCustomConnectionSendsItsHeaders() throws Exception {
        String id = create(connection("custom", Map.of("headers", Map.of("X-Key", "k1", "Authorization", "Custom z"))));
        upstream.enqueue(json(200, "{}"));

        call(id, Map.of("url", "/me", "headers", Map.of("X-Trace", "t1")));

        RecordedRequest r = received();
        assertThat(r.getHeaders().get("X-Key")).isEqualTo("k1");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Custom z");
        assertThat(r.getHeaders().get("X-Trace")).isEqualTo("t1");
    }

    @ParameterizedTest(name = "a custom connection refuses the header {0}")
    @ValueSource(strings = {"Host", "host", "Content-Length", "Transfer-Encoding", "Connection"})
    void aCustomConnectionRefusesForbiddenHeadersOnCreate(String header) {
        Api.Answer created = api.post("/api/v1/connections", connection("custom", Map.of("headers", Map.of(header, "x"))));

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.text("code")).isEqualTo("forbidden_header");
        assertThat(created.text("field")).isEqualTo("headers");
    }

    @ParameterizedTest(name = "{0} is refused and the upstream sees nothing")
    @ValueSource(strings = {"/v10/users", "/", "/v1/../admin", "/v1/%2e%2e/admin", "http://localhost:{port}/v1/users",
            "http://127.0.0.1:1/v1/users", "https://127.0.0.1:{port}/v1/users"})
    void aRequestOutsideTheAllowedUrlIsRefusedAndTheUpstreamSeesNothing(String url) {
        String id = tokenConnection(null);
        String absolute = url.startsWith("/") ? base() + url : url.replace("{port}", Integer.toString(upstream.getPort()));

        Api.Answer answer = call(id, Map.of("url", absolute));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("code")).isEqualTo("url_not_allowed");
        assertThat(answer.text("field")).isEqualTo("url");
        assertThat(answer.body()).doesNotContain("tok-1");
        assertThat(upstream.getRequestCount()).isZero();
    }

    @Test
    void aConnectionWithoutAllowedUrlCannotBeUsed() {
        Map<String, Object> body = connection("token", Map.of("token", "tok-1"));
        body.remove("allowedUrl");
        String id = create(body);

        Api.Answer answer = call(id, Map.of("url", base() + "/v1/x"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("code")).isEqualTo("allowed_url_missing");
        assertThat(upstream.getRequestCount()).isZero();
    }

    @Test
    void anUpstreamErrorComesBackAsWhatItIs() {
        String id = tokenConnection(null);
        upstream.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "7").body("down for maintenance").build());

        Api.Answer answer = call(id, Map.of("url", "/x"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asInt()).isEqualTo(503);
        assertThat(answer.json().get("body").asText()).isEqualTo("down for maintenance");
        assertThat(answer.json().get("headers").get("retry-after").get(0).asText()).isEqualTo("7");
    }

    @Test
    void bodiesAreSentAsJsonFormOrText() throws Exception {
        String id = tokenConnection(null);
        for (int i = 0; i < 4; i++) {
            upstream.enqueue(json(201, "{}"));
        }

        call(id, Map.of("method", "POST", "url", "/contacts", "body", Map.of("email", "a@b.test")));
        call(id, Map.of("method", "PUT", "url", "/contacts", "body", Map.of("email", "a@b.test", "tag", List.of("x", "y z")), "bodyType", "form"));
        call(id, Map.of("method", "PATCH", "url", "/contacts", "body", "plain words"));
        call(id, Map.of("method", "POST", "url", "/contacts", "body", List.of(1), "headers", Map.of("Content-Type", "application/vnd.api+json")));

        RecordedRequest json = received();
        assertThat(json.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(json.getBody().utf8()).isEqualTo("{\"email\":\"a@b.test\"}");
        RecordedRequest form = received();
        assertThat(form.getMethod()).isEqualTo("PUT");
        assertThat(form.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form.getBody().utf8()).contains("email=a%40b.test").contains("tag=x&tag=y+z");
        RecordedRequest text = received();
        assertThat(text.getHeaders().get("Content-Type")).startsWith("text/plain");
        assertThat(text.getBody().utf8()).isEqualTo("plain words");
        assertThat(received().getHeaders().get("Content-Type")).isEqualTo("application/vnd.api+json");
    }

    @Test
    void aBinaryAnswerComesBackAsBase64() {
        String id = tokenConnection(null);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "image/png").body(new Buffer().write(png)).build());

        Api.Answer answer = call(id, Map.of("url", "/logo.png"));

        assertThat(answer.json().get("bodyEncoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(answer.json().get("body").asText())).isEqualTo(png);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"url\": \"/x\", \"method\": \"TRACE\"}|method|invalid_value",
            "{\"url\": \"/x\", \"method\": \"get\"}|method|invalid_value",
            "{\"method\": \"GET\"}|url|required",
            "{\"url\": 5}|url|invalid_type",
            "{\"url\": \"/x\", \"headers\": {\"Host\": \"evil.test\"}}|headers|forbidden_header",
            "{\"url\": \"/x\", \"headers\": {\"Content-Length\": \"5\"}}|headers|forbidden_header",
            "{\"url\": \"/x\", \"headers\": {\"Connection\": \"close\"}}|headers|forbidden_header",
            "{\"url\": \"/x\", \"headers\": {\"Transfer-Encoding\": \"chunked\"}}|headers|forbidden_header",
            "{\"url\": \"/x\", \"headers\": {\"authorization\": \"Bearer mine\"}}|headers|forbidden_header",
            "{\"url\": \"/x\", \"headers\": {\"X-A\": \"line\\r\\nX-B: injected\"}}|headers|invalid_value",
            "{\"url\": \"/x\", \"headers\": {\"Bad Name\": \"x\"}}|headers|invalid_header",
            "{\"url\": \"/x\", \"headers\": {\"X-A\": 1}}|headers|invalid_value",
            "{\"url\": \"/x\", \"timeoutMs\": 0}|timeoutMs|invalid_value",
            "{\"url\": \"/x\", \"timeoutMs\": 120001}|timeoutMs|invalid_value",
            "{\"url\": \"/x\", \"timeoutMs\": 1.5}|timeoutMs|invalid_value",
            "{\"url\": \"/x\", \"method\": \"GET\", \"body\": {}}|body|body_not_allowed",
            "{\"url\": \"/x\", \"method\": \"POST\", \"body\": 5, \"bodyType\": \"text\"}|body|invalid_type",
            "{\"url\": \"/x\", \"method\": \"POST\", \"body\": [1], \"bodyType\": \"form\"}|body|invalid_type",
            "{\"url\": \"/x\", \"method\": \"POST\", \"body\": {}, \"bodyType\": \"xml\"}|bodyType|invalid_value",
            "{\"url\": \"/x\", \"query\": [1]}|query|invalid_type",
            "{\"url\": \"/x\", \"query\": {\"a\": {}}}|query|invalid_value",
            "{\"url\": \"/x\", \"followRedirects\": \"yes\"}|followRedirects|invalid_type",
            "{\"url\": \"/x\", \"extra\": 1}|extra|unknown_field",
            "[1]|null|invalid_json",
    })
    void badRequestsAre400WithCodeAndFieldAndNothingIsSent(String line) {
        String[] parts = line.split("\\|");
        String id = tokenConnection(null);

        Api.Answer answer = api.post("/api/v1/connections/" + id + "/requests", parts[0]);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.text("code")).isEqualTo(parts[2]);
        assertThat(answer.text("field")).isEqualTo(parts[1].equals("null") ? null : parts[1]);
        assertThat(upstream.getRequestCount()).isZero();
    }

    @Test
    void anEgressRefusalIsA400WithTheRulesCode() {
        Map<String, Object> body = connection("token", Map.of("token", "tok-1"));
        body.put("allowedUrl", "http://127.0.0.2:" + upstream.getPort() + "/v1");
        String id = create(body);

        Api.Answer answer = call(id, Map.of("url", "/x"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("code")).isEqualTo("egress_loopback");
        assertThat(upstream.getRequestCount()).isZero();
    }

    @Test
    void anUnreachableServiceIs502() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        Map<String, Object> body = connection("token", Map.of("token", "tok-1"));
        body.put("allowedUrl", "http://127.0.0.1:" + closed + "/v1");
        String id = create(body);

        Api.Answer answer = call(id, Map.of("url", "/x"));

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.text("code")).isEqualTo("upstream_unreachable");
    }

    @Test
    void aSlowServiceIs504() {
        String id = tokenConnection(null);
        upstream.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("late").build());

        Api.Answer answer = call(id, Map.of("url", "/slow", "timeoutMs", 200));

        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.text("code")).isEqualTo("upstream_timeout");
    }

    @Test
    void anOversizedAnswerIs502() {
        String id = tokenConnection(null);
        upstream.enqueue(new MockResponse.Builder().body(new Buffer().write(new byte[11 * 1024 * 1024])).build());

        Api.Answer answer = call(id, Map.of("url", "/huge"));

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.text("code")).isEqualTo("upstream_too_large");
    }

    @Test
    void aRedirectToAnotherOriginDropsTheCredential() throws Exception {
        try (MockWebServer other = new MockWebServer()) {
            other.start(InetAddress.getByName("127.0.0.1"), 0);
            other.enqueue(json(200, "{\"landed\": true}"));
            String id = tokenConnection(null);
            upstream.enqueue(new MockResponse.Builder().code(302)
                    .addHeader("Location", "http://localhost:" + other.getPort() + "/elsewhere").build());

            Api.Answer answer = call(id, Map.of("url", "/start"));

            assertThat(answer.json().get("body").get("landed").asBoolean()).isTrue();
            assertThat(received().getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
            RecordedRequest hop = other.takeRequest(5, TimeUnit.SECONDS);
            assertThat(hop.getHeaders().get("Authorization")).isNull();
        }
    }

    @Test
    void followRedirectsFalseReturnsThe3xx() {
        String id = tokenConnection(null);
        upstream.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/v1/next").build());

        Api.Answer answer = call(id, Map.of("url", "/start", "followRedirects", false));

        assertThat(answer.json().get("status").asInt()).isEqualTo(302);
        assertThat(answer.json().get("headers").get("location").get(0).asText()).isEqualTo("/v1/next");
        assertThat(upstream.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anotherAccountsConnectionIs404EvenWithABadBody() {
        String id = tokenConnection(null);
        Api bob = keyway.newAccount("Bob");

        Api.Answer answer = bob.post("/api/v1/connections/" + id + "/requests", Map.of("nonsense", true));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(upstream.getRequestCount()).isZero();
    }
}

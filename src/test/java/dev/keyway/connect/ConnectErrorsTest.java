package dev.keyway.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Browser;
import dev.keyway.testing.Connections;
import dev.keyway.testing.FakeTokenEndpoint;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.Operator;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way a Connect can fail: a plain 400 page that says what happened, with no stack trace, token or
 * secret, and the grant the connection already had still in use.
 */
class ConnectErrorsTest {
    private static final String SECRET = "s3cret-client-value";

    static AuthServer as;
    static MutableClock clock = new MutableClock();
    static KeywayUnderTest keyway;
    static Api api;

    Operator operator;

    @BeforeAll
    static void start() {
        as = new AuthServer();
        keyway = KeywayUnderTest.builder().clock(clock).start();
        api = keyway.newAccount("Acme");
    }

    @AfterAll
    static void stop() {
        keyway.close();
        as.close();
    }

    @BeforeEach
    void newOperator() {
        operator = new Operator(api);
    }

    /** A connection connected once, and the access token it serves. */
    record Existing(String id, String accessToken) { }

    Existing existing(Connections body) {
        String id = operator.connected(body);
        return new Existing(id, operator.accessToken(id));
    }

    Existing existing() {
        return existing(Connections.against(as));
    }

    // ---- failures on the way back

    @Test
    void anErrorFromTheServerShowsItAndKeepsTheGrant() {
        Existing e = existing();
        URI authorization = operator.browser().openConnectLink(operator.connectUrl(e.id()));
        String state = query(authorization).get("state");

        HttpResponse<String> page = operator.browser().get(keyway.base() + "/oauth2/callback?error=access_denied"
                + "&error_description=" + enc("The user said no") + "&state=" + enc(state));

        assertErrorPage(page, e, "access_denied");
        assertThat(page.body()).contains("The user said no").contains("Consent was not given");
        assertGrantUntouched(e);
        Api.Answer after = api.get("/api/v1/connections/" + e.id());
        assertThat(after.text("lastError")).contains("access_denied");
        assertThat(after.json().get("history").get(0).get("kind").asText()).isEqualTo("connect_failed");
    }

    @Test
    void aReplayedCallbackIsRefusedAndTheGrantFromTheFirstStays() {
        Existing e = existing();
        URI callback = operator.browser().signIn(operator.browser().openConnectLink(operator.connectUrl(e.id())), "operator@acme.test");
        as.drainRequests();
        assertThat(operator.browser().get(callback.toString()).statusCode()).isEqualTo(200);
        Existing afterFirst = new Existing(e.id(), operator.accessToken(e.id()));
        assertThat(as.tokenRequests()).isEqualTo(1);

        HttpResponse<String> replay = operator.browser().get(callback.toString());

        assertErrorPage(replay, afterFirst, "already used");
        assertThat(replay.body()).doesNotContain(query(callback).get("code"));
        assertThat(as.tokenRequests()).as("the replayed code never reaches the service").isZero();
        assertGrantUntouched(afterFirst);
    }

    @Test
    void anUnknownStateIsRefused() {
        Existing e = existing();
        operator.browser().openConnectLink(operator.connectUrl(e.id()));

        HttpResponse<String> page = operator.browser().get(keyway.base() + "/oauth2/callback?code=some-code&state="
                + "forged-state-0123456789abcdef0123456789abcdef");

        assertErrorPage(page, e, "unknown to Keyway");
        assertGrantUntouched(e);
    }

    @Test
    void aCallbackWithoutStateIsRefused() {
        Existing e = existing();
        operator.browser().openConnectLink(operator.connectUrl(e.id()));

        HttpResponse<String> page = operator.browser().get(keyway.base() + "/oauth2/callback?code=some-code");

        assertErrorPage(page, e, "no state");
        assertGrantUntouched(e);
    }

    @Test
    void aCallbackWithNothingAtAllIsRefused() {
        HttpResponse<String> page = new Browser().get(keyway.base() + "/oauth2/callback");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("no state");
    }

    @Test
    void theCallbackInAnotherBrowserIsRefused() {
        Existing e = existing();
        URI callback = operator.browser().signIn(operator.browser().openConnectLink(operator.connectUrl(e.id())), "operator@acme.test");
        as.drainRequests();

        HttpResponse<String> page = new Browser().get(callback.toString());

        assertErrorPage(page, e, "another browser");
        assertThat(as.tokenRequests()).isZero();
        assertGrantUntouched(e);
    }

    @Test
    void theCallbackInABrowserBoundToAnotherAttemptIsRefused() {
        Existing e = existing();
        URI callback = operator.browser().signIn(operator.browser().openConnectLink(operator.connectUrl(e.id())), "operator@acme.test");
        Browser attacker = new Browser();
        attacker.openConnectLink(operator.connectUrl(e.id())); // holds a binding cookie of its own

        HttpResponse<String> page = attacker.get(callback.toString());

        assertErrorPage(page, e, "another browser");
        assertGrantUntouched(e);
    }

    @Test
    void aCallbackAfterTenMinutesIsRefusedAsExpired() {
        Existing e = existing();
        URI callback = operator.browser().signIn(operator.browser().openConnectLink(operator.connectUrl(e.id())), "operator@acme.test");
        as.drainRequests();
        clock.advance(Duration.ofMinutes(11));

        HttpResponse<String> page = operator.browser().get(callback.toString());

        assertErrorPage(page, e, "expired");
        assertThat(as.tokenRequests()).isZero();
        assertGrantUntouched(e);
    }

    @Test
    void aConnectLinkOpenedAfterTenMinutesIsRefusedAsExpired() {
        Existing e = existing();
        String link = operator.connectUrl(e.id());
        clock.advance(Duration.ofMinutes(11));

        HttpResponse<String> page = operator.browser().get(link);

        assertErrorPage(page, e, "expired");
        assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
        assertGrantUntouched(e);
    }

    @Test
    void aConnectLinkOpenedTwiceIsRefusedTheSecondTime() {
        Existing e = existing();
        String link = operator.connectUrl(e.id());
        assertThat(operator.browser().get(link).statusCode()).isEqualTo(302);

        HttpResponse<String> again = operator.browser().get(link);
        HttpResponse<String> elsewhere = new Browser().get(link);

        assertErrorPage(again, e, "already been used");
        assertErrorPage(elsewhere, e, "already been used");
        assertThat(elsewhere.headers().allValues("Set-Cookie")).isEmpty();
        assertGrantUntouched(e);
    }

    @Test
    void anUnknownConnectLinkIsRefused() {
        HttpResponse<String> page = new Browser().get(keyway.base() + "/oauth2/connect/not-a-link");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("not valid");
    }

    @Test
    void anIssThatIsNotTheConnectionsIssuerIsRefused() {
        Existing e = existing(Connections.against(as).with("issuer", as.issuer()));
        URI callback = operator.browser().signIn(operator.browser().openConnectLink(operator.connectUrl(e.id())), "operator@acme.test");
        as.drainRequests();

        HttpResponse<String> page = operator.browser().get(withParam(callback, "iss", "https://evil.example"));

        assertErrorPage(page, e, "https://evil.example");
        assertThat(page.body()).contains(as.issuer()).contains("mix-up");
        assertThat(as.tokenRequests()).as("the code is not sent anywhere").isZero();
        assertGrantUntouched(e);
    }

    @Test
    void aForgedIssIsNotEchoedWithControlCharacters() {
        Existing e = existing(Connections.against(as).with("issuer", as.issuer()));
        URI callback = operator.browser().signIn(operator.browser().openConnectLink(operator.connectUrl(e.id())), "operator@acme.test");

        HttpResponse<String> page = operator.browser().get(withParam(callback, "iss",
                "https://evil.example\r\n12:00:00.000 INFO  dev.keyway.Keyway - forged line"));

        assertThat(page.statusCode()).isEqualTo(400);
        String lastError = api.get("/api/v1/connections/" + e.id()).text("lastError");
        assertThat(lastError).contains("evil.example").doesNotContain("\n").doesNotContain("\r");
        assertGrantUntouched(e);
    }

    @Test
    void anIssThatIsTheConnectionsIssuerIsAccepted() {
        Existing e = existing(Connections.against(as).with("issuer", as.issuer()));
        URI callback = operator.browser().signIn(operator.browser().openConnectLink(operator.connectUrl(e.id())), "operator@acme.test");

        HttpResponse<String> page = operator.browser().get(withParam(callback, "iss", as.issuer()));

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    }

    @Test
    void aFailedCodeExchangeShowsTheServersErrorAndTheRedirectUriHint() {
        try (FakeTokenEndpoint tokenEndpoint = new FakeTokenEndpoint()) {
            tokenEndpoint.answer(200, "{\"access_token\":\"fake-access-token-1\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":3600,\"refresh_token\":\"fake-refresh-token-1\"}");
            Existing e = existing(Connections.against(as).with("tokenUrl", tokenEndpoint.url()));
            assertThat(e.accessToken()).isEqualTo("fake-access-token-1");
            tokenEndpoint.answer(400, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
            URI callback = operator.browser().signIn(operator.browser().openConnectLink(operator.connectUrl(e.id())), "operator@acme.test");

            HttpResponse<String> page = operator.browser().get(callback.toString());

            assertErrorPage(page, e, "invalid_client");
            assertThat(page.body()).contains("Client authentication failed")
                    .contains("redirect URI " + keyway.base() + "/oauth2/callback")
                    .doesNotContain(query(callback).get("code"))
                    .doesNotContain("fake-refresh-token-1");
            assertThat(tokenEndpoint.bodies()).hasSize(2);
            assertGrantUntouched(e);
            assertThat(api.get("/api/v1/connections/" + e.id()).text("lastError")).contains("invalid_client");
        }
    }

    @Test
    void anUnreachableTokenEndpointIsAPlainErrorPage() {
        Existing e;
        try (FakeTokenEndpoint tokenEndpoint = new FakeTokenEndpoint()) {
            tokenEndpoint.answer(200, "{\"access_token\":\"fake-access-token-2\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
            e = existing(Connections.against(as).with("tokenUrl", tokenEndpoint.url()));
        }
        URI callback = operator.browser().signIn(operator.browser().openConnectLink(operator.connectUrl(e.id())), "operator@acme.test");

        HttpResponse<String> page = operator.browser().get(callback.toString());

        assertErrorPage(page, e, "could not be reached");
        assertGrantUntouched(e);
    }

    // ---- what the pages carry

    @Test
    void successAndErrorPagesCarryCspAndNoReferrer() {
        String id = operator.create(Connections.against(as));
        HttpResponse<String> success = operator.connect(id);
        HttpResponse<String> error = new Browser().get(keyway.base() + "/oauth2/callback?state=nope&code=nope");

        for (HttpResponse<String> page : List.of(success, error)) {
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v)
                    .contains("default-src 'none'").doesNotContain("unsafe-inline").contains("frame-ancestors 'none'"));
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
        assertThat(success.statusCode()).isEqualTo(200);
        assertThat(error.statusCode()).isEqualTo(400);
    }

    @Test
    void theBrowserBindingCookieIsHttpOnlyAndSameSiteLax() {
        String id = operator.create(Connections.against(as));

        HttpResponse<String> opened = operator.browser().get(operator.connectUrl(id));

        assertThat(opened.statusCode()).isEqualTo(302);
        List<String> cookies = opened.headers().allValues("Set-Cookie");
        assertThat(cookies).hasSize(1);
        String cookie = cookies.getFirst();
        List<String> attributes = List.of(cookie.split(";\\s*")).stream().map(String::toLowerCase).toList();
        assertThat(cookie).startsWith("keyway_connect=");
        assertThat(attributes).contains("httponly", "samesite=lax", "path=/oauth2");
        assertThat(opened.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void theCallbackClearsTheBindingCookie() {
        String id = operator.create(Connections.against(as));
        HttpResponse<String> landed = operator.connect(id);
        java.net.HttpCookie cookie = java.net.HttpCookie.parse(landed.headers().firstValue("Set-Cookie").orElseThrow()).getFirst();
        assertThat(cookie.getName()).isEqualTo("keyway_connect");
        assertThat(cookie.getValue()).isEmpty();
        assertThat(cookie.hasExpired()).as("the browser drops it at once").isTrue();
    }

    @Test
    void aConnectionNamedLikeAScriptIsEscapedOnTheSuccessPage() {
        String id = operator.create(Connections.against(as).with("name", "<script>alert(1)</script>"));

        HttpResponse<String> landed = operator.connect(id);

        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void markupInTheServersErrorDescriptionIsEscaped() {
        Existing e = existing();
        URI authorization = operator.browser().openConnectLink(operator.connectUrl(e.id()));

        HttpResponse<String> page = operator.browser().get(keyway.base() + "/oauth2/callback?error=server_error"
                + "&error_description=" + enc("<img src=x onerror=alert(1)>") + "&state=" + enc(query(authorization).get("state")));

        assertErrorPage(page, e, "server_error");
        assertThat(page.body()).doesNotContain("<img");
    }

    // ---- helpers

    private static void assertErrorPage(HttpResponse<String> page, Existing e, String says) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains(says)
                .doesNotContain("\tat ").doesNotContain("Caused by").doesNotContain(".java:").doesNotContain("dev.keyway.")
                .doesNotContain(SECRET).doesNotContain(e.accessToken());
    }

    private static void assertGrantUntouched(Existing e) {
        assertThat(api.get("/api/v1/connections/" + e.id()).text("status")).isEqualTo("connected");
        Api.Answer token = api.get("/api/v1/connections/" + e.id() + "/token");
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(token.text("accessToken")).isEqualTo(e.accessToken());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The URL with {@code name} set to {@code value} (any value it had removed). */
    private static String withParam(URI uri, String name, String value) {
        List<String> pairs = new ArrayList<>();
        for (String pair : uri.getRawQuery().split("&")) {
            if (!pair.startsWith(name + "=")) {
                pairs.add(pair);
            }
        }
        pairs.add(name + "=" + enc(value));
        String base = uri.toString().substring(0, uri.toString().indexOf('?'));
        return base + "?" + pairs.stream().collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

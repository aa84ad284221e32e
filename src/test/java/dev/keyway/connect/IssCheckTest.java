package dev.keyway.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.FakeAuthorizationServer;
import dev.keyway.testing.Connections;
import dev.keyway.testing.FakeMetadataServer;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.Operator;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 9207 on the callback of a discovered connection: a different {@code iss} is refused, a missing one is refused
 * when the metadata advertised {@code authorization_response_iss_parameter_supported}, the right one passes.
 * The metadata comes from a fake server on 127.0.0.1 and points at a fake authorization server for the sign-in.
 */
class IssCheckTest {
    static FakeAuthorizationServer as;
    static FakeMetadataServer advertising;
    static FakeMetadataServer silent;
    static KeywayUnderTest keyway;
    static Api api;
    static Operator operator;

    @BeforeAll
    static void start() {
        as = new FakeAuthorizationServer();
        advertising = new FakeMetadataServer();
        advertising.serve("/.well-known/openid-configuration", metadata(advertising.url(""), true));
        silent = new FakeMetadataServer();
        silent.serve("/.well-known/openid-configuration", metadata(silent.url(""), false));
        keyway = KeywayUnderTest.builder().start();
        api = keyway.newAccount("Acme");
        operator = new Operator(api);
    }

    @AfterAll
    static void stop() {
        keyway.close();
        advertising.close();
        silent.close();
        as.close();
    }

    @Test
    void theRightIssPasses() {
        String id = create(advertising);

        HttpResponse<String> page = operator.browser().get(withIss(callback(id), advertising.url("")));

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/connections/" + id).text("status")).isEqualTo("connected");
    }

    @Test
    void aWrongIssIsRefusedAndTheCodeIsNotSent() {
        String id = create(advertising);
        URI callback = callback(id);
        int tokenRequests = as.tokenRequests().size();

        HttpResponse<String> page = operator.browser().get(withIss(callback, as.issuer()));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("mix-up");
        assertThat(as.tokenRequests()).hasSize(tokenRequests);
        assertThat(api.get("/api/v1/connections/" + id).text("status")).isEqualTo("not_connected");
    }

    @Test
    void aMissingIssIsRefusedWhenTheServerAdvertisesIt() {
        String id = create(advertising);
        URI callback = callback(id);
        int tokenRequests = as.tokenRequests().size();

        HttpResponse<String> page = operator.browser().get(withIss(callback, null));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("no issuer");
        assertThat(as.tokenRequests()).hasSize(tokenRequests);
        assertThat(api.get("/api/v1/connections/" + id).text("lastError")).contains("no issuer");
    }

    @Test
    void aMissingIssPassesWhenTheServerDoesNotAdvertiseIt() {
        String id = create(silent);

        HttpResponse<String> page = operator.browser().get(withIss(callback(id), null));

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    }

    @Test
    void aWrongIssIsRefusedEvenWhenTheServerDoesNotAdvertiseIt() {
        String id = create(silent);

        HttpResponse<String> page = operator.browser().get(withIss(callback(id), "https://evil.example"));

        assertThat(page.statusCode()).isEqualTo(400);
    }

    private static String create(FakeMetadataServer metadata) {
        String id = operator.create(Connections.fromIssuer(metadata.url("")));
        assertThat(api.get("/api/v1/connections/" + id).text("authorizationUrl")).isEqualTo(as.url("/authorize"));
        return id;
    }

    /** Passes the fake server's authorize step and stops before the browser comes back to Keyway. */
    private static URI callback(String id) {
        HttpResponse<String> back = operator.browser().get(operator.browser().openConnectLink(operator.connectUrl(id)).toString());
        return URI.create(back.headers().firstValue("Location").orElseThrow());
    }

    /** The callback with its {@code iss} replaced ({@code null}: removed). */
    private static String withIss(URI uri, String iss) {
        List<String> pairs = new ArrayList<>();
        for (String pair : uri.getRawQuery().split("&")) {
            if (!pair.startsWith("iss=")) {
                pairs.add(pair);
            }
        }
        if (iss != null) {
            pairs.add("iss=" + URLEncoder.encode(iss, StandardCharsets.UTF_8));
        }
        String s = uri.toString();
        return s.substring(0, s.indexOf('?')) + "?" + String.join("&", pairs);
    }

    private static String metadata(String issuer, boolean issSupported) {
        return """
                {"issuer": "%s", "authorization_endpoint": "%s", "token_endpoint": "%s",
                 "response_types_supported": ["code"], "authorization_response_iss_parameter_supported": %s}
                """.formatted(issuer, as.url("/authorize"), as.url("/token"), issSupported);
    }
}

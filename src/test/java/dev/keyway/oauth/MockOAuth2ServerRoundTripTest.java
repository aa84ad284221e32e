package dev.keyway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole code flow against a real, standards-following authorization server on loopback. */
class MockOAuth2ServerRoundTripTest {

    private static final URI REDIRECT = URI.create("https://keyway.test/oauth2/callback/1");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(5)).build();
    private MockOAuth2Server server;

    @BeforeEach
    void start() throws Exception {
        server = new MockOAuth2Server();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.shutdown();
    }

    @Test
    void codeFlowWithPkceThenRefreshThenRevokeSucceeds() throws Exception {
        AuthorizationSettings auth = new AuthorizationSettings(loopback(server.authorizationEndpointUrl("default")),
                "keyway-test", REDIRECT, List.of("openid", "profile"), " ", Map.of("access_type", "offline"));
        Pkce pkce = Pkce.generate();
        URI authorize = AuthorizationUrl.build(auth, "state-123", pkce);

        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(authorize).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(302); // prompt=consent would show the login page
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(REDIRECT.toString());
        CallbackParams callback = CallbackParams.fromQuery(firstValues(Wire.query(location)));
        assertThat(callback.isError()).isFalse();
        assertThat(callback.state()).isEqualTo("state-123");
        assertThat(callback.code()).isNotBlank();

        ClientSettings client = new ClientSettings("keyway-test", "test-secret",
                loopback(server.tokenEndpointUrl("default")), ClientAuth.CLIENT_SECRET_BASIC, Map.of());
        Instant now = Instant.now();
        TokenSet first = Wire.issued(TokenResponses.parse(
                send(AuthorizationCodeGrant.request(client, callback.code(), REDIRECT, pkce.verifier())), now));
        assertThat(first.accessToken()).isNotBlank();
        assertThat(first.isBearer()).isTrue();
        assertThat(first.refreshToken()).isNotBlank();
        assertThat(first.expiresAt()).isAfter(now);
        assertThat(first.extra()).containsKey("id_token");

        TokenSet refreshed = Wire.issued(TokenResponses.parse(
                send(RefreshTokenGrant.request(client, first.refreshToken())), Instant.now()))
                .keepRefreshToken(first.refreshToken());
        assertThat(refreshed.accessToken()).isNotBlank();
        assertThat(refreshed.refreshToken()).isNotBlank();

        OAuthResponse revoked = send(Revocation.request(client, loopback(server.revocationEndpointUrl("default")),
                refreshed.refreshToken(), "refresh_token"));
        assertThat(Revocation.succeeded(revoked)).isTrue();
    }

    @Test
    void wrongPkceVerifierIsRefusedAndNeedsReconnect() throws Exception {
        AuthorizationSettings auth = new AuthorizationSettings(loopback(server.authorizationEndpointUrl("default")),
                "keyway-test", REDIRECT, List.of("openid"), null, null);
        URI authorize = AuthorizationUrl.build(auth, "s", Pkce.generate());
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(authorize).build(),
                HttpResponse.BodyHandlers.ofString());
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        String code = Wire.query(location).get("code").get(0);

        ClientSettings client = new ClientSettings("keyway-test", "test-secret",
                loopback(server.tokenEndpointUrl("default")), ClientAuth.CLIENT_SECRET_POST, Map.of());
        TokenResult result = TokenResponses.parse(
                send(AuthorizationCodeGrant.request(client, code, REDIRECT, Pkce.generate().verifier())), Instant.now());
        TokenResult.Refused refused = Wire.refused(result);
        assertThat(refused.httpStatus()).isBetween(400, 499);
        assertThat(refused.failure()).isEqualTo(Failure.NEEDS_RECONNECT);
    }

    private OAuthResponse send(OAuthRequest r) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(r.url()).timeout(Duration.ofSeconds(10))
                .method(r.method(), HttpRequest.BodyPublishers.ofByteArray(r.body()));
        r.headers().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        HttpResponse<byte[]> response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new OAuthResponse(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.body());
    }

    /** The server names itself {@code localhost}; talk to it by its loopback address only. */
    private static URI loopback(Object httpUrl) {
        URI uri = URI.create(httpUrl.toString());
        return URI.create(uri.toString().replaceFirst("//localhost:", "//127.0.0.1:"));
    }

    private static Map<String, String> firstValues(Map<String, List<String>> params) {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }
}

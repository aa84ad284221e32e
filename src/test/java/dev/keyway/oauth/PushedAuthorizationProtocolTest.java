package dev.keyway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 9126 messages: the pushed form, the browser URL after a push, and how answers are read. */
class PushedAuthorizationProtocolTest {
    static final URI PAR = URI.create("https://as.example/par");
    static final AuthorizationSettings SETTINGS = new AuthorizationSettings(URI.create("https://as.example/authorize?tenant=a"),
            "client-1", URI.create("https://keyway.example/oauth2/callback"), List.of("openid", "read"), " ",
            Map.of("prompt", "consent"), List.of(URI.create("https://api.example/")));

    @Test
    void thePushCarriesTheAuthorizationParametersWithClientAuthentication() {
        ClientSettings client = new ClientSettings("client-1", "s3cret", URI.create("https://as.example/token"),
                ClientAuth.CLIENT_SECRET_POST, Map.of());

        OAuthRequest r = PushedAuthorization.request(client, PAR, SETTINGS, "st-1", Pkce.generate(), "n-1");

        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.url()).isEqualTo(PAR);
        Map<String, List<String>> form = Wire.form(r);
        assertThat(form).containsEntry("client_secret", List.of("s3cret")).containsEntry("state", List.of("st-1"))
                .containsEntry("nonce", List.of("n-1")).containsEntry("resource", List.of("https://api.example/"))
                .containsEntry("prompt", List.of("consent")).containsEntry("response_type", List.of("code"))
                .containsKey("code_challenge");
    }

    @Test
    void aPublicClientPushesItsClientIdAndNoCredentials() {
        OAuthRequest r = PushedAuthorization.request(ClientSettings.publicClient("client-1", URI.create("https://as.example/token")),
                PAR, SETTINGS, "st-1", Pkce.generate(), null);

        assertThat(r.header("Authorization")).isEmpty();
        assertThat(Wire.form(r)).containsEntry("client_id", List.of("client-1")).doesNotContainKeys("client_secret", "nonce");
    }

    @Test
    void theBrowserCarriesOnlyClientIdAndRequestUriAfterTheConfiguredQuery() {
        URI uri = AuthorizationUrl.pushed(SETTINGS.authorizationUrl(), "client-1",
                URI.create("urn:ietf:params:oauth:request_uri:abc"));

        assertThat(uri.toString()).isEqualTo("https://as.example/authorize?tenant=a&client_id=client-1"
                + "&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc");
    }

    @Test
    void whenTheSeparatorIsPlusThenThePushedFormJoinsScopesByARawPlus() {
        AuthorizationSettings plus = new AuthorizationSettings(SETTINGS.authorizationUrl(), "client-1", SETTINGS.redirectUri(),
                List.of("public", "read_user"), "+", Map.of());

        OAuthRequest r = PushedAuthorization.request(ClientSettings.publicClient("client-1", URI.create("https://as.example/token")),
                PAR, plus, "st-1", null, null);

        assertThat(r.bodyAsString()).contains("scope=public+read_user").doesNotContain("%2B");
    }

    @Test
    void aCreatedAnswerGivesTheRequestUriAndItsLifetime() {
        var result = PushedAuthorization.parse(json(201, "{\"request_uri\":\"urn:x:1\",\"expires_in\":90}"));

        assertThat(result).isEqualTo(new PushedAuthorization.Result.Pushed(URI.create("urn:x:1"), 90));
    }

    @Test
    void anErrorAnswerIsARefusalWithTheOAuthError() {
        var result = PushedAuthorization.parse(json(400, "{\"error\":\"invalid_request\",\"error_description\":\"bad scope\"}"));

        assertThat(result).isEqualTo(new PushedAuthorization.Result.Refused("invalid_request", "bad scope", 400));
    }

    @Test
    void aSuccessWithoutRequestUriOrAnUnreadableAnswerIsARefusal() {
        assertThat(PushedAuthorization.parse(json(201, "{\"expires_in\":90}")))
                .isInstanceOf(PushedAuthorization.Result.Refused.class);
        assertThat(PushedAuthorization.parse(new OAuthResponse(502, "text/html",
                "<html>Bad gateway</html>".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(new PushedAuthorization.Result.Refused("server_error", "unreadable answer (HTTP 502): Bad gateway", 502));
    }

    private static OAuthResponse json(int status, String body) {
        return new OAuthResponse(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }
}

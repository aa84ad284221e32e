package dev.keyway.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevocationTest {

    private static final URI TOKEN = URI.create("https://as.example/token");
    private static final URI REVOKE = URI.create("https://as.example/revoke");

    @Test
    void revokesRefreshTokenWithHintAndBasicAuth() {
        ClientSettings c = new ClientSettings("id", "secret", TOKEN, ClientAuth.CLIENT_SECRET_BASIC,
                Map.of("audience", "x"));
        OAuthRequest r = Revocation.request(c, REVOKE, "rt-1", "refresh_token");
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.url()).isEqualTo(REVOKE);
        assertThat(Wire.basic(r)).containsExactly("id", "secret");
        assertThat(r.header("Content-Type")).contains("application/x-www-form-urlencoded; charset=UTF-8");
        assertThat(Wire.form(r)).containsOnly(Map.entry("token", List.of("rt-1")),
                Map.entry("token_type_hint", List.of("refresh_token")));
    }

    @Test
    void accessTokenHintWithPostAuth() {
        ClientSettings c = new ClientSettings("id", "secret", TOKEN, ClientAuth.CLIENT_SECRET_POST, null);
        assertThat(Wire.form(Revocation.request(c, REVOKE, "at-1", "access_token"))).containsOnly(
                Map.entry("token", List.of("at-1")), Map.entry("token_type_hint", List.of("access_token")),
                Map.entry("client_id", List.of("id")), Map.entry("client_secret", List.of("secret")));
    }

    @Test
    void noHintMeansNoTokenTypeHintAndPublicClientSendsClientId() {
        OAuthRequest r = Revocation.request(ClientSettings.publicClient("pub", TOKEN), REVOKE, "tok", null);
        assertThat(Wire.form(r)).containsOnly(Map.entry("token", List.of("tok")), Map.entry("client_id", List.of("pub")));
    }

    @Test
    void unknownHintIsRefused() {
        assertThatThrownBy(() -> Revocation.request(ClientSettings.publicClient("pub", TOKEN), REVOKE, "t", "id_token"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void http200WithAnyBodyIsSuccess() {
        assertThat(Revocation.succeeded(Wire.response(200, null, ""))).isTrue();
        assertThat(Revocation.succeeded(Wire.response(200, "text/html", "<html>ok</html>"))).isTrue();
        assertThat(Revocation.succeeded(Wire.response(204, null, ""))).isTrue();
    }

    @Test
    void http503AndErrorsAreNotSuccess() {
        assertThat(Revocation.succeeded(Wire.response(503, null, ""))).isFalse();
        assertThat(Revocation.succeeded(Wire.json(400, "{\"error\":\"unsupported_token_type\"}"))).isFalse();
        assertThat(Revocation.succeeded(Wire.response(302, null, ""))).isFalse();
    }
}

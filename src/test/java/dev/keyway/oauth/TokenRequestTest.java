package dev.keyway.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenRequestTest {

    private static final URI TOKEN = URI.create("https://as.example/oauth/token");
    private static final URI REDIRECT = URI.create("https://keyway.example/oauth2/callback/42");
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private static ClientSettings client(ClientAuth auth, Map<String, String> extra) {
        return new ClientSettings("client 1", auth == ClientAuth.NONE ? null : "s3cret&:+é", TOKEN, auth, extra);
    }

    @Test
    void codeGrantWithBasicAuthPutsCredentialsInAuthorizationHeader() {
        OAuthRequest r = AuthorizationCodeGrant.request(client(ClientAuth.CLIENT_SECRET_BASIC, Map.of()), "c0de",
                REDIRECT, VERIFIER);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.url()).isEqualTo(TOKEN);
        assertThat(r.header("Content-Type")).contains("application/x-www-form-urlencoded; charset=UTF-8");
        assertThat(r.header("Accept")).contains("application/json");
        assertThat(Wire.basic(r)).containsExactly("client 1", "s3cret&:+é");
        assertThat(Wire.form(r)).containsOnly(
                Map.entry("grant_type", List.of("authorization_code")),
                Map.entry("code", List.of("c0de")),
                Map.entry("redirect_uri", List.of(REDIRECT.toString())),
                Map.entry("code_verifier", List.of(VERIFIER)));
    }

    @Test
    void basicAuthHeaderFormEncodesIdAndSecretPerRfc6749Section231() {
        OAuthRequest r = RefreshTokenGrant.request(client(ClientAuth.CLIENT_SECRET_BASIC, Map.of()), "rt");
        String raw = new String(java.util.Base64.getDecoder().decode(r.header("Authorization").orElseThrow()
                .substring(6)), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(raw).isEqualTo("client+1:s3cret%26%3A%2B%C3%A9");
    }

    @Test
    void codeGrantWithPostAuthPutsCredentialsInBody() {
        OAuthRequest r = AuthorizationCodeGrant.request(client(ClientAuth.CLIENT_SECRET_POST, Map.of()), "c0de",
                REDIRECT, null);
        assertThat(r.header("Authorization")).isEmpty();
        assertThat(Wire.form(r)).containsOnly(
                Map.entry("grant_type", List.of("authorization_code")),
                Map.entry("code", List.of("c0de")),
                Map.entry("redirect_uri", List.of(REDIRECT.toString())),
                Map.entry("client_id", List.of("client 1")),
                Map.entry("client_secret", List.of("s3cret&:+é")));
    }

    @Test
    void publicClientSendsClientIdAndNoSecret() {
        ClientSettings c = new ClientSettings("pub", "ignored-secret", TOKEN, ClientAuth.NONE, null);
        OAuthRequest r = AuthorizationCodeGrant.request(c, "c0de", REDIRECT, VERIFIER);
        assertThat(r.header("Authorization")).isEmpty();
        assertThat(r.bodyAsString()).doesNotContain("ignored-secret");
        assertThat(Wire.form(r)).containsEntry("client_id", List.of("pub")).doesNotContainKey("client_secret")
                .containsEntry("code_verifier", List.of(VERIFIER));
    }

    @Test
    void refreshGrantPerClientAuth() {
        OAuthRequest basic = RefreshTokenGrant.request(client(ClientAuth.CLIENT_SECRET_BASIC, Map.of()), "rt-1");
        assertThat(Wire.form(basic)).containsOnly(Map.entry("grant_type", List.of("refresh_token")),
                Map.entry("refresh_token", List.of("rt-1")));

        OAuthRequest post = RefreshTokenGrant.request(client(ClientAuth.CLIENT_SECRET_POST, Map.of()), "rt-1");
        assertThat(Wire.form(post)).containsEntry("client_id", List.of("client 1"))
                .containsEntry("client_secret", List.of("s3cret&:+é")).containsEntry("refresh_token", List.of("rt-1"));

        OAuthRequest none = RefreshTokenGrant.request(client(ClientAuth.NONE, Map.of()), "rt-1");
        assertThat(Wire.form(none)).containsEntry("client_id", List.of("client 1")).doesNotContainKey("client_secret");
    }

    @Test
    void extraTokenParamsGoIntoBothGrants() {
        ClientSettings c = client(ClientAuth.CLIENT_SECRET_POST, Map.of("audience", "https://api.example", "x", "a b"));
        assertThat(Wire.form(RefreshTokenGrant.request(c, "rt")))
                .containsEntry("audience", List.of("https://api.example")).containsEntry("x", List.of("a b"));
        assertThat(Wire.form(AuthorizationCodeGrant.request(c, "code", REDIRECT, null)))
                .containsEntry("audience", List.of("https://api.example"));
    }

    @Test
    void extraTokenParamsMayNotOverrideProtocolParameters() {
        for (String reserved : List.of("grant_type", "code", "redirect_uri", "code_verifier", "refresh_token",
                "client_id", "client_secret")) {
            assertThatThrownBy(() -> client(ClientAuth.CLIENT_SECRET_POST, Map.of(reserved, "evil")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reserved);
        }
    }

    @Test
    void secretIsRequiredForBasicAndPost() {
        assertThatThrownBy(() -> new ClientSettings("id", null, TOKEN, ClientAuth.CLIENT_SECRET_BASIC, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientSettings("id", " ", TOKEN, ClientAuth.CLIENT_SECRET_POST, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blankCodeOrRefreshTokenIsRefused() {
        ClientSettings c = client(ClientAuth.NONE, null);
        assertThatThrownBy(() -> AuthorizationCodeGrant.request(c, "", REDIRECT, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RefreshTokenGrant.request(c, null)).isInstanceOf(IllegalArgumentException.class);
    }
}

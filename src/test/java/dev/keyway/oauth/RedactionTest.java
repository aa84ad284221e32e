package dev.keyway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private static final URI TOKEN = URI.create("https://as.example/token");

    @Test
    void tokenSetToStringNeverPrintsTokens() {
        TokenSet t = new TokenSet("AT-SECRET", "Bearer", Instant.EPOCH, "RT-SECRET", List.of("read"),
                Map.of("id_token", "ID-SECRET", "instance_url", "https://x"));
        assertThat(t.toString()).doesNotContain("AT-SECRET", "RT-SECRET", "ID-SECRET", "https://x")
                .contains("Bearer", "read", "id_token", "instance_url");
    }

    @Test
    void issuedResultToStringNeverPrintsTokens() {
        TokenResult result = TokenResponses.parse(Wire.json(200,
                "{\"access_token\":\"AT-SECRET\",\"refresh_token\":\"RT-SECRET\",\"id_token\":\"ID-SECRET\"}"), Wire.NOW);
        assertThat(result.toString()).doesNotContain("AT-SECRET", "RT-SECRET", "ID-SECRET");
    }

    @Test
    void clientSettingsToStringNeverPrintsSecret() {
        ClientSettings c = new ClientSettings("id", "CLIENT-SECRET", TOKEN, ClientAuth.CLIENT_SECRET_BASIC,
                Map.of("audience", "x"));
        assertThat(c.toString()).doesNotContain("CLIENT-SECRET").contains("id", "client_secret_basic");
    }

    @Test
    void oauthRequestToStringPrintsMethodAndUrlOnly() {
        ClientSettings c = new ClientSettings("id", "CLIENT-SECRET", TOKEN, ClientAuth.CLIENT_SECRET_POST, null);
        OAuthRequest post = RefreshTokenGrant.request(c, "RT-SECRET");
        assertThat(post.toString()).isEqualTo("OAuthRequest[POST https://as.example/token]");
        OAuthRequest basic = RefreshTokenGrant.request(new ClientSettings("id", "CLIENT-SECRET", TOKEN,
                ClientAuth.CLIENT_SECRET_BASIC, null), "RT-SECRET");
        assertThat(basic.toString()).doesNotContain("Basic", "RT-SECRET");
    }

    @Test
    void oauthResponseToStringDoesNotPrintBody() {
        OAuthResponse r = new OAuthResponse(200, "application/json",
                "{\"access_token\":\"AT-SECRET\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.toString()).doesNotContain("AT-SECRET").contains("200");
    }

    @Test
    void pkceToStringHidesVerifier() {
        Pkce p = Pkce.generate();
        assertThat(p.toString()).doesNotContain(p.verifier());
    }

    @Test
    void requestAndResponseBodiesAreDefensiveCopies() {
        byte[] body = "a=1".getBytes(StandardCharsets.UTF_8);
        OAuthResponse r = new OAuthResponse(200, null, body);
        body[0] = 'X';
        r.body()[0] = 'Y';
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("a=1");
        assertThat(r).isEqualTo(new OAuthResponse(200, null, "a=1".getBytes(StandardCharsets.UTF_8)));
    }
}

package dev.keyway.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 8414 / OpenID Connect discovery and the client credentials request, without any network. */
class DiscoveryProtocolTest {

    @Test
    void metadataUrlsTryOpenIdConnectThenRfc8414WithThePathAfterTheWellKnownSegment() {
        assertThat(Discovery.metadataUrls("https://as.example/tenant/a")).containsExactly(
                URI.create("https://as.example/tenant/a/.well-known/openid-configuration"),
                URI.create("https://as.example/.well-known/oauth-authorization-server/tenant/a"));
        assertThat(Discovery.metadataUrls("https://as.example:8443/")).containsExactly(
                URI.create("https://as.example:8443/.well-known/openid-configuration"),
                URI.create("https://as.example:8443/.well-known/oauth-authorization-server"));
    }

    @Test
    void anIssuerWithQueryFragmentOrOtherSchemeIsRefused() {
        for (String bad : List.of("https://as.example/?x=1", "https://as.example/#f", "ftp://as.example", "as.example", "::")) {
            assertThatThrownBy(() -> Discovery.metadataUrls(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theRequestIsAGetForJsonWithoutBody() {
        OAuthRequest r = Discovery.request(URI.create("https://as.example/.well-known/openid-configuration"));
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.header("Accept")).contains("application/json");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void metadataIsParsedAndTheIssFlagKept() throws DiscoveryException {
        ServerMetadata m = Discovery.parse("https://as.example", ok("""
                {"issuer": "https://as.example", "authorization_endpoint": "https://as.example/authorize",
                 "token_endpoint": "https://as.example/token", "revocation_endpoint": "https://as.example/revoke",
                 "response_types_supported": ["code"], "authorization_response_iss_parameter_supported": true}"""));
        assertThat(m).isEqualTo(new ServerMetadata("https://as.example", URI.create("https://as.example/authorize"),
                URI.create("https://as.example/token"), URI.create("https://as.example/revoke"), true));
    }

    @Test
    void theClientAuthenticationMethodsAreKeptAndTheFirstSupportedOfOursIsPreferred() throws DiscoveryException {
        ServerMetadata m = Discovery.parse("https://as.example", ok("""
                {"issuer": "https://as.example", "token_endpoint": "https://as.example/token",
                 "response_types_supported": ["code"],
                 "token_endpoint_auth_methods_supported": ["tls_client_auth", "private_key_jwt", "client_secret_post"]}"""));
        assertThat(m.authMethods()).containsExactly("tls_client_auth", "private_key_jwt", "client_secret_post");
        assertThat(m.preferredClientAuth(true)).contains(ClientAuth.CLIENT_SECRET_POST);
        assertThat(m.preferredClientAuth(false)).contains(ClientAuth.PRIVATE_KEY_JWT);
        assertThat(Discovery.parse("https://as.example", ok("""
                {"issuer": "https://as.example", "response_types_supported": ["code"]}""")).preferredClientAuth(true))
                .isEmpty();
    }

    @Test
    void anotherIssuerEvenByATrailingSlashIsAMismatch() {
        assertThatThrownBy(() -> Discovery.parse("https://as.example", ok("{\"issuer\": \"https://as.example/\"}")))
                .isInstanceOfSatisfying(DiscoveryException.class,
                        e -> assertThat(e.code()).isEqualTo(DiscoveryException.ISSUER_MISMATCH));
    }

    @Test
    void non200AndGarbageAreDiscoveryFailed() {
        for (OAuthResponse r : List.of(new OAuthResponse(404, "application/json", "{}".getBytes(StandardCharsets.UTF_8)),
                ok("<html>"), ok("{\"token_endpoint\": \"https://as.example/token\"}"), ok("[]"))) {
            assertThatThrownBy(() -> Discovery.parse("https://as.example", r)).as(r.toString())
                    .isInstanceOfSatisfying(DiscoveryException.class,
                            e -> assertThat(e.code()).isEqualTo(DiscoveryException.FAILED));
        }
    }

    @Test
    void clientCredentialsRequestCarriesGrantTypeScopeAndClientAuthentication() {
        ClientSettings c = new ClientSettings("client 1", "s3cret", URI.create("https://as.example/token"),
                ClientAuth.CLIENT_SECRET_POST, Map.of("audience", "api"));
        OAuthRequest r = ClientCredentialsGrant.request(c, List.of("a.read", "b.write"));
        assertThat(Wire.form(r)).containsOnly(
                Map.entry("grant_type", List.of("client_credentials")),
                Map.entry("scope", List.of("a.read b.write")),
                Map.entry("client_id", List.of("client 1")),
                Map.entry("client_secret", List.of("s3cret")),
                Map.entry("audience", List.of("api")));
        assertThat(Wire.form(ClientCredentialsGrant.request(c, List.of()))).doesNotContainKey("scope");
    }

    @Test
    void clientCredentialsNeedAConfidentialClient() {
        assertThatThrownBy(() -> ClientCredentialsGrant.request(
                ClientSettings.publicClient("c", URI.create("https://as.example/token")), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static OAuthResponse ok(String json) {
        return new OAuthResponse(200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}

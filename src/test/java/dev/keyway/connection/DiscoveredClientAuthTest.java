package dev.keyway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.ConnectKeyway;
import dev.keyway.testing.Connections;
import dev.keyway.testing.FakeMetadataServer;
import dev.keyway.testing.Operator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connection given by its issuer also takes the PAR endpoint, the ID token keys, a required PAR and (when the caller
 * chose none) a client authentication the server supports from the metadata; an explicit choice is never switched.
 */
class DiscoveredClientAuthTest {
    @RegisterExtension
    static final ConnectKeyway keyway = new ConnectKeyway();
    static final AuthServer as = keyway.as();
    final Api api = keyway.api();
    final Operator operator = keyway.operator();

    /** Metadata at the OpenID Connect location of a loopback issuer; {@code extra} are more members (JSON). */
    static String issuerWith(FakeMetadataServer fake, String extra) {
        String issuer = fake.url("");
        fake.serve("/.well-known/openid-configuration", """
                {"issuer": "%s", "authorization_endpoint": "%s", "token_endpoint": "%s",
                 "response_types_supported": ["code"]%s}
                """.formatted(issuer, fake.url("/authorize"), fake.url("/token"), extra.isEmpty() ? "" : ", " + extra));
        return issuer;
    }

    Api.Answer created(Connections body) {
        return api.get("/api/v1/connections/" + operator.create(body));
    }

    @Test
    void mockOAuth2ServersMetadataGivesTheJwksUrlAndListingNoAuthMethodsKeepsTheDefault() {
        Api.Answer c = created(Connections.fromIssuer(as.issuer())); // its metadata has no token_endpoint_auth_methods_supported
        Api.Answer publicClient = created(Connections.fromIssuer(as.issuer()).without("clientSecret"));

        assertThat(c.text("jwksUrl")).isEqualTo(as.issuer() + "/jwks");
        assertThat(c.text("clientAuthentication")).isEqualTo("client_secret_basic");
        assertThat(publicClient.text("clientAuthentication")).isEqualTo("none");
    }

    @Test
    void parEndpointKeysAndARequiredPushAreTakenFromTheMetadata() {
        try (FakeMetadataServer fake = new FakeMetadataServer()) {
            String issuer = issuerWith(fake, """
                    "pushed_authorization_request_endpoint": "%s", "require_pushed_authorization_requests": true,
                    "jwks_uri": "%s\"""".formatted(fake.url("/par"), fake.url("/jwks")));

            Api.Answer c = created(Connections.fromIssuer(issuer));

            assertThat(c.text("parUrl")).isEqualTo(fake.url("/par"));
            assertThat(c.text("jwksUrl")).isEqualTo(fake.url("/jwks"));
            assertThat(c.text("par")).isEqualTo("required");
        }
    }

    @Test
    void withASecretTheFirstSupportedOfBasicPostIsChosenInThatOrder() {
        try (FakeMetadataServer fake = new FakeMetadataServer()) {
            String issuer = issuerWith(fake, "\"token_endpoint_auth_methods_supported\": [\"private_key_jwt\", \"client_secret_post\"]");

            assertThat(created(Connections.fromIssuer(issuer)).text("clientAuthentication")).isEqualTo("client_secret_post");
        }
    }

    @Test
    void withoutASecretSecretMethodsAreSkippedAndPrivateKeyJwtGetsAKeyPair() {
        try (FakeMetadataServer fake = new FakeMetadataServer()) {
            String issuer = issuerWith(fake,
                    "\"token_endpoint_auth_methods_supported\": [\"client_secret_basic\", \"none\", \"private_key_jwt\"]");

            Api.Answer c = created(Connections.fromIssuer(issuer).without("clientSecret"));

            assertThat(c.text("clientAuthentication")).isEqualTo("private_key_jwt");
            assertThat(c.json().get("publicJwk").get("kty").asText()).isEqualTo("EC");
            assertThat(c.text("clientJwksUrl")).startsWith(keyway.base() + "/jwks/");
        }
    }

    @Test
    void withoutASecretAndOnlyNoneOrSecretMethodsThePublicClientIsChosen() {
        try (FakeMetadataServer fake = new FakeMetadataServer()) {
            String issuer = issuerWith(fake, "\"token_endpoint_auth_methods_supported\": [\"client_secret_basic\", \"none\"]");

            assertThat(created(Connections.fromIssuer(issuer).without("clientSecret")).text("clientAuthentication"))
                    .isEqualTo("none");
        }
    }

    @Test
    void anExplicitClientAuthenticationIsNeverSwitched() {
        try (FakeMetadataServer fake = new FakeMetadataServer()) {
            String issuer = issuerWith(fake, "\"token_endpoint_auth_methods_supported\": [\"private_key_jwt\"]");

            Api.Answer c = created(Connections.fromIssuer(issuer).with("clientAuthentication", "client_secret_post"));

            assertThat(c.text("clientAuthentication")).isEqualTo("client_secret_post");
            assertThat(c.json().get("publicJwk").isNull()).isTrue();
        }
    }

    @Test
    void metadataWithoutMethodsOrWithNoneOfOursKeepsTheDefault() {
        try (FakeMetadataServer fake = new FakeMetadataServer()) {
            String silent = issuerWith(fake, "");
            assertThat(created(Connections.fromIssuer(silent)).text("clientAuthentication")).isEqualTo("client_secret_basic");
        }
        try (FakeMetadataServer fake = new FakeMetadataServer()) {
            String mtls = issuerWith(fake, "\"token_endpoint_auth_methods_supported\": [\"tls_client_auth\"]");
            assertThat(created(Connections.fromIssuer(mtls)).text("clientAuthentication")).isEqualTo("client_secret_basic");
        }
    }
}

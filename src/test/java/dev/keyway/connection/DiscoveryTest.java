package dev.keyway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.ConnectKeyway;
import dev.keyway.testing.Connections;
import dev.keyway.testing.FakeMetadataServer;
import dev.keyway.testing.Operator;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A connection given by its issuer: endpoints read from RFC 8414 / OpenID Connect metadata, through the egress guard. */
class DiscoveryTest {
    @RegisterExtension
    static final ConnectKeyway keyway = new ConnectKeyway();
    static final AuthServer as = keyway.as();
    final Api api = keyway.api();
    final Operator operator = keyway.operator();

    static Connections byIssuer(String issuer) {
        return Connections.against(as).without("authorizationUrl").without("tokenUrl").with("issuer", issuer);
    }

    @Test
    void theEndpointsOfMockOAuth2ServerAreDiscoveredFromItsIssuerAndConnectWorks() {
        String id = operator.create(byIssuer(as.issuer()));

        Api.Answer c = api.get("/api/v1/connections/" + id);
        assertThat(c.text("authorizationUrl")).isEqualTo(as.authorizationUrl());
        assertThat(c.text("tokenUrl")).isEqualTo(as.tokenUrl());
        assertThat(c.text("revocationUrl")).isEqualTo(as.revocationUrl());
        assertThat(c.text("issuer")).isEqualTo(as.issuer());

        assertThat(operator.connect(id).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/connections/" + id).text("status")).isEqualTo("connected");
        assertThat(operator.accessToken(id)).isNotBlank();
    }

    @Test
    void membersTheCallerGivesWin() {
        String id = operator.create(byIssuer(as.issuer()).with("tokenUrl", "http://127.0.0.1:9/own-token"));

        Api.Answer c = api.get("/api/v1/connections/" + id);
        assertThat(c.text("tokenUrl")).isEqualTo("http://127.0.0.1:9/own-token");
        assertThat(c.text("authorizationUrl")).isEqualTo(as.authorizationUrl());
    }

    @Test
    void rfc8414MetadataIsFoundWithTheWellKnownPathBetweenHostAndIssuerPath() {
        try (FakeMetadataServer fake = new FakeMetadataServer()) {
            String issuer = fake.url("/tenant-a");
            fake.serve("/.well-known/oauth-authorization-server/tenant-a", metadata(issuer, fake, true));

            String id = operator.create(byIssuer(issuer));

            Api.Answer c = api.get("/api/v1/connections/" + id);
            assertThat(c.text("authorizationUrl")).isEqualTo(fake.url("/authorize"));
            assertThat(c.text("tokenUrl")).isEqualTo(fake.url("/token"));
            assertThat(c.text("revocationUrl")).isEqualTo(fake.url("/revoke"));
            assertThat(c.json().get("issParameterSupported").booleanValue()).isTrue();
            assertThat(fake.asked()).containsExactly("/tenant-a/.well-known/openid-configuration",
                    "/.well-known/oauth-authorization-server/tenant-a");
        }
    }

    @Test
    void metadataNamingAnotherIssuerIsRefused() {
        try (FakeMetadataServer fake = new FakeMetadataServer()) {
            String issuer = fake.url("");
            fake.serve("/.well-known/openid-configuration", metadata("https://other.example", fake, false));

            Api.Answer refused = api.post("/api/v1/connections", byIssuer(issuer).body());

            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.text("code")).isEqualTo("issuer_mismatch");
            assertThat(refused.body()).contains("https://other.example");
        }
    }

    @Test
    void invalidMetadataIsA400DiscoveryFailed() {
        try (FakeMetadataServer fake = new FakeMetadataServer()) {
            fake.serve("/.well-known/openid-configuration", "{\"not\": \"metadata\"}");
            fake.serve("/.well-known/oauth-authorization-server", "[1, 2");

            Api.Answer refused = api.post("/api/v1/connections", byIssuer(fake.url("")).body());

            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.text("code")).isEqualTo("discovery_failed");
        }
    }

    @Test
    void anUnreachableIssuerIsA400DiscoveryFailed() {
        Api.Answer refused = api.post("/api/v1/connections", byIssuer("http://127.0.0.1:" + closedPort()).body());

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("discovery_failed");
        assertThat(api.get("/api/v1/connections").body()).doesNotContain("127.0.0.1:" + closedPort());
    }

    @Test
    void anIssuerThatIsNotAUrlIsA400() {
        Api.Answer refused = api.post("/api/v1/connections", byIssuer("keyway-test").body());

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.text("field")).isEqualTo("issuer");
    }

    static String metadata(String issuer, FakeMetadataServer fake, boolean issSupported) {
        return """
                {"issuer": "%s", "authorization_endpoint": "%s", "token_endpoint": "%s", "revocation_endpoint": "%s",
                 "response_types_supported": ["code"], "authorization_response_iss_parameter_supported": %s}
                """.formatted(issuer, fake.url("/authorize"), fake.url("/token"), fake.url("/revoke"), issSupported);
    }

    private static int closedPort;

    static synchronized int closedPort() {
        if (closedPort == 0) {
            try (ServerSocket s = new ServerSocket(0)) {
                closedPort = s.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return closedPort;
    }
}

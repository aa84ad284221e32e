package dev.keyway.connect;

import static dev.keyway.testing.ExistingGrant.assertErrorPage;
import static dev.keyway.testing.ExistingGrant.assertGrantUntouched;
import static dev.keyway.testing.ExistingGrant.existing;
import static dev.keyway.testing.Urls.query;
import static dev.keyway.testing.Urls.withParam;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.ConnectKeyway;
import dev.keyway.testing.Connections;
import dev.keyway.testing.ExistingGrant;
import dev.keyway.testing.FakeTokenEndpoint;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.Operator;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The way back to the code exchange: an {@code iss} that is not the connection's issuer stops the code from
 * being sent (and is not echoed with control characters), the right one passes; a failed or unreachable token
 * endpoint is a plain 400 page with the server's error, and the grant the connection already had stays in use.
 */
class ConnectExchangeErrorsTest {
    static final MutableClock clock = new MutableClock();
    @RegisterExtension
    static final ConnectKeyway keyway = new ConnectKeyway().clock(clock);
    static final AuthServer as = keyway.as();
    final Api api = keyway.api();
    final Operator operator = new Operator(api);

    @Test
    void anIssThatIsNotTheConnectionsIssuerIsRefused() {
        ExistingGrant e = existing(operator, Connections.against(as).with("issuer", as.issuer()));
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
        ExistingGrant e = existing(operator, Connections.against(as).with("issuer", as.issuer()));
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
        ExistingGrant e = existing(operator, Connections.against(as).with("issuer", as.issuer()));
        URI callback = operator.browser().signIn(operator.browser().openConnectLink(operator.connectUrl(e.id())), "operator@acme.test");

        HttpResponse<String> page = operator.browser().get(withParam(callback, "iss", as.issuer()));

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    }

    @Test
    void aFailedCodeExchangeShowsTheServersErrorAndTheRedirectUriHint() {
        try (FakeTokenEndpoint tokenEndpoint = new FakeTokenEndpoint()) {
            tokenEndpoint.answer(200, "{\"access_token\":\"fake-access-token-1\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":3600,\"refresh_token\":\"fake-refresh-token-1\"}");
            ExistingGrant e = existing(operator, Connections.against(as).with("tokenUrl", tokenEndpoint.url()));
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
        ExistingGrant e;
        try (FakeTokenEndpoint tokenEndpoint = new FakeTokenEndpoint()) {
            tokenEndpoint.answer(200, "{\"access_token\":\"fake-access-token-2\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
            e = existing(operator, Connections.against(as).with("tokenUrl", tokenEndpoint.url()));
        }
        URI callback = operator.browser().signIn(operator.browser().openConnectLink(operator.connectUrl(e.id())), "operator@acme.test");

        HttpResponse<String> page = operator.browser().get(callback.toString());

        assertErrorPage(page, e, "could not be reached");
        assertGrantUntouched(e);
    }
}

package dev.keyway.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.ConnectKeyway;
import dev.keyway.testing.Connections;
import dev.keyway.testing.FakeAuthorizationServer;
import dev.keyway.testing.Operator;
import dev.keyway.testing.Urls;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OpenID Connect: with {@code openid} and an issuer, Connect sends a nonce and validates the ID token (signature
 * through the issuer's JWKS, iss, aud, exp, nonce) before anything is stored, and shows who the connection was made
 * as. Against mock-oauth2-server for the real thing, and a fake server for each way an ID token can be wrong.
 */
class OpenIdConnectTest {
    @RegisterExtension
    static final ConnectKeyway keyway = new ConnectKeyway();
    final AuthServer mock = keyway.as();
    final Api api = keyway.api();
    final Operator operator = keyway.operator();
    FakeAuthorizationServer as;

    @BeforeEach
    void startServer() {
        as = new FakeAuthorizationServer();
    }

    @AfterEach
    void stopServer() {
        as.close();
    }

    @Test
    void againstMockOAuth2ServerTheIdTokenIsCheckedAndWhoConnectedIsShown() {
        String id = operator.create(Connections.against(mock).without("authorizationUrl").without("tokenUrl")
                .with("issuer", mock.issuer()));
        assertThat(api.get("/api/v1/connections/" + id).text("jwksUrl")).startsWith(mock.issuer());

        URI authorize = operator.browser().openConnectLink(operator.connectUrl(id));
        assertThat(Urls.query(authorize).get("nonce")).hasSizeGreaterThanOrEqualTo(40);
        HttpResponse<String> landed = operator.browser().get(operator.browser().signIn(authorize, "ada@acme.test").toString());

        assertThat(landed.statusCode()).as(landed.body()).isEqualTo(200);
        JsonNode who = api.get("/api/v1/connections/" + id).json().get("connectedAs");
        assertThat(who.get("subject").asText()).isEqualTo("ada@acme.test");
        assertThat(who.get("issuer").asText()).isEqualTo(mock.issuer());
        assertThat(api.post("/api/v1/connections/" + id + "/refresh", null).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/connections/" + id).text("status")).isEqualTo("connected");
    }

    @Test
    void aValidIdTokenConnectsAndNamesTheSubjectEmailAndName() {
        String id = operator.create(oidc());

        assertThat(as.connect(operator.browser(), operator.connectUrl(id)).statusCode()).isEqualTo(200);

        JsonNode who = api.get("/api/v1/connections/" + id).json().get("connectedAs");
        assertThat(who.get("subject").asText()).isEqualTo("user-42");
        assertThat(who.get("email").asText()).isEqualTo("ada@acme.test");
        assertThat(who.get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(who.get("issuer").asText()).isEqualTo(as.issuer());
        assertThat(as.jwksFetches()).isEqualTo(1);
    }

    @Test
    void theIssuersKeysAreCachedAndFetchedAgainWhenItRotatesThem() throws Exception {
        String id = operator.create(oidc());
        as.connect(operator.browser(), operator.connectUrl(id));
        as.connect(operator.browser(), operator.connectUrl(id));
        assertThat(as.jwksFetches()).isEqualTo(1);

        as.rotateKey();
        HttpResponse<String> page = as.connect(operator.browser(), operator.connectUrl(id));

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(as.jwksFetches()).isEqualTo(2);
    }

    @Test
    void keysAtAnAddressTheEgressGuardRefusesAreNeverFetched() {
        String id = operator.create(oidc().with("jwksUrl", "http://169.254.169.254/jwks"));

        HttpResponse<String> page = as.connect(operator.browser(), operator.connectUrl(id));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("refused to call the jwksUrl");
        assertThat(api.get("/api/v1/connections/" + id).json().get("grant").isNull()).isTrue();
    }

    @Test
    void anIdTokenFromAnotherIssuerFailsTheConnect() {
        as.idTokens(c -> c.issuer("https://evil.example"));
        refused("another issuer (iss)");
    }

    @Test
    void anIdTokenForAnotherClientFailsTheConnect() {
        as.idTokens(c -> c.audience("someone-else"));
        refused("not issued to this client (aud)");
    }

    @Test
    void anExpiredIdTokenFailsTheConnect() {
        Instant past = Instant.now().minusSeconds(3600);
        as.idTokens(c -> c.issueTime(Date.from(past.minusSeconds(300))).expirationTime(Date.from(past)));
        refused("expired (exp)");
    }

    @Test
    void anIdTokenSignedWithAnotherKeyFailsTheConnect() throws Exception {
        as.signWithUnpublishedKey();
        refused("signature does not verify");
    }

    @Test
    void anIdTokenWithAnotherNonceFailsTheConnect() {
        as.idTokens(c -> c.claim("nonce", "replayed-from-another-sign-in"));
        refused("nonce does not match");
    }

    @Test
    void anIdTokenSignedWithTheClientSecretIsAccepted() {
        String secret = "a-client-secret-of-at-least-32-bytes-for-hs256";
        as.signWithClientSecret(secret);
        String id = operator.create(oidc().with("clientSecret", secret));

        assertThat(as.connect(operator.browser(), operator.connectUrl(id)).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/connections/" + id).json().get("connectedAs").get("subject").asText()).isEqualTo("user-42");
    }

    @Test
    void aBadIdTokenOnReconnectLeavesTheGrantInPlace() {
        String id = operator.create(oidc());
        as.connect(operator.browser(), operator.connectUrl(id));
        String before = operator.accessToken(id);

        as.idTokens(c -> c.audience("someone-else"));
        HttpResponse<String> page = as.connect(operator.browser(), operator.connectUrl(id));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(operator.accessToken(id)).isEqualTo(before);
        assertThat(api.get("/api/v1/connections/" + id).json().get("connectedAs").get("subject").asText()).isEqualTo("user-42");
    }

    @Test
    void aRefreshValidatesItsIdTokenWithoutNonce() {
        String id = operator.create(oidc());
        as.connect(operator.browser(), operator.connectUrl(id));

        as.idTokens(c -> c.claim("name", "Ada King"));
        assertThat(api.post("/api/v1/connections/" + id + "/refresh", null).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/connections/" + id).json().get("connectedAs").get("name").asText()).isEqualTo("Ada King");

        as.idTokens(c -> c.audience("someone-else"));
        api.post("/api/v1/connections/" + id + "/refresh", null);
        Api.Answer after = api.get("/api/v1/connections/" + id);
        assertThat(after.text("status")).isEqualTo("needs_reconnect");
        assertThat(after.text("lastError")).contains("ID token of the refresh was refused");
    }

    @Test
    void aRefreshWhoseIdTokenNamesAnotherSubjectNeedsAReconnect() {
        String id = operator.create(oidc());
        as.connect(operator.browser(), operator.connectUrl(id));

        as.idTokens(c -> c.subject("someone-else"));
        api.post("/api/v1/connections/" + id + "/refresh", null);

        Api.Answer after = api.get("/api/v1/connections/" + id);
        assertThat(after.text("status")).isEqualTo("needs_reconnect");
        assertThat(after.text("lastError")).contains("another subject");
        assertThat(after.json().get("connectedAs").get("subject").asText()).isEqualTo("user-42");
    }

    @Test
    void withExplicitEndpointsAndNoJwksUrlTheKeysAreFoundThroughTheIssuer() {
        String id = operator.create(oidc().with("authorizationUrl", as.url("/authorize")).with("tokenUrl", as.url("/token")));
        assertThat(api.get("/api/v1/connections/" + id).json().get("jwksUrl").isNull()).isTrue();

        assertThat(as.connect(operator.browser(), operator.connectUrl(id)).statusCode()).isEqualTo(200);

        assertThat(api.get("/api/v1/connections/" + id).json().get("connectedAs").get("subject").asText()).isEqualTo("user-42");
    }

    private void refused(String why) {
        String id = operator.create(oidc());

        HttpResponse<String> page = as.connect(operator.browser(), operator.connectUrl(id));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("ID token was refused").contains(why);
        Api.Answer c = api.get("/api/v1/connections/" + id);
        assertThat(c.text("status")).isEqualTo("not_connected");
        assertThat(c.json().get("grant").isNull()).isTrue();
        assertThat(c.json().get("connectedAs").isNull()).isTrue();
        assertThat(c.text("lastError")).contains(why);
    }

    private Connections oidc() {
        return Connections.fromIssuer(as.issuer()).with("scopes", List.of("openid", "email")).with("par", "off");
    }
}

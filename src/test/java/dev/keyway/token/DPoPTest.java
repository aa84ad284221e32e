package dev.keyway.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.testing.Api;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.Operator;
import dev.keyway.testing.ProtocolServer;
import dev.keyway.testing.Yml;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DPoP (RFC 9449) against a strict loopback server that checks every proof (signature with the header's jwk, typ,
 * htm, htu, iat, jti never reused, ath, the token's key) and asks for a nonce first, at the token endpoint and at the
 * resource, through POST …/requests and the proxy.
 */
class DPoPTest {
    static KeywayUnderTest keyway;
    static Api api;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().start();
        api = keyway.newAccount("Acme");
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    static String create(ProtocolServer as, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("type", "oauth2", "name", "AS " + System.nanoTime(),
                "clientId", "keyway-client", "clientSecret", "s3cret", "grantType", "client_credentials",
                "tokenUrl", as.tokenUrl(), "allowedUrl", as.base() + "/api", "dpop", true));
        body.putAll(extra);
        Api.Answer a = api.post("/api/v1/connections", body);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.text("id");
    }

    static long refusals(ProtocolServer as, String prefix) {
        return as.refusals().stream().filter(r -> r.startsWith(prefix)).count();
    }

    @Test
    void aTokenRequestIsSentOnceMoreWithTheServersNonceAndLaterOnesCarryIt() {
        try (ProtocolServer as = new ProtocolServer().dpop("token-nonce", "resource-nonce")) {
            String id = create(as, Map.of());

            Api.Answer first = api.get("/api/v1/connections/" + id + "/token");
            Api.Answer forced = api.post("/api/v1/connections/" + id + "/refresh", Map.of());

            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(first.text("tokenType")).isEqualTo("DPoP");
            assertThat(forced.status()).as(forced.body()).isEqualTo(200);
            assertThat(as.refusals()).as("one nonce request, nothing else").singleElement().asString()
                    .startsWith("use_dpop_nonce");
            assertThat(as.tokensIssued()).isEqualTo(2);
            JsonNode grant = api.get("/api/v1/connections/" + id).json().get("grant");
            assertThat(grant.get("tokenType").asText()).isEqualTo("DPoP");
        }
    }

    @Test
    void anApiCallCarriesTheBoundTokenAndAProofAndRetriesOnceForTheResourceNonce() {
        try (ProtocolServer as = new ProtocolServer().dpop(null, "resource-nonce")) {
            String id = create(as, Map.of());

            Api.Answer first = api.post("/api/v1/connections/" + id + "/requests", Map.of("url", "/api/items?page=2"));
            Api.Answer second = api.post("/api/v1/connections/" + id + "/requests", Map.of("method", "POST",
                    "url", "/api/items", "body", Map.of("name", "x")));

            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(first.json().get("status").asInt()).as(first.body()).isEqualTo(200);
            assertThat(first.json().get("body").get("scheme").asText()).isEqualTo("DPoP");
            assertThat(second.json().get("status").asInt()).as(second.body() + as.refusals()).isEqualTo(200);
            assertThat(as.refusals()).as("the nonce was asked for once, then remembered").containsExactly("resource: use_dpop_nonce");
            assertThat(as.resourceCalls()).isEqualTo(2);
        }
    }

    @Test
    void theProxyCarriesTheBoundTokenAndAProofToo() {
        try (ProtocolServer as = new ProtocolServer().dpop("token-nonce", "resource-nonce")) {
            String id = create(as, Map.of());

            Api.Answer first = api.get("/api/v1/proxy/" + id + "/items?q=1");
            Api.Answer second = api.get("/api/v1/proxy/" + id + "/items/7");

            assertThat(first.status()).as(first.body() + as.refusals()).isEqualTo(200);
            assertThat(first.json().get("scheme").asText()).isEqualTo("DPoP");
            assertThat(second.status()).as(second.body() + as.refusals()).isEqualTo(200);
            assertThat(refusals(as, "resource: use_dpop_nonce")).isEqualTo(1);
            assertThat(refusals(as, "invalid")).isZero();
            assertThat(as.resourceCalls()).isEqualTo(2);
        }
    }

    @Test
    void aBearerTokenIssuedAlthoughDPoPWasAskedForIsRecordedAndUsedAsBearer() {
        try (ProtocolServer as = new ProtocolServer().dpop(null, null).answerBearer()) {
            String id = create(as, Map.of());

            Api.Answer token = api.get("/api/v1/connections/" + id + "/token");
            Api.Answer call = api.post("/api/v1/connections/" + id + "/requests", Map.of("url", "/api/items"));

            assertThat(token.text("tokenType")).isEqualTo("Bearer");
            assertThat(call.json().get("status").asInt()).as(call.body()).isEqualTo(200);
            assertThat(call.json().get("body").get("scheme").asText()).isEqualTo("Bearer");
        }
    }

    @Test
    void withPrivateKeyJwtTheNonceRetryCarriesANewAssertion() {
        try (ProtocolServer as = new ProtocolServer().dpop("token-nonce", null)) {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("clientAuthentication", "private_key_jwt", "clientSecret", ""));
            String id = create(as, body);
            as.jwks(api.get("/api/v1/connections/" + id).text("clientJwksUrl"));

            Api.Answer token = api.get("/api/v1/connections/" + id + "/token");

            assertThat(token.status()).as(token.body() + as.refusals()).isEqualTo(200);
            assertThat(as.refusals()).singleElement().asString().startsWith("use_dpop_nonce");
        }
    }

    @Test
    void connectExchangesTheCodeWithAProofAndRefreshesWithOne() {
        try (ProtocolServer as = new ProtocolServer().dpop("token-nonce", "resource-nonce")) {
            Map<String, Object> code = new LinkedHashMap<>(Map.of("grantType", "authorization_code",
                    "authorizationUrl", as.authorizationUrl()));
            String id = create(as, code);
            Operator operator = new Operator(api);

            var landed = operator.browser().get(operator.browser().openConnectLink(operator.connectUrl(id)).toString());
            var callback = operator.browser().get(landed.headers().firstValue("Location").orElseThrow());
            Api.Answer refreshed = api.post("/api/v1/connections/" + id + "/refresh", Map.of());
            Api.Answer call = api.post("/api/v1/connections/" + id + "/requests", Map.of("url", "/api/me"));

            assertThat(callback.statusCode()).as(callback.body() + as.refusals()).isLessThan(400);
            assertThat(api.get("/api/v1/connections/" + id).json().get("grant").get("refreshTokenSet").asBoolean()).isTrue();
            assertThat(refreshed.status()).as(refreshed.body() + as.refusals()).isEqualTo(200);
            assertThat(refreshed.text("tokenType")).isEqualTo("DPoP");
            assertThat(call.json().get("status").asInt()).as(call.body()).isEqualTo(200);
            assertThat(as.tokenForms()).extracting(f -> f.get("grant_type"))
                    .containsExactly("authorization_code", "authorization_code", "refresh_token");
            assertThat(refusals(as, "use_dpop_nonce")).as("the code exchange asked for the nonce, the refresh had it").isEqualTo(1);
            assertThat(refusals(as, "invalid")).isZero();
        }
    }

    @Test
    void aFeedImportThroughADPoPConnectionCarriesTheBoundTokenAndAProof() {
        String yml = Yml.feed().offer("1", null, "Boot", "10", true).offer("2", null, "Cap", "5", true).xml();
        try (ProtocolServer as = new ProtocolServer().dpop("token-nonce", "resource-nonce").resource("application/xml", yml)) {
            String id = create(as, Map.of());
            String feed = api.post("/api/v1/imports", Map.of("name", "Feed", "url", as.base() + "/api/feed.yml",
                    "connectionId", id)).text("id");

            JsonNode run = api.post("/api/v1/imports/" + feed + "/run", null).json();

            assertThat(run.get("status").asText()).as(run + " " + as.refusals()).isEqualTo("succeeded");
            assertThat(run.get("created").asInt()).isEqualTo(2);
            assertThat(refusals(as, "resource: use_dpop_nonce")).isEqualTo(1);
            assertThat(refusals(as, "invalid")).isZero();
        }
    }
}

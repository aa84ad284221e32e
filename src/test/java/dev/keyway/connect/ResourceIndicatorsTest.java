package dev.keyway.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.Connections;
import dev.keyway.testing.FakeAuthorizationServer;
import dev.keyway.testing.FakeAuthorizationServer.Received;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.Operator;
import dev.keyway.testing.Urls;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 8707: a connection's {@code resources} go as repeated {@code resource} parameters on the authorization
 * request (in the URL, or pushed), the code exchange and every refresh; an {@code audience} that a provider wants
 * goes through {@code tokenParams}. A fake authorization server records the parameters.
 */
class ResourceIndicatorsTest {
    static final List<String> RESOURCES = List.of("https://api.crm.example/", "https://files.crm.example/v2");
    static FakeAuthorizationServer as;
    static KeywayUnderTest keyway;
    static Api api;
    static Operator operator;

    @BeforeAll
    static void start() {
        as = new FakeAuthorizationServer();
        keyway = KeywayUnderTest.builder().start();
        api = keyway.newAccount("Acme");
        operator = new Operator(api);
    }

    @AfterAll
    static void stop() {
        keyway.close();
        as.close();
    }

    @Test
    void resourcesGoOnTheAuthorizationUrlTheCodeExchangeAndEveryRefresh() {
        String id = operator.create(Connections.fromIssuer(as.issuer()).with("par", "off").with("resources", RESOURCES));
        assertThat(api.get("/api/v1/connections/" + id).json().get("resources")).hasSize(2);
        int authorizeBefore = as.authorizeRequests().size();
        int tokenBefore = as.tokenRequests().size();

        assertThat(as.connect(operator.browser(), operator.connectUrl(id)).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/connections/" + id + "/refresh", null).status()).isEqualTo(200);

        assertThat(as.authorizeRequests().get(authorizeBefore).params().get("resource")).isEqualTo(RESOURCES);
        List<Received> tokens = as.tokenRequests().subList(tokenBefore, as.tokenRequests().size());
        assertThat(tokens).extracting(r -> r.param("grant_type")).containsExactly("authorization_code", "refresh_token");
        assertThat(tokens).allSatisfy(r -> assertThat(r.params().get("resource")).isEqualTo(RESOURCES));
    }

    @Test
    void resourcesArePushedWithAPushedRequest() {
        String id = operator.create(Connections.fromIssuer(as.issuer()).with("resources", RESOURCES.subList(0, 1)));
        int before = as.parRequests().size();

        URI authorize = operator.browser().openConnectLink(operator.connectUrl(id));

        assertThat(as.parRequests().get(before).params().get("resource")).isEqualTo(RESOURCES.subList(0, 1));
        assertThat(Urls.query(authorize)).doesNotContainKey("resource");
    }

    @Test
    void anAudienceTokenParameterIsSentOnTheCodeExchangeAndRefresh() {
        String id = operator.create(Connections.fromIssuer(as.issuer()).with("par", "off")
                .with("tokenParams", Map.of("audience", "https://api.crm.example")));
        int before = as.tokenRequests().size();

        as.connect(operator.browser(), operator.connectUrl(id));
        api.post("/api/v1/connections/" + id + "/refresh", null);

        List<Received> tokens = as.tokenRequests().subList(before, as.tokenRequests().size());
        assertThat(tokens).hasSize(2).allSatisfy(r -> assertThat(r.param("audience")).isEqualTo("https://api.crm.example"));
    }

    @Test
    void anEditKeepsTheProtocolMembersItDoesNotName() {
        String id = operator.create(Connections.fromIssuer(as.issuer()).with("par", "required").with("resources", RESOURCES));

        Api.Answer edited = api.patch("/api/v1/connections/" + id, Map.of("description", "renamed"));

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.text("par")).isEqualTo("required");
        assertThat(edited.text("parUrl")).isEqualTo(as.url("/par"));
        assertThat(edited.text("jwksUrl")).isEqualTo(as.url("/jwks"));
        assertThat(edited.json().get("resources")).hasSize(2);
    }

    @Test
    void aRelativeResourceOrOneWithAFragmentIsRefused() {
        for (String bad : List.of("/api", "https://api.crm.example/#frag", "not a uri")) {
            Api.Answer created = api.post("/api/v1/connections", Connections.fromIssuer(as.issuer())
                    .with("resources", List.of(bad)).body());

            assertThat(created.status()).as(bad).isEqualTo(400);
            assertThat(created.text("code")).isEqualTo("invalid_resource");
            assertThat(created.text("field")).isEqualTo("resources");
        }
    }

    @Test
    void resourcesMustBeAList() {
        Api.Answer created = api.post("/api/v1/connections", Connections.fromIssuer(as.issuer())
                .with("resources", "https://api.crm.example/").body());

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.text("code")).isEqualTo("invalid_type");
    }
}

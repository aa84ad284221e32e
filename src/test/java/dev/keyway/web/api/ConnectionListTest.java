package dev.keyway.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Connections;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.Operator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The list, read in a few queries for all connections, shows each connection exactly as its own GET does (without history). */
class ConnectionListTest {
    static AuthServer mock;
    static KeywayUnderTest keyway;

    @BeforeAll
    static void start() {
        mock = new AuthServer();
        keyway = KeywayUnderTest.builder().start();
    }

    @AfterAll
    static void stop() {
        keyway.close();
        mock.close();
    }

    @Test
    void eachListedConnectionIsWhatItsOwnGetShows() {
        Api api = keyway.newAccount("List " + System.nanoTime());
        Operator operator = new Operator(api);
        String connected = operator.create(Connections.against(mock).without("authorizationUrl").without("tokenUrl")
                .with("issuer", mock.issuer()));
        URI authorize = operator.browser().openConnectLink(operator.connectUrl(connected));
        operator.browser().get(operator.browser().signIn(authorize, "ada@acme.test").toString());
        List<String> ids = new ArrayList<>(List.of(connected));
        ids.add(api.post("/api/v1/connections", Map.of("type", "oauth2", "name", "Keys", "clientId", "keyway-client",
                "grantType", "client_credentials", "tokenUrl", "https://as.example/token",
                "clientAuthentication", "private_key_jwt", "dpop", true)).text("id"));
        ids.add(api.post("/api/v1/connections", Map.of("type", "token", "name", "Static", "token", "t0ken-value",
                "allowedUrl", "https://api.example/")).text("id"));
        keyway.newAccount("Other").post("/api/v1/connections", Map.of("type", "token", "name", "Not listed", "token", "x",
                "allowedUrl", "https://api.example/"));

        JsonNode items = api.get("/api/v1/connections").json().get("items");

        assertThat(items).hasSize(3);
        assertThat(items.get(0).get("connectedAs").get("subject").asText()).isEqualTo("ada@acme.test");
        assertThat(items.get(1).get("publicJwk")).as("the client key").isNotNull();
        for (int i = 0; i < ids.size(); i++) {
            ObjectNode one = (ObjectNode) api.get("/api/v1/connections/" + ids.get(i)).json();
            one.remove(List.of("history", "failingImports"));
            ObjectNode listed = ((ObjectNode) items.get(i)).deepCopy();
            listed.remove(List.of("history", "failingImports"));
            assertThat(listed).as(ids.get(i)).isEqualTo(one);
        }
    }
}

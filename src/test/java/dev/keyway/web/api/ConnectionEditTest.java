package dev.keyway.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.ConnectKeyway;
import dev.keyway.testing.Connections;
import dev.keyway.testing.Operator;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Editing a connection: names stay unique, cosmetic edits keep it connected, endpoint, client or scope changes
 * need a reconnect (and a new Connect fixes that), the client secret is kept, replaced or removed, and the
 * history shows each step.
 */
class ConnectionEditTest {
    @RegisterExtension
    static final ConnectKeyway keyway = new ConnectKeyway();
    static final AuthServer as = keyway.as();
    final Api api = keyway.api();
    final Operator operator = keyway.operator();

    @Test
    void renamingOntoAnotherConnectionsNameIs409() {
        Api account = keyway.newAccount("Renamer");
        account.post("/api/v1/connections", Connections.against(as).with("name", "HubSpot").body());
        String id = account.post("/api/v1/connections", Connections.against(as).with("name", "Pipedrive").body()).text("id");

        Api.Answer refused = account.patch("/api/v1/connections/" + id, Map.of("name", "HubSpot"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("name_taken");
        assertThat(account.get("/api/v1/connections/" + id).text("name")).isEqualTo("Pipedrive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"description", "name"})
    void editingDescriptionOrNameOfAConnectedConnectionKeepsItConnected(String field) {
        String id = operator.connected(Connections.against(as));
        String token = operator.accessToken(id);

        Api.Answer edited = api.patch("/api/v1/connections/" + id, Map.of(field, "renamed " + System.nanoTime()));

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.text("status")).isEqualTo("connected");
        assertThat(edited.text(field)).startsWith("renamed ");
        assertThat(operator.accessToken(id)).isEqualTo(token);
    }

    static Stream<Arguments> reconnectingEdits() {
        return Stream.of(
                Arguments.of("tokenUrl", (Supplier<Object>) () -> as.server().tokenEndpointUrl("other-issuer").toString()),
                Arguments.of("authorizationUrl", (Supplier<Object>) () -> as.server().authorizationEndpointUrl("other-issuer").toString()),
                Arguments.of("clientId", (Supplier<Object>) () -> "another-client"),
                Arguments.of("scopes", (Supplier<Object>) () -> List.of("openid", "crm.write")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reconnectingEdits")
    void changingEndpointsClientIdOrScopesOfAConnectedConnectionNeedsReconnect(String field, Supplier<Object> value) {
        String id = operator.connected(Connections.against(as));
        operator.accessToken(id); // warm the token cache: the edit must still take effect at once

        Api.Answer edited = api.patch("/api/v1/connections/" + id, Map.of(field, value.get()));

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.text("status")).isEqualTo("needs_reconnect");
        assertThat(edited.text("lastError")).contains(field);
        Api.Answer token = api.get("/api/v1/connections/" + id + "/token");
        assertThat(token.status()).isEqualTo(409);
        assertThat(token.text("code")).isEqualTo("needs_reconnect");
        assertThat(token.body()).doesNotContain("accessToken");
        Api.Answer refresh = api.post("/api/v1/connections/" + id + "/refresh", Map.of());
        assertThat(refresh.status()).isEqualTo(409);
        assertThat(refresh.text("code")).isEqualTo("needs_reconnect");
    }

    @Test
    void connectingAgainAfterNeedsReconnectMakesItConnected() {
        String id = operator.connected(Connections.against(as));
        api.patch("/api/v1/connections/" + id, Map.of("scopes", List.of("openid")));
        assertThat(api.get("/api/v1/connections/" + id).text("status")).isEqualTo("needs_reconnect");

        HttpResponse<String> landed = operator.connect(id);

        assertThat(landed.statusCode()).isEqualTo(200);
        Api.Answer after = api.get("/api/v1/connections/" + id);
        assertThat(after.text("status")).isEqualTo("connected");
        assertThat(after.text("lastError")).isNull();
        assertThat(operator.accessToken(id)).isNotBlank();
    }

    @Test
    void editingANotConnectedConnectionsEndpointsKeepsItNotConnected() {
        String id = operator.create(Connections.against(as));
        Api.Answer edited = api.patch("/api/v1/connections/" + id, Map.of("clientId", "changed"));
        assertThat(edited.text("status")).isEqualTo("not_connected");
        assertThat(edited.text("clientId")).isEqualTo("changed");
    }

    @Test
    void clientSecretAbsentKeepsNullRemovesStringReplaces() {
        String id = operator.create(Connections.against(as).without("clientSecret").with("clientAuthentication", "none"));
        assertThat(secretSet(id)).isFalse();

        Api.Answer set = api.patch("/api/v1/connections/" + id,
                Map.of("clientSecret", "first-secret", "clientAuthentication", "client_secret_basic"));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("clientSecretSet").asBoolean()).isTrue();
        assertThat(set.body()).doesNotContain("first-secret");

        assertThat(api.patch("/api/v1/connections/" + id, Map.of("description", "no secret member")).status()).isEqualTo(200);
        assertThat(secretSet(id)).as("absent keeps").isTrue();

        Api.Answer replaced = api.patch("/api/v1/connections/" + id, Map.of("clientSecret", "second-secret"));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("clientSecretSet").asBoolean()).isTrue();
        assertThat(replaced.body()).doesNotContain("second-secret");
        // the replacement is what Keyway now sends to the token endpoint
        as.drainRequests();
        assertThat(operator.connect(id).statusCode()).isEqualTo(200);
        RecordedRequest tokenRequest = as.drainRequests().stream()
                .filter(r -> r.getPath().startsWith("/" + AuthServer.ISSUER + "/token")).findFirst().orElseThrow();
        assertThat(tokenRequest.getHeader("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("keyway-client:second-secret".getBytes(StandardCharsets.UTF_8)));

        Map<String, Object> remove = new LinkedHashMap<>();
        remove.put("clientSecret", null);
        remove.put("clientAuthentication", "none");
        Api.Answer removed = api.patch("/api/v1/connections/" + id, remove);
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("clientSecretSet").asBoolean()).as("null removes").isFalse();
        assertThat(secretSet(id)).isFalse();
    }

    @Test
    void historyShowsCreatedConnectedEditedNewestFirst() {
        String id = operator.connected(Connections.against(as));
        api.patch("/api/v1/connections/" + id, Map.of("description", "edited once"));

        JsonNode history = api.get("/api/v1/connections/" + id).json().get("history");

        List<String> kinds = new ArrayList<>();
        history.forEach(e -> kinds.add(e.get("kind").asText()));
        assertThat(kinds).containsExactly("edited", "connected", "created");
        assertThat(history.get(0).get("detail").asText()).contains("description");
        assertThat(history.get(0).get("at").asText()).isNotBlank();
        assertThat(history.get(0).get("actor").asText()).isNotBlank();
    }

    // ---- helpers

    private boolean secretSet(String id) {
        return api.get("/api/v1/connections/" + id).json().get("clientSecretSet").asBoolean();
    }
}

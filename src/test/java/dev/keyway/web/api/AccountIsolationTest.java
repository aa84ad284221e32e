package dev.keyway.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Connections;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.Operator;
import dev.keyway.web.Routes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** No account sees, uses or changes another's connections; no key, no API. Every route is taken from {@link Routes}. */
class AccountIsolationTest {
    static AuthServer as;
    static KeywayUnderTest keyway;
    static Api alice;
    static Api bob;
    static String alicesConnection;
    static String bobsConnection;

    @BeforeAll
    static void start() {
        as = new AuthServer();
        keyway = KeywayUnderTest.builder().start();
        alice = keyway.newAccount("Alice Inc");
        bob = keyway.newAccount("Bob Ltd");
        alicesConnection = new Operator(alice).connected(Connections.against(as).with("name", "Alice CRM")
                .with("revocationUrl", as.revocationUrl()));
        bobsConnection = new Operator(bob).create(Connections.against(as).with("name", "Bob CRM"));
    }

    @AfterAll
    static void stop() {
        keyway.close();
        as.close();
    }

    /** Every API route that names one connection, with a body that would be accepted from its owner. */
    static Stream<Arguments> routesOfOneConnection() {
        List<Arguments> out = new ArrayList<>();
        for (Routes.Route r : keyway.keyway().routes().api()) {
            if (!r.path().contains("{id}")) {
                continue;
            }
            String method = r.method().text();
            Object body = switch (method) {
                case "PATCH" -> Map.of("description", "taken over", "tokenUrl", "https://evil.example/token");
                case "POST" -> Map.of();
                default -> null;
            };
            out.add(Arguments.of(method + " " + r.path(), method, r.path(), body));
        }
        return out.stream();
    }

    @Test
    void theRoutesUnderTestAreAllSixOperationsOnAConnection() {
        List<String> names = routesOfOneConnection().map(a -> (String) a.get()[0]).toList();
        assertThat(names).contains("GET /api/v1/connections/{id}", "PATCH /api/v1/connections/{id}",
                "DELETE /api/v1/connections/{id}", "POST /api/v1/connections/{id}/connect",
                "GET /api/v1/connections/{id}/token", "POST /api/v1/connections/{id}/refresh");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routesOfOneConnection")
    void anotherAccountGets404OnEveryRouteAndTheConnectionIsUnchanged(String name, String method, String path, Object body) {
        String token = alice.get("/api/v1/connections/" + alicesConnection + "/token").text("accessToken"); // warm the cache
        JsonNode before = alice.get("/api/v1/connections/" + alicesConnection).json();
        as.drainRequests();

        Api.Answer answer = bob.send(method, path.replace("{id}", alicesConnection).replace("{batchId}", "bat_x"), body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.text("code")).isEqualTo("not_found");
        assertThat(answer.body()).doesNotContain(token).doesNotContain("Alice");
        assertThat(as.drainRequests()).as("nothing reached the service (no refresh, no revocation)").isEmpty();
        assertThat(alice.get("/api/v1/connections/" + alicesConnection).json()).isEqualTo(before);
        assertThat(alice.get("/api/v1/connections/" + alicesConnection + "/token").text("accessToken")).isEqualTo(token);
    }

    @Test
    void anotherAccountsBadPatchOrForeignReturnUrlIsStill404() {
        Api.Answer patch = bob.patch("/api/v1/connections/" + alicesConnection, Map.of("tokenUrl", "not a url"));
        assertThat(patch.status()).isEqualTo(404);
        Api.Answer connect = bob.post("/api/v1/connections/" + alicesConnection + "/connect",
                Map.of("returnUrl", "https://evil.example/"));
        assertThat(connect.status()).isEqualTo(404);
    }

    @Test
    void eachAccountListsOnlyItsOwnConnections() {
        assertThat(ids(alice.get("/api/v1/connections"))).containsExactly(alicesConnection);
        assertThat(ids(bob.get("/api/v1/connections"))).containsExactly(bobsConnection);
        assertThat(keyway.newAccount("Empty").get("/api/v1/connections").json().get("items")).isEmpty();
    }

    @Test
    void theSameNameInTwoAccountsIsTwoConnections() {
        Api.Answer created = bob.post("/api/v1/connections", Connections.against(as).with("name", "Alice CRM").body());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("id")).isNotEqualTo(alicesConnection);
        assertThat(bob.delete("/api/v1/connections/" + created.text("id")).status()).isEqualTo(204);
        assertThat(alice.get("/api/v1/connections/" + alicesConnection).status()).isEqualTo(200);
    }

    static Stream<Arguments> everyRoute() {
        return keyway.keyway().routes().api().stream().map(r -> Arguments.of(r.method().text() + " " + r.path(),
                r.method().text(), r.path().replace("{id}", alicesConnection).replace("{batchId}", "bat_x")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRoute")
    void withoutAKeyEveryRouteIs401WithWwwAuthenticate(String name, String method, String path) {
        Api.Answer answer = keyway.anonymous().send(method, path, method.equals("GET") || method.equals("DELETE") ? null : Map.of());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(answer.text("code")).isEqualTo("unauthorized");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kw_0000000000000000000000000000000000000000000", "not-a-key", "kw_", "Bearer"})
    void aWrongKeyIs401(String key) {
        Api.Answer answer = alice.as(key).get("/api/v1/connections/" + alicesConnection);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(answer.text("code")).isEqualTo("unauthorized");
    }

    @Test
    void aWrongKeyInXApiKeyIs401AndAnotherAuthorizationSchemeIsNoKey() throws Exception {
        assertThat(raw("X-API-Key", "kw_wrongwrongwrong").statusCode()).isEqualTo(401);
        HttpResponse<String> basic = raw("Authorization", "Basic YWxpY2U6cGFzc3dvcmQ=");
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /api/v1/nope", "GET /api/v2/connections", "GET /api/v1/connections/x/secret",
            "GET /api"})
    void anUnknownRouteUnderApiIs404Json(String request) {
        String[] parts = request.split(" ");
        for (Api client : List.of(alice, keyway.anonymous())) {
            Api.Answer answer = client.send(parts[0], parts[1], parts[0].equals("GET") ? null : Map.of());

            assertThat(answer.status()).as(request).isEqualTo(404);
            assertThat(answer.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            assertThat(answer.text("code")).isEqualTo("not_found");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT /api/v1/connections/x|DELETE, GET, PATCH", "POST /api/v1/connections/x/token|GET",
            "DELETE /api/v1/connections|GET, POST", "GET /api/v1/events|POST"})
    void aKnownPathWithAnotherMethodIs405WithTheAllowedMethods(String request) {
        String[] parts = request.split("[ |]", 3);
        for (Api client : List.of(alice, keyway.anonymous())) {
            Api.Answer answer = client.send(parts[0], parts[1], parts[0].equals("GET") || parts[0].equals("DELETE") ? null : Map.of());

            assertThat(answer.status()).as(request).isEqualTo(405);
            assertThat(answer.raw().headers().firstValue("Allow")).hasValue(parts[2]);
            assertThat(answer.text("code")).isEqualTo("method_not_allowed");
        }
    }

    private static HttpResponse<String> raw(String header, String value) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keyway.base() + "/api/v1/connections"))
                .header(header, value).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> ids(Api.Answer list) {
        List<String> out = new ArrayList<>();
        list.json().get("items").forEach(i -> out.add(i.get("id").asText()));
        return out;
    }
}

package dev.keyway.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.Grant;
import dev.keyway.connection.GrantRepository;
import dev.keyway.crypto.SecretBox;
import dev.keyway.store.Json;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Connections;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.Operator;
import java.net.URI;
import java.net.URLDecoder;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The connections resource as a platform developer uses it: create, read, list, edit, delete, connect. */
class ConnectionApiTest {
    private static final String SECRET = "s3cret-client-value";

    static AuthServer as;
    static KeywayUnderTest keyway;
    static Api api;
    static Operator operator;

    @BeforeAll
    static void start() {
        as = new AuthServer();
        keyway = KeywayUnderTest.builder().start();
        api = keyway.newAccount("Acme");
        operator = new Operator(api);
    }

    @AfterAll
    static void stop() {
        keyway.close();
        as.close();
    }

    // ---- create, read, list

    @Test
    void createAnswers201WithRedirectUriStatusAndNoSecret() {
        Api.Answer created = api.post("/api/v1/connections", Connections.against(as).with("name", "CRM created").body());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("id")).startsWith("con_");
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/v1/connections/" + created.text("id"));
        assertThat(created.text("type")).isEqualTo("oauth2");
        assertThat(created.text("name")).isEqualTo("CRM created");
        assertThat(created.text("redirectUri")).isEqualTo(keyway.base() + "/oauth2/callback");
        assertThat(created.text("status")).isEqualTo("not_connected");
        assertThat(created.json().get("clientSecretSet").asBoolean()).isTrue();
        assertThat(created.json().has("clientSecret")).isFalse();
        assertThat(created.body()).doesNotContain(SECRET);
        assertThat(created.text("clientAuthentication")).isEqualTo("client_secret_basic");
        assertThat(created.json().get("pkce").asBoolean()).isTrue();
        assertThat(created.text("scopeSeparator")).isEqualTo(" ");
        assertThat(texts(created.json().get("scopes"))).containsExactly("openid", "crm.read");
        assertThat(created.json().get("history").get(0).get("kind").asText()).isEqualTo("created");
    }

    @Test
    void getAndListShowTheConnectionWithoutItsSecret() {
        Api account = keyway.newAccount("Lister");
        Operator lister = new Operator(account);
        String first = lister.create(Connections.against(as).with("name", "first"));
        String second = lister.create(Connections.against(as).with("name", "second").with("clientSecret", null)
                .with("clientAuthentication", "none"));

        Api.Answer one = account.get("/api/v1/connections/" + first);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.text("id")).isEqualTo(first);
        assertThat(one.text("name")).isEqualTo("first");
        assertThat(one.text("tokenUrl")).isEqualTo(as.tokenUrl());
        assertThat(one.text("authorizationUrl")).isEqualTo(as.authorizationUrl());
        assertThat(one.body()).doesNotContain(SECRET);

        Api.Answer list = account.get("/api/v1/connections");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(SECRET);
        List<String> ids = new ArrayList<>();
        list.json().get("items").forEach(i -> ids.add(i.get("id").asText()));
        assertThat(ids).containsExactly(first, second);
        assertThat(list.json().get("items").get(0).get("clientSecretSet").asBoolean()).isTrue();
        assertThat(list.json().get("items").get(1).get("clientSecretSet").asBoolean()).isFalse();
        assertThat(list.json().get("items").get(1).get("clientAuthentication").asText()).isEqualTo("none");
    }

    @Test
    void getOfAnUnknownIdIs404() {
        Api.Answer missing = api.get("/api/v1/connections/con_doesnotexist");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("code")).isEqualTo("not_found");
    }

    // ---- bad input

    /** A bad create body, the field Keyway must name (null: the body as a whole) and the code it must give. */
    static Stream<Arguments> badCreates() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(bad("missing name", () -> base().without("name"), "name", "required"));
        cases.add(bad("blank name", () -> base().with("name", "   "), "name", "required"));
        cases.add(bad("missing clientId", () -> base().without("clientId"), "clientId", "required"));
        cases.add(bad("missing authorizationUrl", () -> base().without("authorizationUrl"), "authorizationUrl", "required"));
        cases.add(bad("missing tokenUrl", () -> base().without("tokenUrl"), "tokenUrl", "required"));
        cases.add(bad("relative authorizationUrl", () -> base().with("authorizationUrl", "/authorize"), "authorizationUrl", "invalid_url"));
        cases.add(bad("relative tokenUrl", () -> base().with("tokenUrl", "token"), "tokenUrl", "invalid_url"));
        cases.add(bad("ftp tokenUrl", () -> base().with("tokenUrl", "ftp://127.0.0.1/token"), "tokenUrl", "invalid_url"));
        cases.add(bad("javascript authorizationUrl", () -> base().with("authorizationUrl", "javascript:alert(1)"), "authorizationUrl", "invalid_url"));
        cases.add(bad("tokenUrl with user info", () -> base().with("tokenUrl", "https://user:pw@as.example/token"), "tokenUrl", "invalid_url"));
        cases.add(bad("authorizationUrl with fragment", () -> base().with("authorizationUrl", "https://as.example/authorize#frag"), "authorizationUrl", "invalid_url"));
        cases.add(bad("revocationUrl not a URL", () -> base().with("revocationUrl", "ht tp://x"), "revocationUrl", "invalid_url"));
        // wrong JSON type, one per member
        cases.add(bad("type as number", () -> base().with("type", 1), "type", "invalid_type"));
        cases.add(bad("name as number", () -> base().with("name", 42), "name", "invalid_type"));
        cases.add(bad("description as boolean", () -> base().with("description", true), "description", "invalid_type"));
        cases.add(bad("clientId as array", () -> base().with("clientId", List.of("a")), "clientId", "invalid_type"));
        cases.add(bad("clientSecret as number", () -> base().with("clientSecret", 7), "clientSecret", "invalid_type"));
        cases.add(bad("authorizationUrl as object", () -> base().with("authorizationUrl", Map.of("u", "v")), "authorizationUrl", "invalid_type"));
        cases.add(bad("tokenUrl as number", () -> base().with("tokenUrl", 3.5), "tokenUrl", "invalid_type"));
        cases.add(bad("revocationUrl as boolean", () -> base().with("revocationUrl", false), "revocationUrl", "invalid_type"));
        cases.add(bad("issuer as number", () -> base().with("issuer", 1), "issuer", "invalid_type"));
        cases.add(bad("scopes as number", () -> base().with("scopes", 5), "scopes", "invalid_type"));
        cases.add(bad("scopes holding a number", () -> base().with("scopes", List.of(1)), "scopes", "invalid_value"));
        cases.add(bad("scopeSeparator as number", () -> base().with("scopeSeparator", 1), "scopeSeparator", "invalid_type"));
        cases.add(bad("clientAuthentication as number", () -> base().with("clientAuthentication", 1), "clientAuthentication", "invalid_type"));
        cases.add(bad("pkce as string", () -> base().with("pkce", "yes"), "pkce", "invalid_type"));
        cases.add(bad("authorizationParams as string", () -> base().with("authorizationParams", "prompt=consent"), "authorizationParams", "invalid_type"));
        cases.add(bad("authorizationParams holding a number", () -> base().with("authorizationParams", Map.of("prompt", 1)), "authorizationParams", "invalid_value"));
        cases.add(bad("tokenParams as array", () -> base().with("tokenParams", List.of("x")), "tokenParams", "invalid_type"));
        // values
        cases.add(bad("unknown member", () -> base().with("clientSecrett", "typo"), "clientSecrett", "unknown_field"));
        cases.add(bad("read-only member", () -> base().with("status", "connected"), "status", "unknown_field"));
        cases.add(bad("unsupported type", () -> base().with("type", "saml"), "type", "unsupported_type"));
        cases.add(bad("reserved authorization param state", () -> base().with("authorizationParams", Map.of("state", "x")), "authorizationParams", "reserved_parameter"));
        cases.add(bad("reserved authorization param redirect_uri", () -> base().with("authorizationParams", Map.of("redirect_uri", "https://evil.example/")), "authorizationParams", "reserved_parameter"));
        cases.add(bad("reserved token param grant_type", () -> base().with("tokenParams", Map.of("grant_type", "password")), "tokenParams", "reserved_parameter"));
        cases.add(bad("too-long name", () -> base().with("name", "n".repeat(201)), "name", "too_long"));
        cases.add(bad("name with a control character", () -> base().with("name", "CRM\u0000"), "name", "invalid_value"));
        cases.add(bad("bad scopeSeparator", () -> base().with("scopeSeparator", "|"), "scopeSeparator", "invalid_value"));
        cases.add(bad("scope with a space", () -> base().with("scopes", List.of("a b")), "scopes", "invalid_value"));
        cases.add(bad("bad clientAuthentication", () -> base().with("clientAuthentication", "private_key_jwt_typo"), "clientAuthentication", "invalid_value"));
        cases.add(bad("client_secret_post without a secret", () -> base().without("clientSecret").with("clientAuthentication", "client_secret_post"), "clientSecret", "client_secret_required"));
        cases.add(bad("client_secret_basic with a null secret", () -> base().with("clientSecret", null).with("clientAuthentication", "client_secret_basic"), "clientSecret", "client_secret_required"));
        // bodies that are not a connection object
        cases.add(bad("malformed JSON", () -> "{\"name\": \"x\",", null, "invalid_json"));
        cases.add(bad("valid connection followed by garbage", () -> json(base().body()) + " trailing", null, "invalid_json"));
        cases.add(bad("two JSON objects", () -> json(base().body()) + json(base().body()), null, "invalid_json"));
        cases.add(bad("JSON array body", () -> "[" + json(base().body()) + "]", null, "invalid_json"));
        cases.add(bad("JSON string body", () -> "\"a connection\"", null, "invalid_json"));
        cases.add(bad("JSON null body", () -> "null", null, "invalid_json"));
        cases.add(bad("not JSON at all", () -> "name=CRM&clientId=x", null, "invalid_json"));
        cases.add(bad("empty body", () -> "", "name", "required"));
        cases.add(bad("empty object", () -> "{}", "name", "required"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCreates")
    void badCreateIsRefusedWith400FieldAndCodeAndWritesNothing(String label, Supplier<Object> body, String field, String code) {
        Api account = keyway.newAccount("Bad input " + label);
        Object b = body.get();

        Api.Answer refused = account.post("/api/v1/connections", b instanceof Connections c ? c.body() : b);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json()).as("a JSON problem: %s", refused.body()).isNotNull();
        assertThat(refused.text("code")).isEqualTo(code);
        assertThat(refused.json().has("field")).isTrue();
        assertThat(refused.text("field")).isEqualTo(field);
        assertThat(refused.text("message")).isNotBlank();
        assertThat(refused.body()).doesNotContain(SECRET);
        assertThat(account.get("/api/v1/connections").json().get("items")).isEmpty();
    }

    static Stream<Arguments> badPatches() {
        return Stream.of(
                Arguments.of("relative tokenUrl", Map.of("tokenUrl", "/token"), "tokenUrl", "invalid_url"),
                Arguments.of("ftp authorizationUrl", Map.of("authorizationUrl", "ftp://127.0.0.1/a"), "authorizationUrl", "invalid_url"),
                Arguments.of("null name", nullValued("name"), "name", "required"),
                Arguments.of("name as number", Map.of("name", 1), "name", "invalid_type"),
                Arguments.of("unknown member", Map.of("id", "con_other"), "id", "unknown_field"),
                Arguments.of("reserved token param", Map.of("tokenParams", Map.of("code_verifier", "x")), "tokenParams", "reserved_parameter"),
                Arguments.of("secret removed under client_secret_basic", nullValued("clientSecret"), "clientSecret", "client_secret_required"),
                Arguments.of("malformed JSON", "{\"name\":", null, "invalid_json"),
                Arguments.of("JSON array body", "[]", null, "invalid_json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPatches")
    void badPatchIsRefusedWith400AndChangesNothing(String label, Object patch, String field, String code) {
        String id = operator.create(Connections.against(as));
        Api.Answer before = api.get("/api/v1/connections/" + id);

        Api.Answer refused = api.patch("/api/v1/connections/" + id, patch);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo(code);
        assertThat(refused.text("field")).isEqualTo(field);
        Api.Answer after = api.get("/api/v1/connections/" + id);
        assertThat(after.json()).isEqualTo(before.json());
    }

    @Test
    void connectWithAnUnknownMemberIsRefused() {
        String id = operator.create(Connections.against(as));
        Api.Answer refused = api.post("/api/v1/connections/" + id + "/connect", Map.of("returnUrl", "/done", "state", "x"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("unknown_field");
    }

    // ---- names

    @Test
    void duplicateNameInTheSameAccountIs409NameTakenAndTheSameNameInAnotherAccountIsFine() {
        Api account = keyway.newAccount("Dupes");
        Api other = keyway.newAccount("Other");
        assertThat(account.post("/api/v1/connections", Connections.against(as).with("name", "Salesforce").body()).status())
                .isEqualTo(201);

        Api.Answer again = account.post("/api/v1/connections", Connections.against(as).with("name", "Salesforce").body());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("name_taken");
        assertThat(again.text("field")).isEqualTo("name");
        assertThat(account.get("/api/v1/connections").json().get("items")).hasSize(1);

        assertThat(other.post("/api/v1/connections", Connections.against(as).with("name", "Salesforce").body()).status())
                .isEqualTo(201);
    }

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

    // ---- edit

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

    // ---- delete

    @Test
    void deleteOfAConnectedConnectionRevokesItsRefreshTokenThenIsGone() {
        String id = operator.connected(Connections.against(as).with("revocationUrl", as.revocationUrl()));
        Grant grant = new GrantRepository(keyway.keyway().database().jdbi(), new SecretBox(keyway.keyset()), Json.mapper())
                .find(new ConnectionId(id)).orElseThrow();
        assertThat(grant.refreshToken()).isNotBlank();
        as.drainRequests();

        Api.Answer deleted = api.delete("/api/v1/connections/" + id);

        assertThat(deleted.status()).isEqualTo(204);
        String revokePath = URI.create(as.revocationUrl()).getPath();
        List<RecordedRequest> revocations = as.drainRequests().stream().filter(r -> r.getPath().startsWith(revokePath)).toList();
        assertThat(revocations).hasSize(1);
        RecordedRequest revocation = revocations.getFirst();
        assertThat(revocation.getMethod()).isEqualTo("POST");
        Map<String, String> form = form(revocation.getBody().readUtf8());
        assertThat(form).containsEntry("token", grant.refreshToken()).containsEntry("token_type_hint", "refresh_token");
        assertThat(revocation.getHeader("Authorization")).startsWith("Basic ");
        assertThat(api.get("/api/v1/connections/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/connections/" + id + "/token").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/connections/" + id).status()).isEqualTo(404);
    }

    @Test
    void deleteWithoutRevocationUrlSendsNothingToTheService() {
        String id = operator.connected(Connections.against(as));
        as.drainRequests();

        assertThat(api.delete("/api/v1/connections/" + id).status()).isEqualTo(204);

        assertThat(as.drainRequests()).isEmpty();
        assertThat(api.get("/api/v1/connections/" + id).status()).isEqualTo(404);
    }

    // ---- connect

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example", "//evil.example/done", "http://127.0.0.1:1/done",
            "javascript:alert(1)", "/\\evil.example", "done"})
    void connectWithAForeignReturnUrlIsRefused(String returnUrl) {
        String id = operator.create(Connections.against(as));

        Api.Answer refused = api.post("/api/v1/connections/" + id + "/connect", Map.of("returnUrl", returnUrl));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("invalid_return_url");
        assertThat(refused.text("field")).isEqualTo("returnUrl");
    }

    @Test
    void connectWithAReturnUrlOnKeywayLandsThereWith303() {
        String id = operator.create(Connections.against(as));
        Api.Answer started = api.post("/api/v1/connections/" + id + "/connect", Map.of("returnUrl", "/done"));
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.text("connectUrl")).startsWith(keyway.base() + "/oauth2/connect/");
        assertThat(started.text("redirectUri")).isEqualTo(keyway.base() + "/oauth2/callback");
        assertThat(started.text("expiresAt")).isNotBlank();

        HttpResponse<String> landed = operator.browser().connect(started.text("connectUrl"), "operator@acme.test");

        assertThat(landed.statusCode()).isEqualTo(303);
        assertThat(landed.headers().firstValue("Location"))
                .hasValue(keyway.base() + "/done?connectionId=" + id + "&status=connected");
        assertThat(api.get("/api/v1/connections/" + id).text("status")).isEqualTo("connected");
    }

    @Test
    void connectOfAnUnknownConnectionIs404() {
        Api.Answer missing = api.post("/api/v1/connections/con_doesnotexist/connect", Map.of());
        assertThat(missing.status()).isEqualTo(404);
    }

    // ---- helpers

    private static Connections base() {
        return Connections.against(as);
    }

    private static Arguments bad(String label, Supplier<Object> body, String field, String code) {
        return Arguments.of(label, body, field, code);
    }

    private static Map<String, Object> nullValued(String field) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(field, null);
        return m;
    }

    private static String json(Object o) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean secretSet(String id) {
        return api.get("/api/v1/connections/" + id).json().get("clientSecretSet").asBoolean();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}

package dev.keyway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.KeywayUnderTest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectionTypesTest {
    static KeywayUnderTest keyway;
    static Api api;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().start();
        api = keyway.newAccount("Types");
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    @Test
    void basicConnectionIsConnectedAtOnceAndNeverShowsItsPassword() {
        Api.Answer a = api.post("/api/v1/connections", Map.of("type", "basic", "name", "Basic CRM",
                "username", "crm-user", "password", "pa55-word-value", "allowedUrl", "https://crm.example.com/api"));
        assertThat(a.status()).isEqualTo(201);
        assertThat(a.text("status")).isEqualTo("connected");
        assertThat(a.text("username")).isEqualTo("crm-user");
        assertThat(a.json().get("passwordSet").asBoolean()).isTrue();
        assertThat(a.body()).doesNotContain("pa55-word-value");
        assertThat(api.get("/api/v1/connections/" + a.text("id")).body()).doesNotContain("pa55-word-value");
    }

    @Test
    void tokenConnectionTakesAPlacementAndNeverShowsItsToken() {
        Api.Answer a = api.post("/api/v1/connections", Map.of("type", "token", "name", "Feed token",
                "token", "static-token-value-123", "allowedUrl", "https://feeds.example.com/",
                "credentialPlacement", Map.of("in", "query", "name", "key")));
        assertThat(a.status()).isEqualTo(201);
        assertThat(a.json().get("tokenSet").asBoolean()).isTrue();
        assertThat(a.json().get("credentialPlacement").get("in").asText()).isEqualTo("query");
        assertThat(a.body()).doesNotContain("static-token-value-123");
    }

    @Test
    void customConnectionShowsHeaderNamesButNotValues() {
        Api.Answer a = api.post("/api/v1/connections", Map.of("type", "custom", "name", "Custom headers",
                "headers", Map.of("X-Api-Key", "header-secret-value", "X-Tenant", "acme"),
                "allowedUrl", "https://api.example.com/v2"));
        assertThat(a.status()).isEqualTo(201);
        assertThat(a.json().get("headerNames").toString()).contains("X-Api-Key", "X-Tenant");
        assertThat(a.body()).doesNotContain("header-secret-value");
    }

    @Test
    void editingAPasswordKeepsTheUsernameAndRecordsWhatChanged() {
        String id = api.post("/api/v1/connections", Map.of("type", "basic", "name", "Edit me",
                "username", "u1", "password", "p1-secret")).text("id");
        Api.Answer edited = api.patch("/api/v1/connections/" + id, Map.of("password", "p2-secret"));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.text("username")).isEqualTo("u1");
        assertThat(edited.json().get("history").toString()).contains("changed password");
        assertThat(edited.body()).doesNotContain("p2-secret");
    }

    @Test
    void typeOfAConnectionCannotChange() {
        String id = api.post("/api/v1/connections", Map.of("type", "token", "name", "Fixed type", "token", "t")).text("id");
        Api.Answer a = api.patch("/api/v1/connections/" + id, Map.of("type", "basic"));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.text("code")).isEqualTo("type_immutable");
    }

    @Test
    void connectAndTokenAreRefusedForAStaticConnection() {
        String id = api.post("/api/v1/connections", Map.of("type", "token", "name", "No connect", "token", "t")).text("id");
        assertThat(api.post("/api/v1/connections/" + id + "/connect", Map.of()).text("code")).isEqualTo("not_oauth2");
        assertThat(api.get("/api/v1/connections/" + id + "/token").text("code")).isEqualTo("not_oauth2");
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of(Map.of("type", "basic", "name", "x", "username", "u"), "password", "required"),
                Arguments.of(Map.of("type", "basic", "name", "x", "password", "p"), "username", "required"),
                Arguments.of(Map.of("type", "token", "name", "x"), "token", "required"),
                Arguments.of(Map.of("type", "custom", "name", "x", "headers", Map.of("Host", "evil")), "headers", "forbidden_header"),
                Arguments.of(Map.of("type", "custom", "name", "x", "headers", Map.of("Transfer-Encoding", "chunked")), "headers", "forbidden_header"),
                Arguments.of(Map.of("type", "custom", "name", "x", "headers", Map.of("Bad Name", "v")), "headers", "invalid_header"),
                Arguments.of(Map.of("type", "custom", "name", "x", "headers", Map.of()), "headers", "invalid_type"),
                Arguments.of(Map.of("type", "token", "name", "x", "token", "t", "clientId", "c"), "clientId", "unknown_field"),
                Arguments.of(Map.of("type", "basic", "name", "x", "username", "u", "password", "p",
                        "credentialPlacement", Map.of("in", "query")), "credentialPlacement", "not_applicable"),
                Arguments.of(Map.of("type", "token", "name", "x", "token", "t", "credentialPlacement", Map.of("in", "body")),
                        "credentialPlacement", "invalid_value"),
                Arguments.of(Map.of("type", "token", "name", "x", "token", "t", "tokenExpiredStatuses", java.util.List.of(200)),
                        "tokenExpiredStatuses", "invalid_value"),
                Arguments.of(Map.of("type", "token", "name", "x", "token", "t", "allowedUrl", "ftp://x"), "allowedUrl", "invalid_url"),
                Arguments.of(Map.of("type", "ldap", "name", "x"), "type", "unsupported_type"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void badInputIsA400NamingTheFieldAndNothingIsWritten(Map<String, Object> body, String field, String code) {
        int before = api.get("/api/v1/connections").json().get("items").size();
        Api.Answer a = api.post("/api/v1/connections", body);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.text("field")).isEqualTo(field);
        assertThat(a.text("code")).isEqualTo(code);
        assertThat(api.get("/api/v1/connections").json().get("items").size()).isEqualTo(before);
    }
}

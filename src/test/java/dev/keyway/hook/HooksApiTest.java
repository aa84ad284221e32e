package dev.keyway.hook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.testing.Api;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.web.Routes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** /api/v1/hooks: settings as the issue names them, refusals with code and field, clone/stop/start/delete, isolation. */
class HooksApiTest {
    static KeywayUnderTest keyway;
    Api api;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().start();
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    @BeforeEach
    void account() {
        api = keyway.newAccount("Hooks " + System.nanoTime());
    }

    static Map<String, Object> hook(String name) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("eventTypes", List.of("open", "click"));
        m.put("url", "https://crm.example.com/hooks/events");
        return m;
    }

    String tokenConnection(Api owner) {
        return owner.post("/api/v1/connections", Map.of("type", "token", "name", "CRM token", "description", "",
                "token", "t0ken", "allowedUrl", "https://crm.example.com/hooks")).text("id");
    }

    @Test
    void aHookIsCreatedWithEveryMemberAndReadBack() {
        Map<String, Object> body = hook("CRM opens");
        body.put("filters", Map.of("listIds", List.of(3, 1), "campaignIds", List.of(7)));
        body.put("connectionId", tokenConnection(api));
        body.put("maxBatchSize", 50);
        body.put("timeoutSeconds", 30);
        body.put("successRegex", ".*OK.*");
        body.put("customData", Map.of("email", "{profile.email}", "campaign", "{event_data.campaign_id}"));

        Api.Answer created = api.post("/api/v1/hooks", body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode read = api.get("/api/v1/hooks/" + created.text("id")).json();
        assertThat(read.get("name").asText()).isEqualTo("CRM opens");
        assertThat(read.get("active").asBoolean()).isTrue();
        assertThat(read.get("filters").get("listIds").toString()).isEqualTo("[1,3]");
        assertThat(read.get("maxBatchSize").asInt()).isEqualTo(50);
        assertThat(read.get("timeoutSeconds").asInt()).isEqualTo(30);
        assertThat(read.get("successRegex").asText()).isEqualTo(".*OK.*");
        assertThat(read.get("customData").get("email").asText()).isEqualTo("{profile.email}");
        assertThat(read.get("connectionId").asText()).isEqualTo(body.get("connectionId"));
        assertThat(api.get("/api/v1/hooks").json().get("items")).hasSize(1);
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "successRegex|'(unclosed'|invalid_regex",
            "maxBatchSize|0|invalid_value",
            "maxBatchSize|1001|invalid_value",
            "timeoutSeconds|'\"10\"'|invalid_value",
            "eventTypes|[]|required",
            "url|'\"ftp://x.example/\"'|invalid_url",
            "customData|'{\"e\":\"{profile email}\"}'|invalid_template",
            "filters|'{\"listIds\":[\"a\"]}'|invalid_type",
            "connectionId|'\"con_nope\"'|unknown_connection",
            "color|'\"red\"'|unknown_field"})
    void badSettingsAreRefusedWithACodeAndTheField(String field, String json, String code) {
        Map<String, Object> body = hook("Bad");
        body.put(field, field.equals("successRegex") ? json : keywayJson(json));

        Api.Answer answer = api.post("/api/v1/hooks", body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.text("code")).isEqualTo(code);
        assertThat(answer.text("field")).startsWith(field);
        assertThat(api.get("/api/v1/hooks").json().get("items")).as("nothing half-written").isEmpty();
    }

    private static Object keywayJson(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aConnectionUsedByAHookIsNotDeletedUntilTheHookIsGone() {
        Map<String, Object> body = hook("CRM opens");
        String connection = tokenConnection(api);
        body.put("connectionId", connection);
        String hook = api.post("/api/v1/hooks", body).text("id");

        Api.Answer refused = api.delete("/api/v1/connections/" + connection);

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("connection_in_use");
        assertThat(refused.text("message")).contains("CRM opens").contains(hook);
        assertThat(api.get("/api/v1/hooks/" + hook).text("connectionId")).isEqualTo(connection);
        assertThat(api.delete("/api/v1/hooks/" + hook).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/connections/" + connection).status()).isEqualTo(204);
    }

    @Test
    void anotherAccountsConnectionCannotBeUsed() {
        Api other = keyway.newAccount("Other " + System.nanoTime());
        Map<String, Object> body = hook("Borrowed");
        body.put("connectionId", tokenConnection(other));

        Api.Answer answer = api.post("/api/v1/hooks", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("code")).isEqualTo("unknown_connection");
    }

    @Test
    void aUrlOutsideTheConnectionsAllowedUrlIsRefused() {
        Map<String, Object> body = hook("Elsewhere");
        body.put("connectionId", tokenConnection(api));
        body.put("url", "https://evil.example/collect");

        Api.Answer answer = api.post("/api/v1/hooks", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("field")).isEqualTo("url");
    }

    @Test
    void cloneStopStartPatchAndDelete() {
        String id = api.post("/api/v1/hooks", hook("Original")).text("id");

        Api.Answer copy = api.post("/api/v1/hooks/" + id + "/clone", null);
        assertThat(copy.status()).isEqualTo(201);
        assertThat(copy.text("name")).isEqualTo("Original (copy)");
        assertThat(copy.json().get("active").asBoolean()).as("a copy starts stopped").isFalse();
        assertThat(api.post("/api/v1/hooks/" + id + "/clone", null).text("name")).isEqualTo("Original (copy 2)");

        assertThat(api.post("/api/v1/hooks/" + id + "/stop", null).json().get("active").asBoolean()).isFalse();
        assertThat(api.post("/api/v1/hooks/" + id + "/start", null).json().get("active").asBoolean()).isTrue();
        Api.Answer patched = api.patch("/api/v1/hooks/" + id, Map.of("active", false, "maxBatchSize", 7));
        assertThat(patched.json().get("active").asBoolean()).isFalse();
        assertThat(patched.json().get("maxBatchSize").asInt()).isEqualTo(7);
        assertThat(patched.json().get("eventTypes").toString()).as("kept").isEqualTo("[\"open\",\"click\"]");
        assertThat(api.patch("/api/v1/hooks/" + id, Map.of("name", "Original (copy)")).text("code")).isEqualTo("name_taken");

        assertThat(api.delete("/api/v1/hooks/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/hooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void anotherAccountGets404OnEveryHookRouteAndTheHookIsUnchanged() {
        String id = api.post("/api/v1/hooks", hook("Mine")).text("id");
        JsonNode before = api.get("/api/v1/hooks/" + id).json();
        Api bob = keyway.newAccount("Bob " + System.nanoTime());
        int checked = 0;
        for (Routes.Route r : keyway.keyway().routes().api()) {
            if (!r.path().startsWith("/api/v1/hooks/{id}")) {
                continue;
            }
            String method = r.method().text();
            Object body = method.equals("PATCH") ? Map.of("name", "taken over") : method.equals("POST") ? Map.of() : null;
            Api.Answer answer = bob.send(method, r.path().replace("{id}", id).replace("{batchId}", "bat_x"), body);
            assertThat(answer.status()).as(method + " " + r.path() + ": " + answer.body()).isEqualTo(404);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(6);
        assertThat(bob.get("/api/v1/hooks").json().get("items")).isEmpty();
        assertThat(api.get("/api/v1/hooks/" + id).json()).isEqualTo(before);
    }
}

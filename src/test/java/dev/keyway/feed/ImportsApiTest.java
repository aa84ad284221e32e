package dev.keyway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.FeedServer;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.Yml;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /api/v1/imports: settings, validation, pause and resume, deletion, and what another account sees. */
class ImportsApiTest {
    static KeywayUnderTest keyway;
    static FeedServer feed;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().start();
        feed = new FeedServer().serve(Yml.feed().offer("1", null, "Boot", "10", true).xml());
    }

    @AfterAll
    static void stop() {
        feed.close();
        keyway.close();
    }

    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> m = new HashMap<>(Map.of("name", "Catalogue", "url", feed.url()));
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void anImportIsCreatedReadListedEditedPausedAndDeleted() {
        Api api = keyway.newAccount("Acme");
        Api.Answer created = api.post("/api/v1/imports", body("schedule", "0 3 * * *", "timeZone", "Europe/Berlin"));

        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/v1/imports/" + id);
        assertThat(created.text("mode")).isEqualTo("products_and_skus");
        assertThat(created.text("schedule")).isEqualTo("0 3 * * *");
        assertThat(created.text("timeZone")).isEqualTo("Europe/Berlin");
        assertThat(created.json().get("active").asBoolean()).isTrue();
        assertThat(created.json().get("connectionId").isNull()).isTrue();
        assertThat(api.get("/api/v1/imports").json().get("items")).hasSize(1);

        Api.Answer paused = api.patch("/api/v1/imports/" + id, Map.of("active", false, "schedule", "every 2h"));
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().get("active").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/imports/" + id).text("schedule")).isEqualTo("every 2h");
        assertThat(api.get("/api/v1/imports/" + id).text("name")).as("untouched by the patch").isEqualTo("Catalogue");
        assertThat(api.post("/api/v1/imports/" + id + "/run", null).text("status")).as("a paused import runs on demand")
                .isEqualTo("succeeded");

        assertThat(api.delete("/api/v1/imports/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/imports/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/imports/" + id + "/runs").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/products").json().get("total").asInt()).as("the catalogue stays").isEqualTo(1);
    }

    @Test
    void badInputIsRefusedWithItsCodeAndField() {
        Api api = keyway.newAccount("Acme");
        Map<Map<String, Object>, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put(Map.of("url", feed.url()), new String[] {"required", "name"});
        cases.put(Map.of("name", "x"), new String[] {"required", "url"});
        cases.put(body("url", "ftp://example.com/feed.xml"), new String[] {"invalid_url", "url"});
        cases.put(body("url", "not a url"), new String[] {"invalid_url", "url"});
        cases.put(body("mode", "everything"), new String[] {"invalid_value", "mode"});
        cases.put(body("schedule", "every 1m"), new String[] {"invalid_schedule", "schedule"});
        cases.put(body("schedule", "sometimes"), new String[] {"invalid_schedule", "schedule"});
        cases.put(body("schedule", "61 * * * *"), new String[] {"invalid_schedule", "schedule"});
        cases.put(body("timeZone", "Mars/Olympus"), new String[] {"invalid_time_zone", "timeZone"});
        cases.put(body("active", "yes"), new String[] {"invalid_type", "active"});
        cases.put(body("connectionId", "con_nope"), new String[] {"unknown_connection", "connectionId"});
        cases.put(body("colour", "red"), new String[] {"unknown_field", "colour"});
        cases.forEach((b, expected) -> {
            Api.Answer refused = api.post("/api/v1/imports", b);
            assertThat(refused.status()).as(b.toString()).isEqualTo(400);
            assertThat(refused.text("code")).as(b.toString()).isEqualTo(expected[0]);
            assertThat(refused.text("field")).as(b.toString()).isEqualTo(expected[1]);
            assertThat(refused.text("message")).isNotBlank();
        });
        assertThat(api.post("/api/v1/imports", "[1]").text("code")).isEqualTo("invalid_json");
        assertThat(api.get("/api/v1/imports").json().get("items")).isEmpty();

        String id = api.post("/api/v1/imports", body()).text("id");
        assertThat(api.post("/api/v1/imports", body()).status()).as("same name").isEqualTo(409);
        assertThat(api.patch("/api/v1/imports/" + id, Map.of("mode", 3)).text("field")).isEqualTo("mode");
    }

    @Test
    void aFeedUrlOutsideTheConnectionsAllowedUrlIsRefused() {
        Api api = keyway.newAccount("Acme");
        String connection = api.post("/api/v1/connections", Map.of("type", "token", "name", "Feed token",
                "description", "", "token", "t0ken-value", "allowedUrl", feed.base() + "/private")).text("id");

        Api.Answer refused = api.post("/api/v1/imports", body("connectionId", connection));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("url_not_allowed");
        assertThat(refused.text("field")).isEqualTo("url");
    }

    @Test
    void anotherAccountSeesNeitherTheImportNorItsRunsNorTheProducts() {
        Api owner = keyway.newAccount("Owner");
        Api other = keyway.newAccount("Other");
        String id = owner.post("/api/v1/imports", body()).text("id");
        owner.post("/api/v1/imports/" + id + "/run", null);
        String one = "/api/v1/imports/" + id;

        assertThat(other.get(one).status()).isEqualTo(404);
        assertThat(other.get(one + "/runs").status()).isEqualTo(404);
        assertThat(other.post(one + "/run", null).status()).isEqualTo(404);
        assertThat(other.patch(one, Map.of("active", false)).status()).isEqualTo(404);
        assertThat(other.delete(one).status()).isEqualTo(404);
        assertThat(other.post(one + "/clone", null).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/imports").json().get("items")).isEmpty();
        assertThat(other.get("/api/v1/products").json().get("total").asInt()).isZero();
        assertThat(other.get("/api/v1/products").json().get("items")).isEmpty();
        assertThat(owner.get("/api/v1/products").json().get("total").asInt()).isEqualTo(1);
        assertThat(owner.get(one + "/runs").json().get("items")).hasSize(1);
        assertThat(keyway.anonymous().get("/api/v1/imports").status()).isEqualTo(401);
        assertThat(keyway.anonymous().get("/api/v1/products").status()).isEqualTo(401);
    }

    @Test
    void aCloneCopiesTheSettingsPausedUnderANewNameWithoutTheRuns() {
        Api api = keyway.newAccount("Acme");
        String id = api.post("/api/v1/imports", body("schedule", "every 2h", "timeZone", "Europe/Berlin", "mode", "skus_only"))
                .text("id");
        api.post("/api/v1/imports/" + id + "/run", null);

        Api.Answer copy = api.post("/api/v1/imports/" + id + "/clone", null);
        Api.Answer second = api.post("/api/v1/imports/" + id + "/clone", null);

        assertThat(copy.status()).as(copy.body()).isEqualTo(201);
        assertThat(copy.raw().headers().firstValue("Location")).hasValue("/api/v1/imports/" + copy.text("id"));
        assertThat(copy.text("id")).isNotEqualTo(id);
        assertThat(copy.text("name")).isEqualTo("Catalogue (copy)");
        assertThat(second.text("name")).isEqualTo("Catalogue (copy 2)");
        assertThat(copy.text("url")).isEqualTo(feed.url());
        assertThat(copy.text("schedule")).isEqualTo("every 2h");
        assertThat(copy.text("timeZone")).isEqualTo("Europe/Berlin");
        assertThat(copy.text("mode")).isEqualTo("skus_only");
        assertThat(copy.json().get("active").asBoolean()).isFalse();
        assertThat(copy.json().get("lastRunAt").isNull()).isTrue();
        assertThat(api.get("/api/v1/imports/" + copy.text("id") + "/runs").json().get("items")).isEmpty();
        assertThat(api.get("/api/v1/imports/" + id + "/runs").json().get("items")).hasSize(1);
    }

    @Test
    void aConnectionUsedByImportsIsNotDeletedAndShowsTheirLastFailures() {
        Api api = keyway.newAccount("Acme");
        String connection = api.post("/api/v1/connections", Map.of("type", "token", "name", "Feed token",
                "description", "", "token", "t0ken-value", "allowedUrl", "http://127.0.0.1:1/feeds")).text("id");
        String id = api.post("/api/v1/imports", body("connectionId", connection, "url", "http://127.0.0.1:1/feeds/nobody-listens.xml"))
                .text("id");
        assertThat(api.get("/api/v1/connections/" + connection).json().get("failingImports")).isEmpty();

        String error = api.post("/api/v1/imports/" + id + "/run", null).text("error");
        var failing = api.get("/api/v1/connections/" + connection).json().get("failingImports");
        Api.Answer refused = api.delete("/api/v1/connections/" + connection);

        assertThat(error).isNotBlank();
        assertThat(failing).hasSize(1);
        assertThat(failing.get(0).get("id").asText()).isEqualTo(id);
        assertThat(failing.get(0).get("name").asText()).isEqualTo("Catalogue");
        assertThat(failing.get(0).get("error").asText()).isEqualTo(error);
        assertThat(failing.get(0).get("failedAt").asText()).isNotBlank();
        assertThat(api.get("/api/v1/imports/" + id).text("lastError")).isEqualTo(error);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("connection_in_use");
        assertThat(refused.text("message")).contains("Catalogue").contains(id);
        assertThat(api.get("/api/v1/connections/" + connection).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/imports/" + id).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/connections/" + connection).status()).isEqualTo(204);
    }
}

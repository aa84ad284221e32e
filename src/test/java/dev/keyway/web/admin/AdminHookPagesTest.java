package dev.keyway.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keyway.testing.AdminHttp;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Browser;
import dev.keyway.testing.Connections;
import dev.keyway.testing.HookSink;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.PlatformEvents;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Settings → Hooks over HTTP: CSRF, another account's hook, refusals next to their field, clone/stop/start/delete. */
class AdminHookPagesTest {
    static final String PASSWORD = "correct horse battery";
    static KeywayUnderTest keyway;
    static AuthServer as;
    static HookSink sink;
    static Api acme;
    static AdminHttp ops;
    static AdminHttp globex;

    @BeforeAll
    static void start() {
        as = new AuthServer();
        keyway = KeywayUnderTest.builder().env("KEYWAY_HOOK_RETRY_BASE_MILLIS", "0").env("KEYWAY_HOOK_MAX_ATTEMPTS", "1")
                .env("KEYWAY_HOOK_POLL_MILLIS", "50").start();
        sink = new HookSink();
        var a = keyway.keyway().accounts().create("Acme");
        acme = new Api(keyway.base(), a.apiKey());
        keyway.keyway().users().create(a.id(), "ops@acme.test", PASSWORD);
        var g = keyway.keyway().accounts().create("Globex");
        keyway.keyway().users().create(g.id(), "ops@globex.test", PASSWORD);
        ops = new AdminHttp(keyway.base());
        assertThat(ops.signIn("ops@acme.test", PASSWORD).statusCode()).isEqualTo(303);
        globex = new AdminHttp(keyway.base());
        assertThat(globex.signIn("ops@globex.test", PASSWORD).statusCode()).isEqualTo(303);
    }

    @AfterAll
    static void stop() {
        sink.close();
        keyway.close();
        as.close();
    }

    static String hook(String name) {
        Api.Answer created = acme.post("/api/v1/hooks", Map.of("name", name, "eventTypes", List.of("open"), "url", sink.url()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("id");
    }

    static String csrf(AdminHttp who) {
        return AdminHttp.csrf(who.get("/admin/hooks/new").body());
    }

    Map<String, String> form(String name, String... more) {
        Map<String, String> f = AdminHttp.form("name", name, "active", "on", "eventTypes", "open click", "url", sink.url(),
                "maxBatchSize", "10", "timeoutSeconds", "30", "after", "close");
        for (int i = 0; i < more.length; i += 2) {
            f.put(more[i], more[i + 1]);
        }
        return f;
    }

    @Test
    void postsWithoutTheCsrfTokenAreRefusedAndChangeNothing() {
        String id = hook("Guarded");
        int received = sink.received().size();

        assertThat(ops.post("/admin/hooks", form("No token")).statusCode()).isEqualTo(403);
        Map<String, String> forged = form("Forged");
        forged.put("_csrf", "forged");
        assertThat(ops.post("/admin/hooks", forged).statusCode()).isEqualTo(403);
        assertThat(ops.post("/admin/hooks/" + id + "/test", Map.of()).statusCode()).isEqualTo(403);
        assertThat(ops.post("/admin/hooks/" + id + "/stop", Map.of()).statusCode()).isEqualTo(403);
        assertThat(ops.post("/admin/hooks/" + id + "/delete", AdminHttp.form("_csrf", "forged")).statusCode()).isEqualTo(403);

        assertThat(ops.get("/admin/hooks").body()).doesNotContain("No token").doesNotContain("Forged");
        assertThat(sink.received()).hasSize(received);
        Api.Answer after = acme.get("/api/v1/hooks/" + id);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().get("active").asBoolean()).isTrue();
    }

    @Test
    void anotherAccountsOperatorGets404ForEveryPageAndActionOfTheHook() {
        String id = hook("Acme only");
        String token = csrf(globex);
        String one = "/admin/hooks/" + id;

        assertThat(globex.get("/admin/hooks").body()).doesNotContain("Acme only");
        for (String page : List.of(one, one + "/edit", one + "/delete")) {
            HttpResponse<String> r = globex.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(404);
            assertThat(r.body()).as(page).contains("There is no such hook in your account.").doesNotContain("Acme only");
        }
        for (String action : List.of(one, one + "/test", one + "/stop", one + "/clone", one + "/delete",
                one + "/batches/bat_x/replay", one + "/batches/bat_x/discard")) {
            assertThat(globex.post(action, form("Taken over", "_csrf", token)).statusCode()).as(action).isEqualTo(404);
        }
        Api.Answer after = acme.get("/api/v1/hooks/" + id);
        assertThat(after.text("name")).isEqualTo("Acme only");
        assertThat(after.json().get("active").asBoolean()).isTrue();
        assertThat(acme.get("/api/v1/hooks").body()).doesNotContain("Taken over");
    }

    @Test
    void aRefusedFieldIsShownNextToItAndWhatWasTypedIsKept() {
        String token = csrf(ops);

        HttpResponse<String> r = ops.post("/admin/hooks", form("Typed", "_csrf", token, "timeoutSeconds", "0",
                "filters.campaignIds", "101 102", "customName", "email", "customTemplate", "{profile.email}"));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("<p class=\"error\" id=\"e-timeoutSeconds\">timeoutSeconds must be an integer from 1 to 3600</p>")
                .contains("value=\"Typed\"").contains("value=\"101 102\"").contains("value=\"{profile.email}\"");

        HttpResponse<String> filter = ops.post("/admin/hooks", form("Typed", "_csrf", token, "filters.listIds", "12x"));
        assertThat(filter.statusCode()).isEqualTo(422);
        assertThat(filter.body()).contains("id=\"e-filters.listIds\"");

        HttpResponse<String> custom = ops.post("/admin/hooks", form("Typed", "_csrf", token, "customName", "email",
                "customTemplate", "{profile.email"));
        assertThat(custom.statusCode()).isEqualTo(422);
        assertThat(custom.body()).contains("id=\"e-custom\"").contains("braces must enclose");

        HttpResponse<String> regex = ops.post("/admin/hooks", form("Typed", "_csrf", token, "successRegex", "(unclosed"));
        assertThat(regex.body()).contains("id=\"e-successRegex\"");
        assertThat(acme.get("/api/v1/hooks").body()).doesNotContain("Typed");
    }

    @Test
    void aHookSavedFromTheFormHasEverySetting() {
        String connection = acme.post("/api/v1/connections", Map.of("type", "token", "name", "CRM token", "token",
                "t0ken-v4lue", "allowedUrl", sink.base())).text("id");
        String token = csrf(ops);

        HttpResponse<String> r = ops.post("/admin/hooks", form("Everything", "_csrf", token, "connectionId", connection,
                "filters.listIds", "1", "filters.resources", "2", "filters.campaignIds", "3 4", "filters.templateIds", "5",
                "filters.segmentIds", "6", "successRegex", "\"status\":\\s*\"OK\"", "customName", "email",
                "customTemplate", "{profile.email}"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String id = r.headers().firstValue("Location").orElseThrow().replaceAll(".*/(hook_[^?/]+).*", "$1");
        Api.Answer saved = acme.get("/api/v1/hooks/" + id);
        assertThat(saved.json().get("eventTypes").toString()).isEqualTo("[\"open\",\"click\"]");
        assertThat(saved.json().get("filters").toString())
                .isEqualTo("{\"listIds\":[1],\"resources\":[2],\"campaignIds\":[3,4],\"templateIds\":[5],\"segmentIds\":[6]}");
        assertThat(saved.text("connectionId")).isEqualTo(connection);
        assertThat(saved.json().get("maxBatchSize").asInt()).isEqualTo(10);
        assertThat(saved.json().get("timeoutSeconds").asInt()).isEqualTo(30);
        assertThat(saved.text("successRegex")).isEqualTo("\"status\":\\s*\"OK\"");
        assertThat(saved.json().get("customData").toString()).isEqualTo("{\"email\":\"{profile.email}\"}");
        String edit = ops.get("/admin/hooks/" + id + "/edit").body();
        assertThat(edit).contains("value=\"3 4\"").contains("CRM token (Token)</option>");

        Map<String, String> unticked = form("Everything", "_csrf", token, "connectionId", "");
        unticked.remove("active");
        assertThat(ops.post("/admin/hooks/" + id, unticked).statusCode()).isEqualTo(303);
        Api.Answer edited = acme.get("/api/v1/hooks/" + id);
        assertThat(edited.json().get("active").asBoolean()).isFalse();
        assertThat(edited.json().get("connectionId").isNull()).isTrue();
        assertThat(edited.json().get("customData").isEmpty()).as("rows left out are removed").isTrue();
    }

    @Test
    void cloneStopStartAndDeleteFromTheHookPage() {
        String id = hook("Lifecycle");
        String token = csrf(ops);
        String one = "/admin/hooks/" + id;

        assertThat(ops.post(one + "/stop", AdminHttp.form("_csrf", token)).statusCode()).isEqualTo(303);
        assertThat(acme.get("/api/v1/hooks/" + id).json().get("active").asBoolean()).isFalse();
        assertThat(ops.get(one).body()).contains(">Stopped<").contains(">Start</button>");
        assertThat(ops.post(one + "/start", AdminHttp.form("_csrf", token)).statusCode()).isEqualTo(303);
        assertThat(acme.get("/api/v1/hooks/" + id).json().get("active").asBoolean()).isTrue();

        HttpResponse<String> cloned = ops.post(one + "/clone", AdminHttp.form("_csrf", token));
        assertThat(cloned.statusCode()).isEqualTo(303);
        assertThat(ops.get(cloned.headers().firstValue("Location").orElseThrow()).body())
                .contains("Lifecycle (copy)").contains("This is a copy, stopped");

        assertThat(ops.get(one + "/delete").body()).contains("Delete for good");
        HttpResponse<String> deleted = ops.post(one + "/delete", AdminHttp.form("_csrf", token));
        assertThat(deleted.headers().firstValue("Location").orElseThrow()).isEqualTo("/admin/hooks?notice=deleted");
        assertThat(acme.get("/api/v1/hooks/" + id).status()).isEqualTo(404);
        assertThat(ops.get(one).statusCode()).isEqualTo(404);
    }

    @Test
    void aDeadLetterDiscardedFromThePageIsGoneAndIsNeverSent() {
        try (HookSink failing = new HookSink().answer(n -> new HookSink.Reply(500, "{\"error\":\"boom\"}"))) {
            Api.Answer created = acme.post("/api/v1/hooks", Map.of("name", "Discarded", "eventTypes", List.of("open"),
                    "url", failing.url(), "maxBatchSize", 1));
            String id = created.text("id");
            acme.post("/api/v1/events", PlatformEvents.open(1));
            await().until(() -> acme.get("/api/v1/hooks/" + id + "/stats").json().get("dead").asInt() == 1);
            String batch = acme.get("/api/v1/hooks/" + id + "/batches?state=dead").json().get("items").get(0).get("id").asText();
            String page = ops.get("/admin/hooks/" + id).body();
            assertThat(page).contains("/admin/hooks/" + id + "/batches/" + batch + "/discard").contains("{\"error\":\"boom\"}");

            HttpResponse<String> r = ops.post("/admin/hooks/" + id + "/batches/" + batch + "/discard",
                    AdminHttp.form("_csrf", csrf(ops)));

            assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("?notice=discarded");
            assertThat(acme.get("/api/v1/hooks/" + id + "/stats").json().get("dead").asInt()).isZero();
            HttpResponse<String> again = ops.post("/admin/hooks/" + id + "/batches/" + batch + "/replay",
                    AdminHttp.form("_csrf", csrf(ops)));
            assertThat(again.statusCode()).as("a discarded batch is gone").isEqualTo(404);
            assertThat(failing.received()).hasSize(1);
        }
    }

    @Test
    void aHookWhoseConnectionNeedsReconnectionIsShownHeld() {
        String connection = acme.post("/api/v1/connections", Connections.against(as).with("name", "CRM OAuth")
                .with("allowedUrl", sink.base()).body()).text("id");
        String link = acme.post("/api/v1/connections/" + connection + "/connect", Map.of()).text("connectUrl");
        assertThat(new Browser().connect(link, "operator@crm.test").statusCode()).isEqualTo(200);
        String id = acme.post("/api/v1/hooks", Map.of("name", "Held hook", "eventTypes", List.of("open"), "url", sink.url(),
                "connectionId", connection)).text("id");
        assertThat(ops.get("/admin/hooks/" + id).body()).contains("<span class=\"badge connected\">Active</span>");

        Api.Answer edited = acme.patch("/api/v1/connections/" + connection, Map.of("scopes", List.of("openid", "crm.write")));
        assertThat(edited.text("status")).isEqualTo("needs_reconnect");

        String page = ops.get("/admin/hooks/" + id).body();
        assertThat(page).contains("<span class=\"badge needs_reconnect\">Held</span>")
                .contains("its connection needs reconnection: nothing is sent until it is connected again");
        assertThat(ops.get("/admin/hooks").body()).contains("<span class=\"badge needs_reconnect\">Held</span>");
    }

    @Test
    void aTestEventThatGetsNoAnswerShowsWhyOnThePage() {
        String url;
        try (HookSink gone = new HookSink()) {
            url = gone.url();
        }
        String id = acme.post("/api/v1/hooks", Map.of("name", "Nobody home", "eventTypes", List.of("open"), "url", url))
                .text("id");

        HttpResponse<String> r = ops.post("/admin/hooks/" + id + "/test", AdminHttp.form("_csrf", csrf(ops)));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<dd id=\"test-status\">no answer</dd>").contains("id=\"test-error\">no answer: ")
                .contains("<span class=\"badge needs_reconnect\">failed</span>");
        assertThat(acme.get("/api/v1/hooks/" + id + "/deliveries").json().get("items")).as("a test is not logged").isEmpty();
    }
}

package dev.keyway.web.admin;

import static dev.keyway.testing.AdminHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.account.AccountId;
import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.Secrets;
import dev.keyway.crypto.SecretBox;
import dev.keyway.store.Json;
import dev.keyway.testing.AdminHttp;
import dev.keyway.testing.Api;
import dev.keyway.testing.KeywayUnderTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Basic, token and custom connection forms over plain HTTP: what is refused, where it says so, what is kept. */
class AdminCredentialFormsTest {
    static KeywayUnderTest keyway;
    static AdminHttp http;
    static Api api;
    static ConnectionRepository connections;
    static String csrf;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().start();
        var account = keyway.keyway().accounts().create("Forms");
        keyway.keyway().users().create(account.id(), "forms@example.test", "correct horse battery");
        api = new Api(keyway.base(), account.apiKey());
        connections = new ConnectionRepository(keyway.keyway().database().jdbi(), new SecretBox(keyway.keyset()), Json.mapper());
        http = new AdminHttp(keyway.base());
        assertThat(http.signIn("forms@example.test", "correct horse battery").statusCode()).isEqualTo(303);
        csrf = AdminHttp.csrf(http.get("/admin/connections/new").body());
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> m = new java.util.LinkedHashMap<>(base);
        m.put("_csrf", csrf);
        m.putAll(form(pairs));
        return m;
    }

    @Test
    void createOffersEveryTypeAndEachFormHasItsFields() {
        String chooser = http.get("/admin/connections/new").body();
        assertThat(chooser).contains("?type=oauth2").contains("?type=basic").contains("?type=token").contains("?type=custom");
        assertThat(http.get("/admin/connections/new?type=basic").body()).contains("name=\"username\"").contains("name=\"password\"")
                .contains("name=\"allowedUrl\"").contains("name=\"type\" value=\"basic\"");
        assertThat(http.get("/admin/connections/new?type=token").body()).contains("name=\"token\"").contains("name=\"placementMode\"");
        String custom = http.get("/admin/connections/new?type=custom").body();
        assertThat(custom).contains("name=\"h0-name\"").contains("name=\"h2-value\"").doesNotContain("name=\"h3-name\"");
        assertThat(http.get("/admin/connections/new?type=bogus").body()).contains("?type=custom");
    }

    @Test
    void aForbiddenHeaderIsRefusedOnItsRowAndTheTypedValuesStayExceptSecrets() {
        HttpResponse<String> r = http.post("/admin/connections", with(Map.of(), "type", "custom", "name", "Hooks",
                "description", "Action hooks", "allowedUrl", "https://hooks.example.test/",
                "h0-name", "X-API-Key", "h0-value", "k3y-secret-1", "h1-name", "Host", "h1-value", "evil.example",
                "h2-name", "", "h2-value", "", "after", "close"));
        assertThat(r.statusCode()).isEqualTo(422);
        String page = r.body();
        assertThat(page).contains("id=\"e-h1\"").contains("the header Host cannot be set by a connection")
                .doesNotContain("id=\"e-h0\"").contains("value=\"Hooks\"").contains("Action hooks")
                .contains("value=\"https://hooks.example.test/\"").contains("value=\"X-API-Key\"").contains("value=\"Host\"")
                .doesNotContain("k3y-secret-1").doesNotContain("evil.example");
        assertThat(api.get("/api/v1/connections").body()).doesNotContain("Hooks");
    }

    @Test
    void missingSecretsAndBadPlacementAreShownNextToTheirField() {
        String basic = http.post("/admin/connections", with(Map.of(), "type", "basic", "name", "Feed", "username", "feeder",
                "password", "")).body();
        assertThat(basic).contains("id=\"e-password\"").contains("value=\"feeder\"");
        String token = http.post("/admin/connections", with(Map.of(), "type", "token", "name", "Tok", "token", "t0ken-v4lue",
                "placementMode", "header", "placementHeader", "")).body();
        assertThat(token).contains("id=\"e-credentialPlacement\"").contains("details class=\"advanced\" open")
                .doesNotContain("t0ken-v4lue");
        String url = http.post("/admin/connections", with(Map.of(), "type", "token", "name", "Tok2", "token", "x",
                "allowedUrl", "ftp://nope")).body();
        assertThat(url).contains("id=\"e-allowedUrl\"").contains("value=\"ftp://nope\"");
        String empty = http.post("/admin/connections", with(Map.of(), "type", "custom", "name", "Nothing",
                "h0-name", "", "h0-value", "")).body();
        assertThat(empty).contains("id=\"e-headers\"").contains("add at least one header");
    }

    @Test
    void editingHeadersKeepsEmptyValuesReplacesTypedOnesAndRemovesTickedOnes() {
        String id = api.post("/api/v1/connections", Map.of("type", "custom", "name", "Three headers",
                "headers", Map.of("X-One", "one-secret", "X-Two", "two-secret", "X-Three", "three-secret"))).text("id");
        String edit = http.get("/admin/connections/" + id + "/edit").body();
        assertThat(edit).contains("value=\"X-One\"").contains("set").doesNotContain("one-secret").doesNotContain("two-secret");
        var rows = form("h0-name", "X-One", "h0-stored", "X-One", "h0-value", "",
                "h1-name", "X-Two", "h1-stored", "X-Two", "h1-value", "two-new",
                "h2-name", "X-Three", "h2-stored", "X-Three", "h2-value", "", "h2-remove", "on",
                "h3-name", "X-Four", "h3-value", "four-secret");
        HttpResponse<String> r = http.post("/admin/connections/" + id, with(rows, "name", "Three headers", "after", "close"));
        assertThat(r.statusCode()).isEqualTo(303);
        Map<String, String> stored = Secrets.headers(connections.secret(new ConnectionId(id)), Json.mapper());
        assertThat(stored).containsExactly(Map.entry("X-One", "one-secret"), Map.entry("X-Two", "two-new"),
                Map.entry("X-Four", "four-secret"));

        var cleared = form("h0-name", "", "h0-stored", "X-One", "h0-value", "");
        String refused = http.post("/admin/connections/" + id, with(cleared, "name", "Three headers")).body();
        assertThat(refused).contains("id=\"e-h0\"").contains("tick Remove");
        var newWithoutValue = form("h0-name", "X-One", "h0-stored", "X-One", "h5-name", "X-Five", "h5-value", "");
        assertThat(http.post("/admin/connections/" + id, with(newWithoutValue, "name", "Three headers")).body())
                .contains("id=\"e-h5\"").contains("type a value for the header X-Five");
    }

    @Test
    void aPostForAnotherTypeCannotChangeTheConnectionsType() {
        String id = api.post("/api/v1/connections", Map.of("type", "basic", "name", "Typed", "username", "u",
                "password", "p4ss-secret")).text("id");
        HttpResponse<String> r = http.post("/admin/connections/" + id, with(Map.of(), "type", "oauth2", "name", "Typed",
                "username", "u2", "after", "close"));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(api.get("/api/v1/connections/" + id).json().get("type").asText()).isEqualTo("basic");
        assertThat(connections.secret(new ConnectionId(id))).isEqualTo("p4ss-secret");
        assertThat(api.get("/api/v1/connections/" + id).json().get("username").asText()).isEqualTo("u2");
    }

    @Test
    void secretsOfAnotherAccountAreOutOfReach() {
        AccountId other = keyway.keyway().accounts().create("Other").id();
        keyway.keyway().users().create(other, "other@example.test", "correct horse battery");
        String id = api.post("/api/v1/connections", Map.of("type", "token", "name", "Mine", "token", "mine-secret")).text("id");
        AdminHttp stranger = new AdminHttp(keyway.base());
        stranger.signIn("other@example.test", "correct horse battery");
        String token = AdminHttp.csrf(stranger.get("/admin/connections").body());
        assertThat(stranger.get("/admin/connections/" + id + "/edit").statusCode()).isEqualTo(404);
        assertThat(stranger.post("/admin/connections/" + id, form("_csrf", token, "name", "Taken")).statusCode()).isEqualTo(404);
    }
}

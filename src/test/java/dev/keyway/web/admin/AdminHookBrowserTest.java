package dev.keyway.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keyway.testing.AdminBrowser;
import dev.keyway.testing.Api;
import dev.keyway.testing.Chrome;
import dev.keyway.testing.HookSink;
import dev.keyway.testing.HookSink.Reply;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.PlatformEvents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Settings → Hooks in headless Chromium, against a receiving server on loopback. */
class AdminHookBrowserTest {
    static final String PASSWORD = "correct horse battery";
    static KeywayUnderTest keyway;
    static Chrome chrome;
    static AdminBrowser ui;
    static Api acme;
    HookSink sink;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().env("KEYWAY_HOOK_RETRY_BASE_MILLIS", "0").env("KEYWAY_HOOK_MAX_ATTEMPTS", "2")
                .env("KEYWAY_HOOK_POLL_MILLIS", "50").start();
        var a = keyway.keyway().accounts().create("Acme");
        acme = new Api(keyway.base(), a.apiKey());
        keyway.keyway().users().create(a.id(), "ops@acme.test", PASSWORD);
        var g = keyway.keyway().accounts().create("Globex");
        keyway.keyway().users().create(g.id(), "ops@globex.test", PASSWORD);
        chrome = new Chrome();
        ui = new AdminBrowser(chrome, keyway.base());
    }

    @AfterAll
    static void stop() {
        chrome.close();
        keyway.close();
    }

    @BeforeEach
    void newSink() {
        sink = new HookSink();
    }

    @AfterEach
    void closeSink() {
        sink.close();
    }

    String hook(Map<String, Object> body) {
        Api.Answer created = acme.post("/api/v1/hooks", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("id");
    }

    @Test
    void operatorCreatesAHookWithTheFormThenATestEventShowsTheMaskedRequestAndTheResponse() {
        String connection = acme.post("/api/v1/connections", Map.of("type", "token", "name", "CRM token",
                "token", "t0ken-v4lue-secret", "allowedUrl", sink.base())).text("id");
        sink.answer(n -> new Reply(200, "{\"status\":\"OK\",\"received\":1}"));
        ui.signIn("ops@acme.test", PASSWORD);
        chrome.find(By.linkText("Hooks")).click();
        chrome.await(ExpectedConditions.titleContains("Hooks"));
        chrome.find(By.linkText("+ Create")).click();
        chrome.await(ExpectedConditions.titleContains("New hook"));
        ui.type("f-name", "CRM opens");
        ui.type("f-url", sink.url());
        ui.type("f-eventTypes", "open click");
        ui.type("f-filters.campaignIds", "1 2");
        ui.type("f-timeoutSeconds", "0");
        new org.openqa.selenium.support.ui.Select(chrome.find(By.id("f-connectionId"))).selectByVisibleText("CRM token (Token)");
        chrome.find(By.name("customName")).sendKeys("email");
        chrome.find(By.name("customTemplate")).sendKeys("{profile.email}");

        ui.press("Save & close");

        assertThat(chrome.text(By.id("e-timeoutSeconds"))).isEqualTo("timeoutSeconds must be an integer from 1 to 3600");
        assertThat(chrome.find(By.id("f-name")).getAttribute("value")).isEqualTo("CRM opens");
        assertThat(chrome.find(By.name("customTemplate")).getAttribute("value")).isEqualTo("{profile.email}");
        ui.type("f-timeoutSeconds", "30");
        ui.press("Save & close");
        chrome.await(ExpectedConditions.urlMatches("/admin/hooks/hook_[^/?]+\\?notice=saved$"));
        assertThat(chrome.text(By.id("state"))).isEqualTo("Active");
        assertThat(chrome.text(By.id("connection"))).isEqualTo("CRM token");
        assertThat(chrome.text(By.id("filters"))).isEqualTo("campaignIds: 1, 2");

        ui.press("Send test event");

        assertThat(chrome.text(By.id("test-status"))).isEqualTo("200");
        assertThat(chrome.text(By.id("test-excerpt"))).isEqualTo("{\"status\":\"OK\",\"received\":1}");
        assertThat(chrome.text(By.id("test-request-line"))).isEqualTo("POST " + sink.url());
        assertThat(chrome.text(By.id("test-headers"))).contains("Authorization").contains("****").contains("Idempotency-Key");
        assertThat(chrome.text(By.id("test-body"))).contains("\"email\" : \"sample@example.com\"");
        assertThat(chrome.driver().getPageSource()).doesNotContain("t0ken-v4lue-secret");
        assertThat(sink.received()).hasSize(1);
        assertThat(sink.received().getFirst().header("authorization")).isEqualTo("Bearer t0ken-v4lue-secret");
        assertThat(sink.events().getFirst().get("custom_data").get("email").asText()).isEqualTo("sample@example.com");
    }

    @Test
    void aDeadLetterReplayedFromTheHookPageIsDelivered() {
        sink.answer(n -> n < 2 ? new Reply(500, "{\"error\":\"down for maintenance\"}") : Reply.OK);
        String id = hook(Map.of("name", "Flaky CRM", "eventTypes", List.of("open"), "url", sink.url(), "maxBatchSize", 1));
        acme.post("/api/v1/events", PlatformEvents.open(1));
        await().until(() -> acme.get("/api/v1/hooks/" + id + "/stats").json().get("dead").asInt() == 1);
        ui.signIn("ops@acme.test", PASSWORD);
        chrome.go(keyway.base() + "/admin/hooks/" + id);
        assertThat(chrome.text(By.id("count-dead"))).isEqualTo("1");
        assertThat(chrome.text(By.cssSelector("#dead tbody tr"))).contains("500").contains("down for maintenance");
        assertThat(chrome.driver().findElements(By.cssSelector("#deliveries tbody tr"))).hasSize(2);

        ui.press("Replay");

        assertThat(chrome.text(By.id("notice"))).contains("pending again");
        await().until(() -> acme.get("/api/v1/hooks/" + id + "/stats").json().get("delivered").asInt() == 1);
        assertThat(sink.received()).hasSize(3);
        assertThat(sink.received().get(2).header("idempotency-key")).isEqualTo(sink.received().get(0).header("idempotency-key"));
        chrome.go(keyway.base() + "/admin/hooks/" + id);
        assertThat(chrome.text(By.id("count-delivered"))).isEqualTo("1");
        assertThat(chrome.text(By.id("count-dead"))).isEqualTo("0");
        assertThat(chrome.text(By.cssSelector("#deliveries tbody tr:first-child .outcome"))).isEqualTo("delivered");
    }

    @Test
    void anotherAccountsOperatorCannotSeeOrOpenTheHook() {
        String id = hook(Map.of("name", "Acme secret hook", "eventTypes", List.of("open"), "url", sink.url()));
        ui.signIn("ops@globex.test", PASSWORD);

        chrome.go(keyway.base() + "/admin/hooks");
        assertThat(chrome.driver().getPageSource()).doesNotContain("Acme secret hook");
        chrome.go(keyway.base() + "/admin/hooks/" + id);

        assertThat(chrome.driver().getTitle()).startsWith("Not found");
        assertThat(chrome.text(By.tagName("main"))).contains("There is no such hook in your account.")
                .doesNotContain("Acme secret hook");
    }

    @Test
    void markupInTheHookNameIsShownAsTextAndNeverRuns() {
        String name = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";
        String id = hook(Map.of("name", name, "eventTypes", List.of("open"), "url", sink.url(),
                "customData", Map.of("x", "<b>{profile.email}</b>")));
        ui.signIn("ops@acme.test", PASSWORD);

        chrome.go(keyway.base() + "/admin/hooks");
        assertThat(chrome.text(By.cssSelector("table.hooks a[href='/admin/hooks/" + id + "']"))).isEqualTo(name);
        chrome.go(keyway.base() + "/admin/hooks/" + id);
        assertThat(chrome.text(By.tagName("h1"))).isEqualTo(name);
        assertThat(chrome.text(By.id("custom-data"))).isEqualTo("x = <b>{profile.email}</b>");
        chrome.go(keyway.base() + "/admin/hooks/" + id + "/edit");
        assertThat(chrome.find(By.id("f-name")).getAttribute("value")).isEqualTo(name);

        assertThat(chrome.script("return window.pwned === undefined")).isEqualTo(true);
        assertThat(chrome.driver().findElements(By.cssSelector("main img, main script"))).isEmpty();
    }
}

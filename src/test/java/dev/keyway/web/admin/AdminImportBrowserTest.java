package dev.keyway.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.AdminBrowser;
import dev.keyway.testing.Api;
import dev.keyway.testing.Chrome;
import dev.keyway.testing.FeedServer;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.Yml;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Settings → Imports in headless Chromium: an import against a loopback feed run now, its run with counts, pause, clone, delete. */
class AdminImportBrowserTest {
    static final String PASSWORD = "correct horse battery";
    static KeywayUnderTest keyway;
    static FeedServer feed;
    static Chrome chrome;
    static AdminBrowser ui;
    static Api api;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().start();
        feed = new FeedServer().serve(Yml.feed().offer("101", "7", "Boot", "1999.90", true).offer("102", "7", "Boot", "2099.90", true)
                .offer("200", null, "Cap", "300", true).raw("<offer id=\"bad\"><price>free</price><name>X</name></offer>").xml());
        var acme = keyway.keyway().accounts().create("Acme");
        api = new Api(keyway.base(), acme.apiKey());
        keyway.keyway().users().create(acme.id(), "ops@acme.test", PASSWORD);
        chrome = new Chrome();
        ui = new AdminBrowser(chrome, keyway.base());
    }

    @AfterAll
    static void stop() {
        chrome.close();
        feed.close();
        keyway.close();
    }

    @Test
    void anImportIsCreatedInTheFormRunNowAndItsRunShownWithCountsThenPausedClonedAndDeleted() {
        ui.signIn("ops@acme.test", PASSWORD);
        chrome.find(By.linkText("Imports")).click();
        chrome.await(ExpectedConditions.titleContains("Imports"));
        chrome.find(By.linkText("+ Create")).click();
        chrome.await(ExpectedConditions.titleContains("New import"));
        ui.type("f-name", "Shoes feed");
        ui.type("f-url", feed.url());
        ui.type("f-schedule", "every 1s");
        ui.type("f-timeZone", "Europe/Berlin");
        ui.press("Save");
        assertThat(chrome.text(By.id("e-schedule"))).isNotBlank();
        assertThat(chrome.find(By.id("f-url")).getAttribute("value")).as("kept as typed").isEqualTo(feed.url());
        ui.type("f-schedule", "every 6h");
        ui.press("Save");
        chrome.await(ExpectedConditions.titleContains("Shoes feed"));
        String id = chrome.driver().getCurrentUrl().replaceAll(".*/admin/imports/([^/?]+).*", "$1");
        chrome.find(By.linkText("Imports")).click();
        chrome.await(ExpectedConditions.titleContains("Imports"));
        assertThat(chrome.text(By.id("imports"))).contains("Shoes feed").contains(feed.url()).contains("every 6h")
                .contains("Europe/Berlin").contains("Active");
        chrome.find(By.linkText("Shoes feed")).click();
        chrome.await(ExpectedConditions.titleContains("Shoes feed"));
        assertThat(chrome.text(By.tagName("main"))).contains("No run yet.");

        ui.press("Run now");

        assertThat(chrome.text(By.id("notice"))).contains("The run has finished");
        assertThat(chrome.text(By.cssSelector("#runs tbody tr .run-status"))).isEqualTo("succeeded");
        assertThat(chrome.text(By.cssSelector("#runs tbody tr .run-read"))).isEqualTo("4");
        assertThat(chrome.text(By.cssSelector("#runs tbody tr .run-created"))).isEqualTo("3");
        assertThat(chrome.text(By.cssSelector("#runs tbody tr"))).contains("offer bad: bad price 'free'");
        chrome.find(By.linkText("Products")).click();
        chrome.await(ExpectedConditions.titleContains("Products"));
        assertThat(chrome.text(By.id("products-total"))).isEqualTo("1–2 of 2");
        assertThat(chrome.text(By.id("products"))).contains("Boot").contains("101: 1999.9 RUB").contains("Cap");
        chrome.find(By.id("f-q")).sendKeys("cap", org.openqa.selenium.Keys.ENTER);
        chrome.await(ExpectedConditions.urlContains("q=cap"));
        assertThat(chrome.text(By.id("products"))).contains("Cap").doesNotContain("Boot");
        chrome.go(keyway.base() + "/admin/imports/" + id);

        ui.press("Pause");
        assertThat(chrome.text(By.id("import-status"))).isEqualTo("Paused");
        assertThat(api.get("/api/v1/imports/" + id).json().get("active").asBoolean()).isFalse();

        ui.press("Clone");
        assertThat(chrome.driver().getTitle()).contains("Shoes feed (copy)");
        assertThat(chrome.text(By.tagName("main"))).contains("No run yet.");
        chrome.find(By.linkText("Edit")).click();
        chrome.await(ExpectedConditions.titleContains("Edit"));
        ui.type("f-name", "Boots feed");
        ui.press("Save");
        assertThat(chrome.driver().getTitle()).contains("Boots feed");
        assertThat(chrome.text(By.id("import-status"))).as("the copy stays paused").isEqualTo("Paused");

        ui.press("Delete");
        chrome.await(ExpectedConditions.titleContains("Imports"));
        assertThat(chrome.text(By.id("imports"))).contains("Shoes feed").doesNotContain("Boots feed");
        assertThat(api.get("/api/v1/imports").body()).doesNotContain("Boots feed");
    }

    @Test
    void aConnectionPageShowsItsFailingImportsAndTheConnectionIsNotDeletedWhileTheyUseIt() {
        String connection = api.post("/api/v1/connections", Map.of("type", "token", "name", "Feed token", "description", "",
                "token", "t0ken-value", "allowedUrl", "http://127.0.0.1:1/feeds")).text("id");
        String id = api.post("/api/v1/imports", Map.of("name", "Locked feed", "url", "http://127.0.0.1:1/feeds/catalog.xml",
                "connectionId", connection, "schedule", "every 6h")).text("id");
        String error = api.post("/api/v1/imports/" + id + "/run", null).text("error");
        ui.signIn("ops@acme.test", PASSWORD);

        chrome.go(keyway.base() + "/admin/connections/" + connection);

        assertThat(chrome.text(By.id("failing-imports"))).contains("Locked feed").contains(error);
        chrome.go(keyway.base() + "/admin/connections/" + connection + "/delete");
        ui.press("Delete for good");
        assertThat(chrome.driver().getTitle()).contains("Connection in use");
        assertThat(chrome.text(By.tagName("main"))).contains("Locked feed");
        assertThat(api.get("/api/v1/connections/" + connection).status()).isEqualTo(200);
    }
}

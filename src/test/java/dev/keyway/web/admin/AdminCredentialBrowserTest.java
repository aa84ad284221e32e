package dev.keyway.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.Secrets;
import dev.keyway.crypto.SecretBox;
import dev.keyway.store.Json;
import dev.keyway.testing.AdminBrowser;
import dev.keyway.testing.Api;
import dev.keyway.testing.Chrome;
import dev.keyway.testing.KeywayUnderTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Basic, Token and Custom connections created and edited in headless Chromium; secrets never come back. */
class AdminCredentialBrowserTest {
    static final String PASSWORD = "correct horse battery";
    static KeywayUnderTest keyway;
    static Chrome chrome;
    static AdminBrowser ui;
    static Api api;
    static ConnectionRepository connections;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().start();
        var acme = keyway.keyway().accounts().create("Acme");
        api = new Api(keyway.base(), acme.apiKey());
        keyway.keyway().users().create(acme.id(), "ops@acme.test", PASSWORD);
        connections = new ConnectionRepository(keyway.keyway().database().jdbi(), new SecretBox(keyway.keyset()), Json.mapper());
        chrome = new Chrome();
        ui = new AdminBrowser(chrome, keyway.base());
    }

    @AfterAll
    static void stop() {
        chrome.close();
        keyway.close();
    }

    @Test
    void basicConnectionIsCreatedConnectedAndItsPasswordReplaced() {
        ui.signIn("ops@acme.test", PASSWORD);
        ui.startCreate("Basic Authentication");
        ui.type("f-name", "Product feed");
        ui.type("f-description", "Nightly YML import");
        ui.type("f-username", "feeder");
        ui.type("f-password", "b4sic-first-pass");
        ui.type("f-allowedUrl", "https://feed.example.test/");
        String id = ui.saveAndClose();
        assertThat(ui.status()).isEqualTo("Connected");
        assertThat(chrome.text(By.id("username"))).isEqualTo("feeder");
        assertThat(chrome.text(By.id("secret-state"))).isEqualTo("set");
        assertNoSecretAnywhere(id, "b4sic-first-pass");

        editAllowedUrl(id, "https://feed.example.test/v2/");
        assertThat(chrome.find(By.id("password-state")).getText()).contains("set");
        ui.type("f-passwordReplace", "b4sic-second-pass");
        ui.saveAndClose();
        assertThat(connections.secret(new ConnectionId(id))).isEqualTo("b4sic-second-pass");
        JsonNode c = api.get("/api/v1/connections/" + id).json();
        assertThat(c.get("allowedUrl").asText()).isEqualTo("https://feed.example.test/v2/");
        assertThat(c.get("username").asText()).isEqualTo("feeder");
        assertNoSecretAnywhere(id, "b4sic-second-pass");
    }

    @Test
    void tokenConnectionPlacesItsTokenInAHeaderOfItsOwnAndTheTokenIsReplaced() {
        ui.signIn("ops@acme.test", PASSWORD);
        ui.startCreate("Token Authentication");
        ui.type("f-name", "Reporting API");
        ui.type("f-token", "t0ken-first-value");
        ui.type("f-allowedUrl", "https://reports.example.test/api/");
        chrome.find(By.cssSelector("details.advanced summary")).click();
        chrome.find(By.id("f-placement-header")).click();
        ui.type("f-placementHeader", "X-API-Key");
        String id = ui.saveAndClose();
        assertThat(ui.status()).isEqualTo("Connected");
        assertThat(chrome.text(By.id("placement"))).isEqualTo("header X-API-Key: <token>");
        assertNoSecretAnywhere(id, "t0ken-first-value");

        editAllowedUrl(id, "https://reports.example.test/api/v3/");
        assertThat(chrome.find(By.id("f-placement-header")).isSelected()).isTrue();
        assertThat(chrome.find(By.id("f-placementHeader")).getAttribute("value")).isEqualTo("X-API-Key");
        ui.type("f-tokenReplace", "t0ken-second-value");
        ui.saveAndClose();
        assertThat(connections.secret(new ConnectionId(id))).isEqualTo("t0ken-second-value");
        JsonNode c = api.get("/api/v1/connections/" + id).json();
        assertThat(c.get("allowedUrl").asText()).isEqualTo("https://reports.example.test/api/v3/");
        assertThat(c.at("/credentialPlacement/name").asText()).isEqualTo("X-API-Key");
        assertNoSecretAnywhere(id, "t0ken-second-value");
    }

    @Test
    void customHeadersAreAddedKeptWhenLeftEmptyAndReplacedWhenTyped() {
        ui.signIn("ops@acme.test", PASSWORD);
        ui.startCreate("Custom Authentication");
        ui.type("f-name", "Hooks target");
        ui.type("f-h0-name", "X-Tenant");
        ui.type("f-h0-value", "tenant-secret-1");
        ui.type("f-h1-name", "X-Signature");
        ui.type("f-h1-value", "sig-secret-1");
        chrome.find(By.cssSelector("button.add-row")).click(); // the spare rows are h0..h2: this adds h3
        ui.type("f-h3-name", "X-Extra");
        ui.type("f-h3-value", "extra-secret-1");
        ui.type("f-allowedUrl", "https://hooks.example.test/");
        String id = ui.saveAndClose();
        assertThat(ui.status()).isEqualTo("Connected");
        assertThat(chrome.text(By.id("header-names"))).contains("X-Tenant, X-Signature, X-Extra");
        assertNoSecretAnywhere(id, "tenant-secret-1", "sig-secret-1", "extra-secret-1");

        editAllowedUrl(id, "https://hooks.example.test/v2/");
        assertThat(chrome.find(By.id("f-h0-name")).getAttribute("value")).isEqualTo("X-Tenant");
        assertThat(chrome.find(By.id("f-h0-value")).getAttribute("value")).isEmpty();
        ui.type("f-h1-value", "sig-secret-2");
        chrome.find(By.id("f-h2-remove")).click();
        ui.saveAndClose();
        Map<String, String> stored = Secrets.headers(connections.secret(new ConnectionId(id)), Json.mapper());
        assertThat(stored).containsExactly(Map.entry("X-Tenant", "tenant-secret-1"), Map.entry("X-Signature", "sig-secret-2"));
        assertThat(api.get("/api/v1/connections/" + id).json().get("allowedUrl").asText()).isEqualTo("https://hooks.example.test/v2/");
        assertNoSecretAnywhere(id, "tenant-secret-1", "sig-secret-2");
    }

    @Test
    void aForbiddenHeaderIsRefusedNextToItsRowAndWhatWasTypedStays() {
        ui.signIn("ops@acme.test", PASSWORD);
        ui.startCreate("Custom Authentication");
        ui.type("f-name", "Sneaky");
        ui.type("f-description", "tries to set Host");
        ui.type("f-h0-name", "X-Fine");
        ui.type("f-h0-value", "fine-secret");
        ui.type("f-h1-name", "Transfer-Encoding");
        ui.type("f-h1-value", "chunked");
        ui.type("f-allowedUrl", "https://sneaky.example.test/");
        ui.press("Save");
        assertThat(chrome.text(By.id("e-h1"))).contains("Transfer-Encoding").contains("cannot be set");
        assertThat(chrome.find(By.id("f-h1-name")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(chrome.driver().findElements(By.id("e-h0"))).isEmpty();
        assertThat(chrome.find(By.id("f-name")).getAttribute("value")).isEqualTo("Sneaky");
        assertThat(chrome.find(By.id("f-description")).getAttribute("value")).isEqualTo("tries to set Host");
        assertThat(chrome.find(By.id("f-allowedUrl")).getAttribute("value")).isEqualTo("https://sneaky.example.test/");
        assertThat(chrome.find(By.id("f-h0-name")).getAttribute("value")).isEqualTo("X-Fine");
        assertThat(chrome.find(By.id("f-h0-value")).getAttribute("value")).isEmpty();
        assertThat(chrome.driver().getPageSource()).doesNotContain("fine-secret");
        assertThat(api.get("/api/v1/connections").body()).doesNotContain("Sneaky");
    }

    @Test
    void connectButtonsAreForOAuth2Only() {
        String id = api.post("/api/v1/connections", Map.of("type", "token", "name", "Static", "token", "st4tic")).text("id");
        ui.signIn("ops@acme.test", PASSWORD);
        chrome.go(keyway.base() + "/admin/connections/" + id);
        List<String> buttons = chrome.driver().findElements(By.cssSelector(".page-head .actions button, .page-head .actions a"))
                .stream().map(e -> e.getText()).toList();
        assertThat(buttons).containsExactly("Edit", "Delete");
    }

    private void editAllowedUrl(String id, String allowedUrl) {
        chrome.find(By.linkText("Edit")).click();
        chrome.await(ExpectedConditions.urlContains("/admin/connections/" + id + "/edit"));
        ui.type("f-allowedUrl", allowedUrl);
    }

    /** The connection's page, its edit form and the list: none carries any of the secrets. */
    private void assertNoSecretAnywhere(String id, String... secrets) {
        String back = chrome.driver().getCurrentUrl();
        for (String path : new String[] {"/admin/connections/" + id, "/admin/connections/" + id + "/edit", "/admin/connections"}) {
            chrome.go(keyway.base() + path);
            assertThat(chrome.driver().getPageSource()).doesNotContain(secrets);
        }
        String row = chrome.find(By.xpath("//tr[td/a[@href='/admin/connections/" + id + "']]")).getText();
        assertThat(row).contains("Connected");
        chrome.go(back);
    }
}

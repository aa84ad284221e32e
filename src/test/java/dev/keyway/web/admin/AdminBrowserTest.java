package dev.keyway.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.keyway.account.AccountId;
import dev.keyway.testing.AdminBrowser;
import dev.keyway.testing.AdminHttp;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Chrome;
import dev.keyway.testing.Connections;
import dev.keyway.testing.KeywayUnderTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The operator's whole flow in headless Chromium against mock-oauth2-server, and what must be refused. */
class AdminBrowserTest {
    static final String PASSWORD = "correct horse battery";
    static AuthServer as;
    static KeywayUnderTest keyway;
    static Chrome chrome;
    static AdminBrowser ui;
    static Api acmeApi;
    static HttpServer refusingTokenEndpoint;

    @BeforeAll
    static void start() throws IOException {
        as = new AuthServer();
        keyway = KeywayUnderTest.builder().start();
        var acme = keyway.keyway().accounts().create("Acme");
        acmeApi = new Api(keyway.base(), acme.apiKey());
        keyway.keyway().users().create(acme.id(), "ops@acme.test", PASSWORD);
        AccountId other = keyway.keyway().accounts().create("Globex").id();
        keyway.keyway().users().create(other, "ops@globex.test", PASSWORD);
        refusingTokenEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        refusingTokenEndpoint.createContext("/token", exchange -> {
            byte[] body = "{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        refusingTokenEndpoint.start();
        chrome = new Chrome();
        ui = new AdminBrowser(chrome, keyway.base());
    }

    @AfterAll
    static void stop() {
        chrome.close();
        refusingTokenEndpoint.stop(0);
        keyway.close();
        as.close();
    }

    @Test
    void operatorCreatesConnectsEditsDisconnectsAndDeletesAConnection() {
        ui.signIn("ops@acme.test", PASSWORD);
        ui.startCreate("CRM", as.authorizationUrl(), as.tokenUrl());
        assertThat(chrome.find(By.id("redirect-uri")).getAttribute("value")).isEqualTo(keyway.base() + "/oauth2/callback");
        chrome.find(By.cssSelector("button[data-copy]")).click();
        chrome.await(d -> !d.findElement(By.id("redirect-uri-status")).getText().isEmpty());
        assertThat(chrome.driver().findElements(By.cssSelector(".chip span"))).extracting(e -> e.getText())
                .containsExactly("openid", "crm.read");
        chrome.find(By.cssSelector("details.advanced summary")).click();
        ui.type("f-revocationUrl", as.revocationUrl());
        String id = ui.saveAndClose();
        assertThat(ui.status()).isEqualTo("Not connected");
        assertThat(chrome.text(By.id("secret-state"))).isEqualTo("set");
        assertThat(chrome.driver().getPageSource()).doesNotContain("s3cret-client-value");

        ui.connectAndSignInAtService("Connect", "operator@acme.test");
        chrome.await(ExpectedConditions.urlContains("/admin/connections/" + id));
        assertThat(ui.status()).isEqualTo("Connected");
        assertThat(chrome.text(By.id("notice"))).isEqualTo("Connected.");
        assertThat(chrome.text(By.id("granted"))).contains("openid");
        assertThat(chrome.text(By.id("expires"))).endsWith("UTC");

        chrome.find(By.linkText("Edit")).click();
        chrome.await(ExpectedConditions.visibilityOfElementLocated(By.id("f-tokenUrl")));
        assertThat(chrome.find(By.id("f-clientSecretReplace")).getAttribute("value")).isEmpty();
        ui.type("f-tokenUrl", as.tokenUrl() + "?edited=1");
        ui.saveAndClose();
        assertThat(ui.status()).isEqualTo("Needs reconnect");
        assertThat(chrome.text(By.id("last-error"))).contains("tokenUrl").contains("connect again");

        ui.connectAndSignInAtService("Reconnect", "operator@acme.test");
        chrome.await(ExpectedConditions.urlContains("status=connected"));
        assertThat(ui.status()).isEqualTo("Connected");

        ui.press("Disconnect");
        assertThat(ui.status()).isEqualTo("Not connected");
        String history = chrome.text(By.cssSelector("table.history"));
        assertThat(history).contains("disconnected (revoked)").contains("ops@acme.test").contains("edited").contains("connected");

        chrome.find(By.linkText("Delete")).click();
        chrome.await(ExpectedConditions.titleContains("Delete"));
        ui.press("Delete for good");
        assertThat(chrome.text(By.cssSelector(".notice"))).isEqualTo("The connection was deleted.");
        assertThat(acmeApi.get("/api/v1/connections/" + id).status()).isEqualTo(404);
    }

    @Test
    void wrongClientSecretEndsInAReadableFailureAndTheSettingsStayIntact() {
        ui.signIn("ops@acme.test", PASSWORD);
        String tokenUrl = "http://127.0.0.1:" + refusingTokenEndpoint.getAddress().getPort() + "/token";
        ui.startCreate("Refusing CRM", as.authorizationUrl(), tokenUrl);
        String id = ui.saveAndClose();
        ui.connectAndSignInAtService("Connect", "operator@acme.test");
        String page = chrome.text(By.tagName("main"));
        assertThat(page).contains("Connect failed").contains("invalid_client").contains("client authentication failed")
                .contains("redirect URI").contains("client secret");

        chrome.go(keyway.base() + "/admin/connections/" + id);
        assertThat(ui.status()).isEqualTo("Not connected");
        assertThat(chrome.text(By.id("last-error"))).contains("invalid_client");
        chrome.go(keyway.base() + "/admin/connections/" + id + "/edit");
        assertThat(chrome.find(By.id("f-tokenUrl")).getAttribute("value")).isEqualTo(tokenUrl);
        assertThat(chrome.find(By.id("secret-state")).getText()).contains("set");
    }

    @Test
    void validationErrorsShowNextToTheirFieldAndKeepWhatWasTyped() {
        ui.signIn("ops@acme.test", PASSWORD);
        ui.startCreate("Typo CRM", as.authorizationUrl(), "not a url");
        chrome.find(By.cssSelector("details.advanced summary")).click();
        ui.type("f-authorizationParams", "access_type=offline");
        ui.press("Save");
        assertThat(chrome.text(By.id("e-tokenUrl"))).contains("tokenUrl");
        assertThat(chrome.find(By.id("f-tokenUrl")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(chrome.find(By.id("f-name")).getAttribute("value")).isEqualTo("Typo CRM");
        assertThat(chrome.find(By.id("f-authorizationParams")).getAttribute("value")).isEqualTo("access_type=offline");
        assertThat(chrome.driver().findElements(By.cssSelector(".chip span"))).hasSize(2);
        assertThat(chrome.find(By.id("f-clientSecret")).getAttribute("value")).isEmpty();
    }

    @Test
    void anotherAccountsOperatorCannotOpenTheConnection() {
        String id = acmeApi.post("/api/v1/connections", Connections.against(as).with("name", "Acme only").body()).text("id");
        ui.signIn("ops@globex.test", PASSWORD);
        for (String path : new String[] {"", "/edit", "/delete"}) {
            chrome.go(keyway.base() + "/admin/connections/" + id + path);
            assertThat(chrome.text(By.tagName("h1"))).isEqualTo("Not found");
            assertThat(chrome.driver().getPageSource()).doesNotContain("Acme only");
        }
        assertThat(chrome.text(By.tagName("main"))).doesNotContain("Acme only");
        AdminHttp http = new AdminHttp(keyway.base());
        http.signIn("ops@globex.test", PASSWORD);
        assertThat(http.get("/admin/connections/" + id).statusCode()).isEqualTo(404);
        assertThat(http.get("/admin/connections").body()).doesNotContain("Acme only");
    }

    @Test
    void aNameWithMarkupIsShownAsText() {
        String name = "<script>alert(1)</script>";
        ui.signIn("ops@acme.test", PASSWORD);
        ui.startCreate(name, as.authorizationUrl(), as.tokenUrl());
        ui.saveAndClose();
        assertThat(chrome.text(By.tagName("h1"))).isEqualTo(name);
        chrome.go(keyway.base() + "/admin/connections");
        assertThat(chrome.find(By.linkText(name)).getText()).isEqualTo(name);
        assertThat(chrome.driver().getPageSource()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThatThrownBy(() -> chrome.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void aFormPostedWithoutOrWithAWrongCsrfTokenIsRefused() {
        ui.signIn("ops@acme.test", PASSWORD);
        for (String tamper : new String[] {"f.querySelector('[name=_csrf]').remove()",
                "f.querySelector('[name=_csrf]').value = 'forged'"}) {
            ui.startCreate("Forged " + tamper.length(), as.authorizationUrl(), as.tokenUrl());
            chrome.script("var f = document.querySelector('form.conn-form'); " + tamper + ";");
            ui.press("Save & close");
            assertThat(chrome.text(By.tagName("h1"))).isEqualTo("Refused");
        }
        chrome.go(keyway.base() + "/admin/connections");
        assertThat(chrome.text(By.tagName("main"))).doesNotContain("Forged");
    }
}

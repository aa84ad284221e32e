package dev.keyway.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.AdminBrowser;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Chrome;
import dev.keyway.testing.KeywayUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The new OAuth2 form filled from a provider preset (variables asked for by name) or from an issuer URL, in Chromium. */
class AdminPresetsBrowserTest {
    static final String PASSWORD = "correct horse battery";
    static AuthServer as;
    static KeywayUnderTest keyway;
    static Chrome chrome;
    static AdminBrowser ui;
    static Api api;

    @BeforeAll
    static void start() {
        as = new AuthServer();
        keyway = KeywayUnderTest.builder().start();
        var acme = keyway.keyway().accounts().create("Acme");
        api = new Api(keyway.base(), acme.apiKey());
        keyway.keyway().users().create(acme.id(), "ops@acme.test", PASSWORD);
        chrome = new Chrome();
        ui = new AdminBrowser(chrome, keyway.base());
        ui.signIn("ops@acme.test", PASSWORD);
    }

    @AfterAll
    static void stop() {
        chrome.close();
        keyway.close();
        as.close();
    }

    @BeforeEach
    void newOAuth2Form() {
        ui.startCreate("OAuth2");
    }

    private static String value(String id) {
        return chrome.find(By.id(id)).getAttribute("value");
    }

    @Test
    void pickAPresetWithAVariableTheFormFillsAndTheSavedConnectionHasTheInterpolatedEndpoints() {
        new Select(chrome.find(By.id("f-provider"))).selectByVisibleText("Zendesk");
        ui.press("Fill in");
        assertThat(chrome.find(By.cssSelector("label[for='f-v-subdomain']")).getText()).contains("Zendesk subdomain");
        assertThat(chrome.find(By.id("f-v-subdomain")).getAttribute("placeholder")).isEqualTo("acme");

        ui.type("f-v-subdomain", "acme");
        ui.press("Fill in with these values");

        assertThat(chrome.find(By.id("preset-filled")).getText()).contains("Zendesk");
        assertThat(value("f-authorizationUrl")).isEqualTo("https://acme.zendesk.com/oauth/authorizations/new");
        assertThat(value("f-tokenUrl")).isEqualTo("https://acme.zendesk.com/oauth/tokens");
        assertThat(value("f-allowedUrl")).isEqualTo("https://acme.zendesk.com/api/v2");
        ui.type("f-name", "Support desk");
        ui.type("f-clientId", "zd-client");
        ui.type("f-clientSecret", "zd-secret");
        String id = ui.saveAndClose();
        assertThat(chrome.text(By.id("preset"))).isEqualTo("zendesk (subdomain=acme)");

        Api.Answer c = api.get("/api/v1/connections/" + id);
        assertThat(c.text("tokenUrl")).isEqualTo("https://acme.zendesk.com/oauth/tokens");
        assertThat(c.text("authorizationUrl")).isEqualTo("https://acme.zendesk.com/oauth/authorizations/new");
        assertThat(c.text("provider")).isEqualTo("zendesk");
        assertThat(c.json().get("variables").get("subdomain").asText()).isEqualTo("acme");
        assertThat(c.text("clientAuthentication")).isEqualTo("client_secret_post");
    }

    @Test
    void aVariableThatIsNotASubdomainIsRefusedNextToItsField() {
        new Select(chrome.find(By.id("f-provider"))).selectByVisibleText("Zendesk");
        ui.press("Fill in");
        ui.type("f-v-subdomain", "evil.example/x");
        ui.press("Fill in with these values");

        assertThat(chrome.text(By.id("e-v-subdomain"))).contains("not valid");
        assertThat(value("f-tokenUrl")).isEmpty();
    }

    @Test
    void aPresetWithoutVariablesFillsAtOnceAndStaysEditable() {
        new Select(chrome.find(By.id("f-provider"))).selectByVisibleText("Google");
        ui.press("Fill in");

        assertThat(value("f-tokenUrl")).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(value("f-issuer")).isEqualTo("https://accounts.google.com");
        ui.type("f-clientId", "g-client");
        ui.type("f-clientSecret", "g-secret");
        ui.type("f-allowedUrl", "https://www.googleapis.com/drive/v3");
        String id = ui.saveAndClose();
        Api.Answer c = api.get("/api/v1/connections/" + id);
        assertThat(c.text("provider")).isEqualTo("google");
        assertThat(c.text("allowedUrl")).as("edited in the form: the edit wins").isEqualTo("https://www.googleapis.com/drive/v3");
        assertThat(c.json().get("authorizationParams").get("access_type").asText()).isEqualTo("offline");
    }

    @Test
    void fromIssuerUrlAgainstMockOAuth2ServerFillsTheEndpoints() {
        ui.type("f-discoverIssuer", as.issuer());
        ui.press("Discover");

        assertThat(chrome.find(By.id("issuer-filled")).getText()).contains("discovered");
        assertThat(value("f-authorizationUrl")).isEqualTo(as.authorizationUrl());
        assertThat(value("f-tokenUrl")).isEqualTo(as.tokenUrl());
        assertThat(value("f-issuer")).isEqualTo(as.issuer());
        ui.type("f-name", "Discovered " + System.nanoTime());
        ui.type("f-clientId", "keyway-client");
        String id = ui.saveAndClose();
        assertThat(api.get("/api/v1/connections/" + id).text("issuer")).isEqualTo(as.issuer());
    }

    @Test
    void fromAnIssuerUrlWithoutMetadataTheErrorIsShownNextToIt() {
        ui.type("f-discoverIssuer", "http://127.0.0.1:9/nothing-here");
        ui.press("Discover");

        assertThat(chrome.text(By.id("e-discoverIssuer"))).isNotBlank();
        assertThat(value("f-tokenUrl")).isEmpty();
    }
}

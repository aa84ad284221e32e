package dev.keyway.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.AdminBrowser;
import dev.keyway.testing.Api;
import dev.keyway.testing.Chrome;
import dev.keyway.testing.KeywayUnderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A private_key_jwt + DPoP connection made through the OAuth2 form in headless Chromium: the page shows the public
 * JWK and the JWKS URL to register; an edit of something else keeps every advanced member and the key; Rotate key.
 */
class AdminProtocolBrowserTest {
    static final String PASSWORD = "correct horse battery";
    static KeywayUnderTest keyway;
    static Chrome chrome;
    static AdminBrowser ui;
    static Api api;

    @BeforeAll
    static void start() {
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
    }

    static String jwks(String url) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    @Test
    void aPrivateKeyJwtDpopConnectionShowsItsKeysAndAnEditOfItsNameKeepsEveryAdvancedMember() throws Exception {
        ui.startCreate("OAuth2");
        ui.type("f-name", "Modern CRM");
        ui.type("f-clientId", "modern-client");
        ui.type("f-authorizationUrl", "https://as.example.test/authorize");
        ui.type("f-tokenUrl", "https://as.example.test/token");
        ui.openAdvanced();
        ui.choose("f-clientAuthentication", "private_key_jwt");
        ui.choose("f-keyAlgorithm", "RS256");
        ui.tick("f-dpop", true);
        ui.type("f-issuer", "https://as.example.test");
        ui.choose("f-assertionAudience", "issuer");
        ui.choose("f-par", "required");
        ui.type("f-parUrl", "https://as.example.test/par");
        ui.type("f-jwksUrl", "https://as.example.test/jwks");
        ui.type("f-resources", "https://api.example.test/\nhttps://files.example.test/");
        ui.type("f-tokenResponse.accessTokenPath", "data.access_token");
        ui.choose("f-tokenResponse.expiresInUnit", "milliseconds");
        ui.type("f-tokenResponse.defaultExpiresInSeconds", "7200");
        String id = ui.saveAndClose();

        Api.Answer made = api.get("/api/v1/connections/" + id);
        String kid = made.json().get("publicJwk").get("kid").asText();
        assertThat(chrome.text(By.id("public-jwk"))).contains("\"kty\" : \"RSA\"").contains(kid).doesNotContain("\"d\"");
        String jwksUrl = chrome.find(By.id("jwks-url")).getAttribute("value");
        assertThat(jwksUrl).isEqualTo(made.text("clientJwksUrl")).startsWith(keyway.base() + "/jwks/");
        assertThat(jwks(jwksUrl)).contains(kid);
        assertThat(chrome.text(By.id("dpop-public-jwk"))).contains(made.json().get("dpopPublicJwk").get("kid").asText());

        chrome.find(By.linkText("Edit")).click();
        chrome.await(d -> d.getTitle().startsWith("Edit"));
        ui.type("f-description", "Renamed through the form");
        ui.saveAndClose();

        Api.Answer edited = api.get("/api/v1/connections/" + id);
        assertThat(edited.text("description")).isEqualTo("Renamed through the form");
        for (String member : new String[] {"clientAuthentication", "keyAlgorithm", "dpop", "assertionAudience", "par",
                "parUrl", "jwksUrl", "resources", "tokenResponse", "issuer", "publicJwk", "dpopPublicJwk"}) {
            assertThat(edited.json().get(member)).as(member).isEqualTo(made.json().get(member));
        }

        ui.press("Rotate key");
        assertThat(chrome.text(By.id("notice"))).contains("new key pair");
        String rotated = api.get("/api/v1/connections/" + id).json().get("publicJwk").get("kid").asText();
        assertThat(rotated).isNotEqualTo(kid);
        assertThat(chrome.text(By.id("public-jwk"))).contains(rotated);
        assertThat(jwks(jwksUrl)).contains(rotated).contains(kid);
    }
}

package dev.keyway.web.admin;

import dev.keyway.testing.AdminBrowser;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Browser;
import dev.keyway.testing.Chrome;
import dev.keyway.testing.Connections;
import dev.keyway.testing.KeywayUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Not a test: writes a PNG of every admin page at 1280 px (desktop) and 390 px (phone) into docs/ui
 * (or {@code -Dkeyway.screenshots=DIR}). Run by {@code docs/ui/screenshots.sh}; named so that the
 * normal test run skips it.
 */
class UiScreenshots {
    static final String PASSWORD = "correct horse battery";

    @Test
    void everyPageAtDesktopAndPhoneWidth() throws IOException {
        Path out = Path.of(System.getProperty("keyway.screenshots", "docs/ui"));
        Files.createDirectories(out);
        try (AuthServer as = new AuthServer(); KeywayUnderTest keyway = KeywayUnderTest.builder().start();
             Chrome chrome = new Chrome()) {
            var acme = keyway.keyway().accounts().create("Acme");
            keyway.keyway().users().create(acme.id(), "ops@acme.test", PASSWORD);
            Api api = new Api(keyway.base(), acme.apiKey());
            String crm = connected(api, as, "CRM (HubSpot sandbox)");
            String ads = connected(api, as, "Ads reporting");
            api.patch("/api/v1/connections/" + ads, Map.of("scopes", List.of("openid", "ads.read", "ads.write")));
            api.post("/api/v1/connections", Connections.against(as).with("name", "Product feed").body());
            String hooks = api.post("/api/v1/connections", Map.of("type", "custom", "name", "Warehouse hooks",
                    "description", "Event capture to the warehouse", "allowedUrl", "https://hooks.warehouse.example/",
                    "headers", Map.of("X-API-Key", "k3y", "X-Tenant", "acme"))).text("id");
            api.post("/api/v1/connections", Map.of("type", "basic", "name", "Product feed (Basic)", "username", "feeder",
                    "password", "p4ss"));
            AdminBrowser ui = new AdminBrowser(chrome, keyway.base());
            String base = keyway.base();

            chrome.go(base + "/admin/sign-in");
            shoot(chrome, out, "sign-in");
            ui.signIn("ops@acme.test", PASSWORD);
            shoot(chrome, out, "connections");
            chrome.go(base + "/admin/connections/new");
            shoot(chrome, out, "create-type");
            chrome.go(base + "/admin/connections/new?type=oauth2");
            chrome.find(By.cssSelector("details.advanced summary")).click();
            shoot(chrome, out, "create");
            chrome.go(base + "/admin/connections/new?type=oauth2&provider=zendesk");
            shoot(chrome, out, "create-preset-variables");
            chrome.go(base + "/admin/connections/new?type=oauth2&provider=zendesk&v.subdomain=acme");
            shoot(chrome, out, "create-preset");
            ui.startCreate("Warehouse", as.authorizationUrl(), "ftp://wrong");
            ui.press("Save");
            shoot(chrome, out, "create-invalid");
            chrome.go(base + "/admin/connections/" + crm + "/edit");
            shoot(chrome, out, "edit");
            chrome.go(base + "/admin/connections/new?type=basic");
            shoot(chrome, out, "create-basic");
            chrome.go(base + "/admin/connections/new?type=token");
            chrome.find(By.cssSelector("details.advanced summary")).click();
            shoot(chrome, out, "create-token");
            chrome.go(base + "/admin/connections/new?type=custom");
            shoot(chrome, out, "create-custom");
            ui.type("f-name", "Action hooks");
            ui.type("f-h0-name", "X-API-Key");
            ui.type("f-h0-value", "k3y");
            ui.type("f-h1-name", "Host");
            ui.type("f-h1-value", "elsewhere.example");
            ui.press("Save");
            shoot(chrome, out, "create-custom-invalid");
            chrome.go(base + "/admin/connections/" + hooks + "/edit");
            shoot(chrome, out, "edit-custom");
            chrome.go(base + "/admin/connections/" + hooks);
            shoot(chrome, out, "connection-custom");
            chrome.go(base + "/admin/connections/" + crm);
            shoot(chrome, out, "connection");
            chrome.go(base + "/admin/connections/" + ads);
            shoot(chrome, out, "connection-needs-reconnect");
            String keys = api.post("/api/v1/connections", Connections.against(as).with("name", "Partner API (private_key_jwt)")
                    .without("clientSecret").with("clientAuthentication", "private_key_jwt").with("dpop", true).body()).text("id");
            chrome.go(base + "/admin/connections/" + keys);
            shoot(chrome, out, "connection-keys");
            chrome.go(base + "/admin/connections/" + crm + "/delete");
            shoot(chrome, out, "delete");
        }
    }

    private static String connected(Api api, AuthServer as, String name) {
        String id = api.post("/api/v1/connections", Connections.against(as).with("name", name)
                .with("description", "Contacts and deals, read-only").body()).text("id");
        String link = api.post("/api/v1/connections/" + id + "/connect", Map.of()).text("connectUrl");
        new Browser().connect(link, "operator@acme.test");
        return id;
    }

    private static void shoot(Chrome chrome, Path out, String page) throws IOException {
        Files.write(out.resolve(page + "-1280.png"), chrome.fullPage(1280, false));
        Files.write(out.resolve(page + "-390.png"), chrome.fullPage(390, true));
    }
}

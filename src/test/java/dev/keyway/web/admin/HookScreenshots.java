package dev.keyway.web.admin;

import static org.awaitility.Awaitility.await;

import dev.keyway.testing.AdminBrowser;
import dev.keyway.testing.Api;
import dev.keyway.testing.Chrome;
import dev.keyway.testing.HookSink;
import dev.keyway.testing.HookSink.Reply;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.PlatformEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Not a test: writes PNGs of the hook pages at 1280 px and 390 px into docs/ui (or
 * {@code -Dkeyway.screenshots=DIR}), like {@link UiScreenshots}; run by {@code docs/ui/screenshots.sh}.
 */
class HookScreenshots {
    static final String PASSWORD = "correct horse battery";

    @Test
    void hookPagesAtDesktopAndPhoneWidth() throws IOException {
        Path out = Path.of(System.getProperty("keyway.screenshots", "docs/ui"));
        Files.createDirectories(out);
        try (KeywayUnderTest keyway = KeywayUnderTest.builder().env("KEYWAY_HOOK_RETRY_BASE_MILLIS", "0")
                .env("KEYWAY_HOOK_MAX_ATTEMPTS", "2").env("KEYWAY_HOOK_POLL_MILLIS", "50").start();
             HookSink sink = new HookSink(); Chrome chrome = new Chrome()) {
            var acme = keyway.keyway().accounts().create("Acme");
            keyway.keyway().users().create(acme.id(), "ops@acme.test", PASSWORD);
            Api api = new Api(keyway.base(), acme.apiKey());
            String crm = api.post("/api/v1/connections", Map.of("type", "token", "name", "CRM token", "token", "t0ken",
                    "allowedUrl", sink.base())).text("id");
            sink.answer(n -> n < 2 ? new Reply(503, "{\"error\":\"down for maintenance\"}") : Reply.OK);
            String hook = api.post("/api/v1/hooks", Map.of("name", "CRM: opens and clicks", "eventTypes", List.of("open", "click"),
                    "url", sink.url(), "connectionId", crm, "maxBatchSize", 1, "successRegex", "\"status\":\\s*\"OK\"",
                    "filters", Map.of("campaignIds", List.of(101, 102)),
                    "customData", Map.of("email", "{profile.email}", "campaign", "{event_data.campaign_id}"))).text("id");
            api.post("/api/v1/hooks", Map.of("name", "Warehouse: everything", "eventTypes", List.of("*"), "url", sink.url(),
                    "active", false));
            api.post("/api/v1/events", PlatformEvents.open(1));
            await().until(() -> api.get("/api/v1/hooks/" + hook + "/stats").json().get("dead").asInt() == 1);
            api.post("/api/v1/events", PlatformEvents.open(2));
            await().until(() -> api.get("/api/v1/hooks/" + hook + "/stats").json().get("delivered").asInt() == 1);
            AdminBrowser ui = new AdminBrowser(chrome, keyway.base());
            String base = keyway.base();

            ui.signIn("ops@acme.test", PASSWORD);
            chrome.go(base + "/admin/hooks");
            shoot(chrome, out, "hooks");
            chrome.go(base + "/admin/hooks/new");
            shoot(chrome, out, "hook-create");
            ui.type("f-name", "Broken");
            ui.type("f-url", sink.url());
            ui.type("f-successRegex", "(unclosed");
            ui.press("Save");
            shoot(chrome, out, "hook-create-invalid");
            chrome.go(base + "/admin/hooks/" + hook);
            ui.press("Send test event");
            chrome.find(By.id("test-status"));
            shoot(chrome, out, "hook");
        }
    }

    private static void shoot(Chrome chrome, Path out, String page) throws IOException {
        Files.write(out.resolve(page + "-1280.png"), chrome.fullPage(1280, false));
        Files.write(out.resolve(page + "-390.png"), chrome.fullPage(390, true));
    }
}

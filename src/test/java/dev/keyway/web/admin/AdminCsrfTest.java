package dev.keyway.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.account.AccountId;
import dev.keyway.testing.AdminHttp;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.KeywayUnderTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every admin POST needs the session's CSRF token: none or a wrong one is a 403 and changes nothing. */
class AdminCsrfTest {
    static AuthServer as;
    static KeywayUnderTest keyway;
    static AdminHttp browser;
    static String token;

    @BeforeAll
    static void start() {
        as = new AuthServer();
        keyway = KeywayUnderTest.builder().start();
        AccountId account = keyway.keyway().accounts().create("Csrf").id();
        keyway.keyway().users().create(account, "csrf@example.test", "correct horse battery");
        browser = new AdminHttp(keyway.base());
        assertThat(browser.signIn("csrf@example.test", "correct horse battery").statusCode()).isEqualTo(303);
        token = AdminHttp.csrf(browser.get("/admin/connections/new").body());
    }

    @AfterAll
    static void stop() {
        keyway.close();
        as.close();
    }

    Map<String, String> connection(String name) {
        return AdminHttp.form("name", name, "clientId", "client", "authorizationUrl", as.authorizationUrl(),
                "tokenUrl", as.tokenUrl(), "scopes", "openid", "pkce", "on", "after", "close");
    }

    @Test
    void createWithoutTokenIsRefused() {
        HttpResponse<String> r = browser.post("/admin/connections", connection("no token"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(browser.get("/admin/connections").body()).doesNotContain("no token");
    }

    @Test
    void createWithWrongTokenIsRefused() {
        Map<String, String> form = connection("wrong token");
        form.put("_csrf", token.substring(1) + "x");
        assertThat(browser.post("/admin/connections", form).statusCode()).isEqualTo(403);
        assertThat(browser.get("/admin/connections").body()).doesNotContain("wrong token");
    }

    @Test
    void createWithTheTokenIsAccepted() {
        Map<String, String> form = connection("right token");
        form.put("_csrf", token);
        HttpResponse<String> r = browser.post("/admin/connections", form);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith("/admin/connections/con_");
    }

    @Test
    void deleteAndSignOutWithoutTokenAreRefused() {
        Map<String, String> form = connection("kept");
        form.put("_csrf", token);
        String location = browser.post("/admin/connections", form).headers().firstValue("Location").orElseThrow();
        String page = location.substring(0, location.indexOf('?'));
        assertThat(browser.post(page + "/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(browser.post(page + "/delete", AdminHttp.form("_csrf", "forged")).statusCode()).isEqualTo(403);
        assertThat(browser.get(page).statusCode()).isEqualTo(200);
        assertThat(browser.post("/admin/sign-out", Map.of()).statusCode()).isEqualTo(403);
        assertThat(browser.get("/admin/connections").statusCode()).isEqualTo(200);
    }

    @Test
    void discoveryFromAnIssuerUrlWithoutTokenIsRefusedAndFetchesNothing() {
        as.drainRequests();
        HttpResponse<String> r = browser.post("/admin/connections/new/discover", AdminHttp.form("discoverIssuer", as.issuer()));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(as.drainRequests()).as("no metadata request reached the server").isEmpty();
    }
}

package dev.keyway.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.account.AccountId;
import dev.keyway.testing.AdminHttp;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Operator sessions over plain HTTP: cookie attributes, sign-out, idle and absolute expiry, the sign-in throttle. */
class AdminSessionTest {
    static final String PASSWORD = "correct horse battery";
    static final MutableClock clock = new MutableClock();
    static KeywayUnderTest keyway;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().clock(clock).start();
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    static String operator(String name) {
        AccountId account = keyway.keyway().accounts().create(name).id();
        String email = name.toLowerCase() + "-" + System.nanoTime() + "@example.test";
        keyway.keyway().users().create(account, email, PASSWORD);
        return email;
    }

    static AdminHttp signedIn(String email) {
        AdminHttp browser = new AdminHttp(keyway.base());
        assertThat(browser.signIn(email, PASSWORD).statusCode()).isEqualTo(303);
        return browser;
    }

    @Test
    void signInSetsAStrictSessionCookieAndSignOutEndsTheSession() {
        String email = operator("Cookies");
        AdminHttp browser = new AdminHttp(keyway.base());
        assertThat(browser.get("/admin/connections").headers().firstValue("Location")).hasValue("/admin/sign-in");
        HttpResponse<String> in = browser.signIn(email, PASSWORD);
        assertThat(in.statusCode()).isEqualTo(303);
        String cookie = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("keyway_session=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Path=/admin").doesNotContain("Secure");
        HttpResponse<String> page = browser.get("/admin/connections");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(email);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'").contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        HttpResponse<String> out = browser.post("/admin/sign-out", AdminHttp.form("_csrf", AdminHttp.csrf(page.body())));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("keyway_session=;"))
                .singleElement().asString().contains("Expires=Thu, 1 Jan 1970");
        assertThat(browser.get("/admin/connections").statusCode()).isEqualTo(303);
    }

    @Test
    void sessionCookieIsSecureWhenThePublicUrlIsHttps() throws Exception {
        try (KeywayUnderTest tls = KeywayUnderTest.builder().env("KEYWAY_PUBLIC_URL", "https://keyway.example").start()) {
            AccountId account = tls.keyway().accounts().create("Tls").id();
            tls.keyway().users().create(account, "tls@example.test", PASSWORD);
            String local = "http://127.0.0.1:" + tls.keyway().port() + "/admin/sign-in"; // loopback only, never the public URL
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(local)).build(), BodyHandlers.ofString());
            String pre = form.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(pre).startsWith("keyway_signin=").contains("Secure");
            String body = "_csrf=" + AdminHttp.csrf(form.body()) + "&email=tls%40example.test&password="
                    + PASSWORD.replace(" ", "+");
            HttpResponse<String> in = client.send(HttpRequest.newBuilder(URI.create(local))
                    .header("Cookie", pre.substring(0, pre.indexOf(';')))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
            assertThat(in.statusCode()).isEqualTo(303);
            assertThat(in.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("keyway_session="))
                    .singleElement().asString().contains("Secure").contains("HttpOnly");
        }
    }

    @Test
    void sessionEndsAfterThirtyIdleMinutes() {
        AdminHttp browser = signedIn(operator("Idle"));
        clock.advance(Duration.ofMinutes(29));
        assertThat(browser.get("/admin/connections").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(29));
        assertThat(browser.get("/admin/connections").statusCode()).as("each request restarts the idle time").isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));
        HttpResponse<String> expired = browser.get("/admin/connections");
        assertThat(expired.statusCode()).isEqualTo(303);
        assertThat(expired.headers().firstValue("Location")).hasValue("/admin/sign-in");
    }

    @Test
    void sessionEndsTwelveHoursAfterSignInEvenWhenBusy() {
        AdminHttp browser = signedIn(operator("Absolute"));
        for (int i = 0; i < 28; i++) { // 28 × 25 min = 11 h 40 min, never idle for 30 minutes
            clock.advance(Duration.ofMinutes(25));
            assertThat(browser.get("/admin/connections").statusCode()).isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(25)); // 12 h 05 min after sign-in
        assertThat(browser.get("/admin/connections").statusCode()).isEqualTo(303);
    }

    @Test
    void fiveFailedSignInsLockThatEmailForFifteenMinutes() {
        String email = operator("Throttle");
        String other = operator("Bystander");
        AdminHttp browser = new AdminHttp(keyway.base());
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = browser.signIn(email, "wrong password " + i);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("The email or the password is wrong.").contains("value=\"" + email + "\"");
        }
        HttpResponse<String> locked = browser.signIn(email, PASSWORD);
        assertThat(locked.statusCode()).as("even the right password waits").isEqualTo(429);
        assertThat(locked.body()).contains("Too many failed sign-ins. Try again in 15 minutes.");
        assertThat(new AdminHttp(keyway.base()).signIn(other, PASSWORD).statusCode()).isEqualTo(303);

        clock.advance(Duration.ofMinutes(15));
        assertThat(browser.signIn(email, PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void signInFormRefusesAPostWithoutItsToken() {
        String email = operator("LoginCsrf");
        AdminHttp browser = new AdminHttp(keyway.base());
        browser.get("/admin/sign-in");
        HttpResponse<String> r = browser.post("/admin/sign-in", AdminHttp.form("email", email, "password", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("keyway_session="));
    }
}

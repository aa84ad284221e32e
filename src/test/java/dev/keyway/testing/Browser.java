package dev.keyway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An operator's browser, over plain HTTP: keeps cookies, follows redirects one by one so a test can
 * stop at any step, and submits mock-oauth2-server's login form.
 */
public final class Browser {
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** Opens the connect link and returns where Keyway sends the browser (the authorization URL). */
    public URI openConnectLink(String connectUrl) {
        HttpResponse<String> r = get(connectUrl);
        if (r.statusCode() != 302) {
            throw new AssertionError("connect link answered " + r.statusCode() + ": " + r.body());
        }
        return URI.create(r.headers().firstValue("Location").orElseThrow());
    }

    /** Shows the login form at the authorization URL, signs in, and returns the redirect back to Keyway. */
    public URI signIn(URI authorizationUrl, String username) {
        HttpResponse<String> form = get(authorizationUrl.toString());
        if (form.statusCode() != 200 || !form.body().contains("name=\"username\"")) {
            throw new AssertionError("no login form at the authorization URL: " + form.statusCode());
        }
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&claims=";
        HttpResponse<String> r = send(HttpRequest.newBuilder(authorizationUrl)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (r.statusCode() != 302) {
            throw new AssertionError("login answered " + r.statusCode() + ": " + r.body());
        }
        return URI.create(r.headers().firstValue("Location").orElseThrow());
    }

    /** The whole Connect: open the link, sign in, come back; returns Keyway's last answer. */
    public HttpResponse<String> connect(String connectUrl, String username) {
        return get(signIn(openConnectLink(connectUrl), username).toString());
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

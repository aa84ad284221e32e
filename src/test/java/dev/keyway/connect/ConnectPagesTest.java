package dev.keyway.connect;

import static dev.keyway.testing.ExistingGrant.assertErrorPage;
import static dev.keyway.testing.ExistingGrant.existing;
import static dev.keyway.testing.Urls.enc;
import static dev.keyway.testing.Urls.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Browser;
import dev.keyway.testing.ConnectKeyway;
import dev.keyway.testing.Connections;
import dev.keyway.testing.ExistingGrant;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.Operator;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Connect's pages and cookie carry: CSP, no referrer and no-store on success and error pages; an HttpOnly,
 * SameSite=Lax binding cookie the callback clears; names and server error descriptions escaped.
 */
class ConnectPagesTest {
    static final MutableClock clock = new MutableClock();
    @RegisterExtension
    static final ConnectKeyway keyway = new ConnectKeyway().clock(clock);
    static final AuthServer as = keyway.as();
    final Api api = keyway.api();
    final Operator operator = new Operator(api);

    @Test
    void successAndErrorPagesCarryCspAndNoReferrer() {
        String id = operator.create(Connections.against(as));
        HttpResponse<String> success = operator.connect(id);
        HttpResponse<String> error = new Browser().get(keyway.base() + "/oauth2/callback?state=nope&code=nope");

        for (HttpResponse<String> page : List.of(success, error)) {
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v)
                    .contains("default-src 'none'").doesNotContain("unsafe-inline").contains("frame-ancestors 'none'"));
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
        assertThat(success.statusCode()).isEqualTo(200);
        assertThat(error.statusCode()).isEqualTo(400);
    }

    @Test
    void theBrowserBindingCookieIsHttpOnlyAndSameSiteLax() {
        String id = operator.create(Connections.against(as));

        HttpResponse<String> opened = operator.browser().get(operator.connectUrl(id));

        assertThat(opened.statusCode()).isEqualTo(302);
        List<String> cookies = opened.headers().allValues("Set-Cookie");
        assertThat(cookies).hasSize(1);
        String cookie = cookies.getFirst();
        List<String> attributes = List.of(cookie.split(";\\s*")).stream().map(String::toLowerCase).toList();
        assertThat(cookie).startsWith("keyway_connect=");
        assertThat(attributes).contains("httponly", "samesite=lax", "path=/oauth2");
        assertThat(opened.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void theCallbackClearsTheBindingCookie() {
        String id = operator.create(Connections.against(as));
        HttpResponse<String> landed = operator.connect(id);
        java.net.HttpCookie cookie = java.net.HttpCookie.parse(landed.headers().firstValue("Set-Cookie").orElseThrow()).getFirst();
        assertThat(cookie.getName()).isEqualTo("keyway_connect");
        assertThat(cookie.getValue()).isEmpty();
        assertThat(cookie.hasExpired()).as("the browser drops it at once").isTrue();
    }

    @Test
    void aConnectionNamedLikeAScriptIsEscapedOnTheSuccessPage() {
        String id = operator.create(Connections.against(as).with("name", "<script>alert(1)</script>"));

        HttpResponse<String> landed = operator.connect(id);

        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void markupInTheServersErrorDescriptionIsEscaped() {
        ExistingGrant e = existing(operator, Connections.against(as));
        URI authorization = operator.browser().openConnectLink(operator.connectUrl(e.id()));

        HttpResponse<String> page = operator.browser().get(keyway.base() + "/oauth2/callback?error=server_error"
                + "&error_description=" + enc("<img src=x onerror=alert(1)>") + "&state=" + enc(query(authorization).get("state")));

        assertErrorPage(page, e, "server_error");
        assertThat(page.body()).doesNotContain("<img");
    }
}

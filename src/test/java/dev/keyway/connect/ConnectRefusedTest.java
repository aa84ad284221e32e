package dev.keyway.connect;

import static dev.keyway.testing.ExistingGrant.assertErrorPage;
import static dev.keyway.testing.ExistingGrant.assertGrantUntouched;
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
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connect link or callback Keyway refuses (an error from the server, a replayed, forged, stateless, expired
 * callback, one in another browser; an expired, reused or unknown link): a plain 400 page that says what
 * happened, with no stack trace, token or secret, and the grant the connection already had still in use.
 */
class ConnectRefusedTest {
    static final MutableClock clock = new MutableClock();
    @RegisterExtension
    static final ConnectKeyway keyway = new ConnectKeyway().clock(clock);
    static final AuthServer as = keyway.as();
    final Api api = keyway.api();
    final Operator operator = new Operator(api);

    @Test
    void anErrorFromTheServerShowsItAndKeepsTheGrant() {
        ExistingGrant e = existing(operator, Connections.against(as));
        URI authorization = operator.browser().openConnectLink(operator.connectUrl(e.id()));
        String state = query(authorization).get("state");

        HttpResponse<String> page = operator.browser().get(keyway.base() + "/oauth2/callback?error=access_denied"
                + "&error_description=" + enc("The user said no") + "&state=" + enc(state));

        assertErrorPage(page, e, "access_denied");
        assertThat(page.body()).contains("The user said no").contains("Consent was not given");
        assertGrantUntouched(e);
        Api.Answer after = api.get("/api/v1/connections/" + e.id());
        assertThat(after.text("lastError")).contains("access_denied");
        assertThat(after.json().get("history").get(0).get("kind").asText()).isEqualTo("connect_failed");
    }

    @Test
    void aReplayedCallbackIsRefusedAndTheGrantFromTheFirstStays() {
        ExistingGrant e = existing(operator, Connections.against(as));
        URI callback = operator.browser().signIn(operator.browser().openConnectLink(operator.connectUrl(e.id())), "operator@acme.test");
        as.drainRequests();
        assertThat(operator.browser().get(callback.toString()).statusCode()).isEqualTo(200);
        ExistingGrant afterFirst = new ExistingGrant(api, e.id(), operator.accessToken(e.id()));
        assertThat(as.tokenRequests()).isEqualTo(1);

        HttpResponse<String> replay = operator.browser().get(callback.toString());

        assertErrorPage(replay, afterFirst, "already used");
        assertThat(replay.body()).doesNotContain(query(callback).get("code"));
        assertThat(as.tokenRequests()).as("the replayed code never reaches the service").isZero();
        assertGrantUntouched(afterFirst);
    }

    @Test
    void anUnknownStateIsRefused() {
        ExistingGrant e = existing(operator, Connections.against(as));
        operator.browser().openConnectLink(operator.connectUrl(e.id()));

        HttpResponse<String> page = operator.browser().get(keyway.base() + "/oauth2/callback?code=some-code&state="
                + "forged-state-0123456789abcdef0123456789abcdef");

        assertErrorPage(page, e, "unknown to Keyway");
        assertGrantUntouched(e);
    }

    @Test
    void aCallbackWithoutStateIsRefused() {
        ExistingGrant e = existing(operator, Connections.against(as));
        operator.browser().openConnectLink(operator.connectUrl(e.id()));

        HttpResponse<String> page = operator.browser().get(keyway.base() + "/oauth2/callback?code=some-code");

        assertErrorPage(page, e, "no state");
        assertGrantUntouched(e);
    }

    @Test
    void aCallbackWithNothingAtAllIsRefused() {
        HttpResponse<String> page = new Browser().get(keyway.base() + "/oauth2/callback");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("no state");
    }

    @Test
    void theCallbackInAnotherBrowserIsRefused() {
        ExistingGrant e = existing(operator, Connections.against(as));
        URI callback = operator.browser().signIn(operator.browser().openConnectLink(operator.connectUrl(e.id())), "operator@acme.test");
        as.drainRequests();

        HttpResponse<String> page = new Browser().get(callback.toString());

        assertErrorPage(page, e, "another browser");
        assertThat(as.tokenRequests()).isZero();
        assertGrantUntouched(e);
    }

    @Test
    void theCallbackInABrowserBoundToAnotherAttemptIsRefused() {
        ExistingGrant e = existing(operator, Connections.against(as));
        URI callback = operator.browser().signIn(operator.browser().openConnectLink(operator.connectUrl(e.id())), "operator@acme.test");
        Browser attacker = new Browser();
        attacker.openConnectLink(operator.connectUrl(e.id())); // holds a binding cookie of its own

        HttpResponse<String> page = attacker.get(callback.toString());

        assertErrorPage(page, e, "another browser");
        assertGrantUntouched(e);
    }

    @Test
    void aCallbackAfterTenMinutesIsRefusedAsExpired() {
        ExistingGrant e = existing(operator, Connections.against(as));
        URI callback = operator.browser().signIn(operator.browser().openConnectLink(operator.connectUrl(e.id())), "operator@acme.test");
        as.drainRequests();
        clock.advance(Duration.ofMinutes(11));

        HttpResponse<String> page = operator.browser().get(callback.toString());

        assertErrorPage(page, e, "expired");
        assertThat(as.tokenRequests()).isZero();
        assertGrantUntouched(e);
    }

    @Test
    void aConnectLinkOpenedAfterTenMinutesIsRefusedAsExpired() {
        ExistingGrant e = existing(operator, Connections.against(as));
        String link = operator.connectUrl(e.id());
        clock.advance(Duration.ofMinutes(11));

        HttpResponse<String> page = operator.browser().get(link);

        assertErrorPage(page, e, "expired");
        assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
        assertGrantUntouched(e);
    }

    @Test
    void aConnectLinkOpenedTwiceIsRefusedTheSecondTime() {
        ExistingGrant e = existing(operator, Connections.against(as));
        String link = operator.connectUrl(e.id());
        assertThat(operator.browser().get(link).statusCode()).isEqualTo(302);

        HttpResponse<String> again = operator.browser().get(link);
        HttpResponse<String> elsewhere = new Browser().get(link);

        assertErrorPage(again, e, "already been used");
        assertErrorPage(elsewhere, e, "already been used");
        assertThat(elsewhere.headers().allValues("Set-Cookie")).isEmpty();
        assertGrantUntouched(e);
    }

    @Test
    void anUnknownConnectLinkIsRefused() {
        HttpResponse<String> page = new Browser().get(keyway.base() + "/oauth2/connect/not-a-link");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("not valid");
    }
}

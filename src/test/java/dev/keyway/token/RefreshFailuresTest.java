package dev.keyway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keyway.testing.Api;
import dev.keyway.testing.ConnectedConnection;
import dev.keyway.testing.FakeTokenServer;
import dev.keyway.testing.FakeTokenServer.Reply;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.RefreshKeyway;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each way a refresh fails and what the connection then says: definite errors need reconnect and are never
 * tried again; server errors, an unreachable endpoint and timeouts mean refresh failing with backoff; a lost
 * rotation and settings edited during a refresh end in needs reconnect; no answer ever says a token.
 * Time moves with a {@link MutableClock}; every test connects its own connection to its own token server
 * ({@link RefreshKeyway}: one Keyway for the class, no token in any log line).
 */
class RefreshFailuresTest {
    private static final Duration TWO_HOURS = Duration.ofHours(2);

    @RegisterExtension
    static final RefreshKeyway keyway = new RefreshKeyway();
    static final MutableClock clock = keyway.clock();
    final Api api = keyway.api();
    final FakeTokenServer fake = keyway.fake();

    @Test
    void http200WithAnErrorMemberMeansNeedsReconnect() {
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        fake.script(Reply.json(200, "{\"error\":\"bad_refresh_token\",\"error_description\":\"refresh token revoked\"}"));

        clock.advance(TWO_HOURS);
        Api.Answer token = c.token();

        assertThat(token.status()).isEqualTo(409);
        assertThat(token.text("code")).isEqualTo("needs_reconnect");
        assertThat(token.text("accessToken")).isNull();
        assertThat(c.status()).isEqualTo("needs_reconnect");
        assertThat(c.read().text("lastError")).contains("bad_refresh_token");
    }

    @Test
    void invalidGrantMeansNeedsReconnectAndNoFurtherTokenRequests() {
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        fake.script(Reply.error(400, "invalid_grant"));

        clock.advance(TWO_HOURS);
        Api.Answer token = c.token();

        assertThat(token.status()).isEqualTo(409);
        assertThat(token.text("code")).isEqualTo("needs_reconnect");
        Api.Answer read = c.read();
        assertThat(read.text("status")).isEqualTo("needs_reconnect");
        assertThat(read.text("lastError")).contains("invalid_grant").contains("400");
        assertThat(read.text("lastErrorAt")).isNotNull();
        assertThat(c.historyKinds()).startsWith("refresh_failed").contains("connected");
        assertThat(fake.refreshRequests()).isEqualTo(1);

        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofHours(3)); // far past any backoff
            Api.Answer later = c.token();
            assertThat(later.status()).isEqualTo(409);
            assertThat(later.text("code")).isEqualTo("needs_reconnect");
        }
        Api.Answer forced = c.refresh();
        assertThat(forced.status()).isEqualTo(409);
        assertThat(forced.text("code")).isEqualTo("needs_reconnect");
        assertThat(fake.refreshRequests()).as("a dead grant is never tried again").isEqualTo(1);
        keyway.assertNoTokenIn(c);
    }

    @Test
    void serverErrorMeansRefreshFailingWithRetryAfterAndNoRequestWithinTheBackoffThenRecovery() {
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        fake.script(Reply.error(503, "temporarily_unavailable"));

        clock.advance(TWO_HOURS);
        Api.Answer token = c.token();

        assertThat(token.status()).isEqualTo(503);
        assertThat(token.text("code")).isEqualTo("refresh_failing");
        long retryAfter = Long.parseLong(token.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isPositive();
        Api.Answer read = c.read();
        assertThat(read.text("status")).isEqualTo("refresh_failing");
        assertThat(read.text("lastError")).contains("503");
        assertThat(read.json().get("grant").get("failures").asInt()).isEqualTo(1);
        Instant nextAttempt = Instant.parse(read.json().get("grant").get("nextAttemptAt").asText());
        assertThat(retryAfter).as("Retry-After is the backoff the grant records")
                .isBetween(java.time.Duration.between(clock.instant(), nextAttempt).toSeconds() - 1,
                        java.time.Duration.between(clock.instant(), nextAttempt).toSeconds() + 1);
        assertThat(nextAttempt).isAfter(clock.instant());
        assertThat(fake.refreshRequests()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(10)); // backoff after one failure: 30 s ± 20 %
        for (int i = 0; i < 3; i++) {
            Api.Answer within = c.token();
            assertThat(within.status()).isEqualTo(503);
            assertThat(within.text("code")).isEqualTo("refresh_failing");
        }
        assertThat(fake.refreshRequests()).as("no request within the backoff window").isEqualTo(1);

        clock.advance(Duration.between(clock.instant(), nextAttempt).plusSeconds(1));
        Api.Answer recovered = c.token();

        assertThat(recovered.status()).isEqualTo(200);
        assertThat(recovered.text("accessToken")).isEqualTo(fake.onlyFamily().latestAccessToken());
        assertThat(fake.refreshRequests()).isEqualTo(2);
        Api.Answer after = c.read();
        assertThat(after.text("status")).isEqualTo("connected");
        assertThat(after.json().get("grant").get("failures").asInt()).isZero();
        assertThat(c.historyKinds()).startsWith("refreshed", "refresh_failed");
        keyway.assertNoTokenIn(c);
    }

    @Test
    void failingRefreshOfATokenThatStillWorksServesTheOldToken() {
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        String first = c.token().text("accessToken");
        fake.script(Reply.error(500, "server_error"));

        clock.advance(Duration.ofSeconds(3600 - 30)); // within the skew, still valid for 30 s
        Api.Answer token = c.token();

        assertThat(token.status()).isEqualTo(200);
        assertThat(token.text("accessToken")).isEqualTo(first);
        assertThat(c.status()).isEqualTo("refresh_failing");
        assertThat(fake.refreshRequests()).isEqualTo(1);
        assertThat(c.token().text("accessToken")).as("backing off: still the old token, no new request").isEqualTo(first);
        assertThat(fake.refreshRequests()).isEqualTo(1);
    }

    @Test
    void unreachableTokenEndpointMeansRefreshFailing() {
        FakeTokenServer gone = FakeTokenServer.rotating();
        ConnectedConnection c = ConnectedConnection.via(api, gone);
        gone.close();

        clock.advance(TWO_HOURS);
        Api.Answer token = c.token();

        assertThat(token.status()).isEqualTo(503);
        assertThat(token.text("code")).isEqualTo("refresh_failing");
        Api.Answer read = c.read();
        assertThat(read.text("status")).isEqualTo("refresh_failing");
        assertThat(read.text("lastError")).contains("unreachable");
    }

    @Test
    void tokenEndpointTimeoutMeansRefreshFailingAndALostRotationShowsAsNeedsReconnectAtTheNextAttempt() {
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        fake.holdRefreshes();

        clock.advance(TWO_HOURS);
        Api.Answer token = c.token(); // Keyway gives up after its 2 s token call timeout

        assertThat(token.status()).isEqualTo(503);
        assertThat(token.text("code")).isEqualTo("refresh_failing");
        Api.Answer read = c.read();
        assertThat(read.text("status")).as("a timeout may pass: retry with backoff").isEqualTo("refresh_failing");
        assertThat(read.text("lastError")).contains("timed out");

        fake.release(); // the server finishes the refresh Keyway stopped waiting for: it rotated, the answer is lost
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.onlyFamily().refreshTokens().size() == 2);
        clock.advance(Duration.ofMinutes(5));
        Api.Answer next = c.token();

        assertThat(next.status()).isEqualTo(409);
        assertThat(next.text("code")).isEqualTo("needs_reconnect");
        assertThat(fake.onlyFamily().revoked()).as("Keyway still had only the old refresh token").isTrue();
        assertThat(c.status()).isEqualTo("needs_reconnect");
        assertThat(fake.refreshRequests()).isEqualTo(2);
    }

    @Test
    void settingsEditedWhileARefreshIsInFlightStillNeedReconnectAfterItSucceeds() {
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        fake.holdRefreshes();
        clock.advance(TWO_HOURS);
        CompletableFuture<Api.Answer> token = CompletableFuture.supplyAsync(c::token);
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.waitingRefreshes() == 1);

        Api.Answer edited = api.patch(c.path(), Map.of("scopes", List.of("crm.read", "crm.write")));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.text("status")).isEqualTo("needs_reconnect");
        fake.release();
        Api.Answer answered = token.join();

        assertThat(answered.status()).as("no token obtained under the old settings is handed out").isEqualTo(409);
        assertThat(answered.text("code")).isEqualTo("needs_reconnect");
        Api.Answer read = c.read();
        assertThat(read.text("status")).as("the edit's verdict stands").isEqualTo("needs_reconnect");
        assertThat(read.text("lastError")).contains("settings changed");
        assertThat(c.token().status()).isEqualTo(409);
        assertThat(fake.anyFamilyRevoked()).isFalse();
        assertThat(Instant.parse(read.json().get("grant").get("expiresAt").asText()))
                .as("the refreshed grant (rotated refresh token included) was still stored: the old one is spent")
                .isAfter(clock.instant().plus(Duration.ofMinutes(59)));
        assertThat(read.json().get("history").get(0).get("kind").asText()).isEqualTo("refreshed");
    }
}

package dev.keyway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.ConnectedConnection;
import dev.keyway.testing.FakeTokenServer;
import dev.keyway.testing.FakeTokenServer.Family;
import dev.keyway.testing.FakeTokenServer.Reply;
import dev.keyway.testing.FakeTokenServer.TokenRequest;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.MutableClock;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Refresh on the token path, one Keyway for the class: when it happens (expired, within the skew, forced,
 * never when not needed), rotation, tolerant answers, and each failure and what the connection then says.
 * Time moves with a {@link MutableClock}; every test connects its own connection to its own token server.
 */
class RefreshTest {
    private static final Duration TWO_HOURS = Duration.ofHours(2);

    static MutableClock clock = new MutableClock();
    static KeywayUnderTest keyway;
    static Api api;
    static ListAppender<ILoggingEvent> logs = new ListAppender<>();
    FakeTokenServer fake;

    @BeforeAll
    static void start() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        keyway = KeywayUnderTest.builder().clock(clock).env("KEYWAY_TOKEN_CALL_TIMEOUT_SECONDS", "2").start();
        api = keyway.newAccount("Refresh test");
    }

    @AfterAll
    static void stop() {
        keyway.close();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @BeforeEach
    void newServer() {
        fake = FakeTokenServer.rotating();
    }

    /** Whatever happened in the test, no log line said a token or the client secret. */
    @AfterEach
    void noTokenWasLogged() {
        fake.close();
        List<String> lines = logs.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
        logs.list.clear();
        assertThat(lines).as("the capture works: every test connects, and that is logged").isNotEmpty();
        for (Family f : fake.families()) {
            for (String secret : concat(f.accessTokens(), f.refreshTokens())) {
                assertThat(lines).noneMatch(l -> l.contains(secret));
            }
        }
        assertThat(lines).noneMatch(l -> l.contains("fake-at-") || l.contains("fake-rt-") || l.contains("fake-client-secret")
                || l.contains("quirky-access-token") || l.contains("fake-code-"));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void expiredTokenIsRefreshedByGetTokenWithExactlyOneTokenRequest() {
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        String first = c.token().text("accessToken");
        assertThat(fake.refreshRequests()).isZero();

        clock.advance(TWO_HOURS);
        Api.Answer token = c.token();

        assertThat(token.status()).isEqualTo(200);
        assertThat(fake.refreshRequests()).isEqualTo(1);
        assertThat(token.text("accessToken")).isNotEqualTo(first).isEqualTo(fake.onlyFamily().latestAccessToken());
        assertThat(Instant.parse(token.text("expiresAt"))).isAfter(clock.instant().plus(Duration.ofMinutes(59)));
        assertThat(c.token().text("accessToken")).as("the next caller gets the refreshed token").isEqualTo(token.text("accessToken"));
        assertThat(fake.refreshRequests()).isEqualTo(1);
        TokenRequest refresh = fake.requests().getLast();
        assertThat(refresh.refreshToken()).isEqualTo(fake.onlyFamily().refreshTokens().getFirst());
        assertThat(refresh.authorization()).as("client_secret_basic").startsWith("Basic ");
        assertThat(refresh.form()).doesNotContainKeys("scope", "client_secret");
    }

    @Test
    void expiredTokenWithoutRefreshTokenMeansNeedsReconnectWithoutAnyRequest() {
        fake.withoutRefreshTokens();
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        assertThat(c.read().json().get("grant").get("refreshTokenSet").asBoolean()).isFalse();

        clock.advance(TWO_HOURS);
        Api.Answer token = c.token();

        assertThat(token.status()).isEqualTo(409);
        assertThat(token.text("code")).isEqualTo("needs_reconnect");
        assertThat(token.text("message")).contains("no refresh token");
        assertThat(c.status()).isEqualTo("needs_reconnect");
        assertThat(fake.refreshRequests()).isZero();
    }

    @Test
    void tokenWithoutExpiryIsServedWithoutRefreshing() {
        fake.expiresIn(0);
        ConnectedConnection c = ConnectedConnection.via(api, fake);

        Api.Answer first = c.token();
        clock.advance(Duration.ofDays(400));
        Api.Answer later = c.token();

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("expiresAt").isNull()).as("unknown expiry").isTrue();
        assertThat(later.text("accessToken")).isEqualTo(first.text("accessToken"));
        assertThat(fake.refreshRequests()).isZero();
    }

    @Test
    void expiredTokenOfMockOAuth2ServerIsRefreshedWithExactlyOneTokenRequest() {
        try (AuthServer as = new AuthServer()) {
            ConnectedConnection c = ConnectedConnection.via(api, as);
            String first = c.token().text("accessToken");
            as.drainRequests();

            clock.advance(TWO_HOURS);
            Api.Answer token = c.token();
            Api.Answer again = c.token();

            assertThat(token.status()).isEqualTo(200);
            assertThat(token.text("accessToken")).isNotBlank().isNotEqualTo(first);
            assertThat(again.text("accessToken")).isEqualTo(token.text("accessToken"));
            assertThat(as.tokenRequests()).isEqualTo(1);
        }
    }

    @Test
    void tokenFarFromExpiryIsServedWithoutAnyTokenRequest() {
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        String first = c.token().text("accessToken");

        clock.advance(Duration.ofMinutes(30));
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            served.add(c.token().text("accessToken"));
        }

        assertThat(served).containsOnly(first);
        assertThat(fake.tokenRequests()).as("only the code exchange").isEqualTo(1);
        assertThat(fake.refreshRequests()).isZero();
    }

    @Test
    void tokenExpiringWithinTheSkewIsRefreshedAndOneJustOutsideIsNot() {
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        String first = c.token().text("accessToken");

        clock.advance(Duration.ofSeconds(3600 - 90)); // 90 s left: outside the 60 s skew
        assertThat(c.token().text("accessToken")).isEqualTo(first);
        assertThat(fake.refreshRequests()).isZero();

        clock.advance(Duration.ofSeconds(45)); // 45 s left: within the skew, not yet expired
        Api.Answer token = c.token();

        assertThat(token.status()).isEqualTo(200);
        assertThat(fake.refreshRequests()).isEqualTo(1);
        assertThat(token.text("accessToken")).isNotEqualTo(first).isEqualTo(fake.onlyFamily().latestAccessToken());
    }

    @Test
    void forcedRefreshCallsTheTokenEndpointOnceEvenForAFreshToken() {
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        String first = c.token().text("accessToken");

        Api.Answer forced = c.refresh();

        assertThat(forced.status()).isEqualTo(200);
        assertThat(fake.refreshRequests()).isEqualTo(1);
        assertThat(forced.text("accessToken")).isNotEqualTo(first).isEqualTo(fake.onlyFamily().latestAccessToken());
        assertThat(c.token().text("accessToken")).as("GET token serves what the forced refresh got")
                .isEqualTo(forced.text("accessToken"));
        assertThat(fake.refreshRequests()).isEqualTo(1);
        assertThat(c.read().json().get("history").get(0).get("detail").asText()).contains("forced");
    }

    @Test
    void threeRefreshesInARowEachSpendTheLatestRotatedRefreshTokenAndTheFamilySurvives() {
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        List<String> served = new ArrayList<>();
        served.add(c.token().text("accessToken"));

        for (int i = 0; i < 3; i++) {
            clock.advance(TWO_HOURS);
            Api.Answer token = c.token();
            assertThat(token.status()).as("refresh %d", i + 1).isEqualTo(200);
            served.add(token.text("accessToken"));
        }

        Family family = fake.onlyFamily();
        assertThat(family.revoked()).as("no refresh token was ever replayed").isFalse();
        assertThat(served).doesNotHaveDuplicates().containsExactlyElementsOf(family.accessTokens());
        List<String> presented = fake.requests().stream().filter(r -> "refresh_token".equals(r.grantType()))
                .map(TokenRequest::refreshToken).toList();
        assertThat(presented).as("each refresh presents the token the previous answer rotated in")
                .containsExactlyElementsOf(family.refreshTokens().subList(0, 3));
        assertThat(c.read().json().get("history").get(0).get("detail").asText()).contains("refresh token rotated");
    }

    @Test
    void answerWithoutRefreshTokenKeepsTheOldOneAndTheNextRefreshStillWorks() {
        try (FakeTokenServer google = FakeTokenServer.nonRotating()) {
            ConnectedConnection c = ConnectedConnection.via(api, google);
            String original = google.onlyFamily().refreshTokens().getFirst();

            clock.advance(TWO_HOURS);
            Api.Answer second = c.token();
            clock.advance(TWO_HOURS);
            Api.Answer third = c.token();

            assertThat(second.status()).isEqualTo(200);
            assertThat(third.status()).isEqualTo(200);
            assertThat(third.text("accessToken")).isNotEqualTo(second.text("accessToken"))
                    .isEqualTo(google.onlyFamily().latestAccessToken());
            assertThat(google.requests().stream().filter(r -> "refresh_token".equals(r.grantType()))
                    .map(TokenRequest::refreshToken)).containsExactly(original, original);
            assertThat(c.read().json().get("grant").get("refreshTokenSet").asBoolean()).isTrue();
            assertThat(c.status()).isEqualTo("connected");
        }
    }

    @Test
    void stringExpiresInAndMissingTokenTypeAreAccepted() {
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        fake.script(Reply.json(200, "{\"access_token\":\"quirky-access-token\",\"expires_in\":\"120\"}"));

        clock.advance(TWO_HOURS);
        Instant now = clock.instant();
        Api.Answer token = c.token();

        assertThat(token.status()).isEqualTo(200);
        assertThat(token.text("accessToken")).isEqualTo("quirky-access-token");
        assertThat(token.text("tokenType")).isEqualTo("Bearer");
        assertThat(Instant.parse(token.text("expiresAt"))).isEqualTo(now.plusSeconds(120));
        assertThat(c.status()).isEqualTo("connected");

        clock.advance(Duration.ofMinutes(5));
        Api.Answer next = c.token();
        assertThat(next.status()).as("the answer had no refresh token: the old one still works").isEqualTo(200);
        assertThat(next.text("accessToken")).isEqualTo(fake.onlyFamily().latestAccessToken());
        assertThat(fake.refreshRequests()).isEqualTo(2);
        assertThat(fake.anyFamilyRevoked()).isFalse();
    }

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
        assertNoTokenIn(c);
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
        assertNoTokenIn(c);
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

    /** Neither the connection's answer (last error, history, grant) nor any error says a token. */
    private void assertNoTokenIn(ConnectedConnection c) {
        String body = c.read().body();
        for (Family f : fake.families()) {
            f.accessTokens().forEach(t -> assertThat(body).doesNotContain(t));
            f.refreshTokens().forEach(t -> assertThat(body).doesNotContain(t));
        }
        assertThat(body).doesNotContain("fake-at-").doesNotContain("fake-rt-").doesNotContain("fake-client-secret");
    }
}

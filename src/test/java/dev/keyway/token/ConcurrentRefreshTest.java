package dev.keyway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Callers;
import dev.keyway.testing.ConnectedConnection;
import dev.keyway.testing.FakeTokenServer;
import dev.keyway.testing.FakeTokenServer.Reply;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many callers, one expired grant, one Keyway: a refresh token is spent once. With a held token endpoint
 * every caller is inside Keyway (past the cache) before the one refresh is answered.
 */
class ConcurrentRefreshTest {
    private static final int CALLERS = 200;

    static MutableClock clock = new MutableClock();
    static KeywayUnderTest keyway;
    static Api api;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().clock(clock).start();
        api = keyway.newAccount("Concurrency test");
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    @Test
    void twoHundredConcurrentCallersOnAnExpiredGrantCauseOneTokenRequestToMockOAuth2ServerAndShareItsToken() {
        try (AuthServer as = new AuthServer()) {
            ConnectedConnection c = ConnectedConnection.via(api, as);
            String old = c.token().text("accessToken");
            as.drainRequests();
            clock.advance(Duration.ofHours(2));

            List<Api.Answer> answers = Callers.all(Callers.start(CALLERS, i -> c.token()));

            assertThat(answers).extracting(Api.Answer::status).containsOnly(200);
            List<String> tokens = answers.stream().map(a -> a.text("accessToken")).distinct().toList();
            assertThat(tokens).hasSize(1);
            assertThat(tokens.getFirst()).isNotBlank().isNotEqualTo(old);
            assertThat(as.tokenRequests()).isEqualTo(1);
        }
    }

    @Test
    void twoHundredCallersHeldBehindOneRotatingRefreshAllGetItsTokenAndTheFamilySurvives() {
        try (FakeTokenServer fake = FakeTokenServer.rotating()) {
            ConnectedConnection c = ConnectedConnection.via(api, fake);
            clock.advance(Duration.ofHours(2));

            List<Api.Answer> answers = heldThenReleased(fake, c);

            assertThat(fake.refreshRequests()).isEqualTo(1);
            assertThat(fake.anyFamilyRevoked()).isFalse();
            assertThat(answers).extracting(Api.Answer::status).containsOnly(200);
            assertThat(answers).extracting(a -> a.text("accessToken")).containsOnly(fake.onlyFamily().latestAccessToken());

            clock.advance(Duration.ofHours(2));
            assertThat(c.token().text("accessToken")).as("the rotated refresh token was kept: the next refresh works")
                    .isEqualTo(fake.onlyFamily().latestAccessToken());
            assertThat(fake.refreshRequests()).isEqualTo(2);
            assertThat(fake.anyFamilyRevoked()).isFalse();
        }
    }

    @Test
    void twoHundredCallersOnADeadGrantCauseOneTokenRequestAndAllHearNeedsReconnect() {
        try (FakeTokenServer fake = FakeTokenServer.rotating()) {
            ConnectedConnection c = ConnectedConnection.via(api, fake);
            clock.advance(Duration.ofHours(2));
            fake.script(Reply.error(400, "invalid_grant"));

            List<Api.Answer> answers = heldThenReleased(fake, c);

            assertThat(answers).extracting(Api.Answer::status).containsOnly(409);
            assertThat(answers).extracting(a -> a.text("code")).containsOnly("needs_reconnect");
            assertThat(fake.refreshRequests()).as("a refused refresh token is not sent again").isEqualTo(1);
            assertThat(c.status()).isEqualTo("needs_reconnect");
        }
    }

    @Test
    void twoHundredCallersOnAFailingServerCauseOneTokenRequestWithinTheBackoff() {
        try (FakeTokenServer fake = FakeTokenServer.rotating()) {
            ConnectedConnection c = ConnectedConnection.via(api, fake);
            clock.advance(Duration.ofHours(2));
            fake.script(Reply.error(503, "temporarily_unavailable"));

            List<Api.Answer> answers = heldThenReleased(fake, c);

            assertThat(answers).extracting(Api.Answer::status).containsOnly(503);
            assertThat(answers).extracting(a -> a.text("code")).containsOnly("refresh_failing");
            assertThat(fake.refreshRequests()).as("no second request within the backoff").isEqualTo(1);
            assertThat(c.status()).isEqualTo("refresh_failing");
        }
    }

    /**
     * Holds the token endpoint, starts the callers, waits until every one of them has missed the cache
     * (so each is on its way to the refresh) and one refresh request waits at the server, then releases it.
     */
    private static List<Api.Answer> heldThenReleased(FakeTokenServer fake, ConnectedConnection c) {
        fake.holdRefreshes();
        double missesBefore = Callers.cacheMisses(keyway);
        List<CompletableFuture<Api.Answer>> calls = Callers.start(CALLERS, i -> c.token());
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Callers.cacheMisses(keyway) - missesBefore >= CALLERS && fake.waitingRefreshes() >= 1);
        } finally {
            fake.release();
        }
        return Callers.all(calls);
    }
}

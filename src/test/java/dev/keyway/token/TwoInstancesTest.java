package dev.keyway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.crypto.tink.KeysetHandle;
import dev.keyway.crypto.Keysets;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Callers;
import dev.keyway.testing.ConnectedConnection;
import dev.keyway.testing.Databases;
import dev.keyway.testing.FakeTokenServer;
import dev.keyway.testing.FakeTokenServer.Reply;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Keyway instances on one PostgreSQL database (same keyset, one clock): callers spread over both, one
 * refresh reaches the server. With a held token endpoint the second instance is seen waiting on the grant's
 * row lock (pg_stat_activity) before the first one's refresh is answered, so the re-read is really tested.
 */
class TwoInstancesTest {
    private static final int CALLERS = 100;

    static MutableClock clock = new MutableClock();
    static KeywayUnderTest one;
    static KeywayUnderTest two;
    static Api apiOne;
    static Api apiTwo;

    @BeforeAll
    static void start() {
        String url = Databases.freshPostgres();
        KeysetHandle keyset = Keysets.generate();
        one = KeywayUnderTest.builder().database(url).keyset(keyset).clock(clock).start();
        two = KeywayUnderTest.builder().database(url).keyset(keyset).clock(clock).start();
        String key = one.keyway().accounts().create("Two instances").apiKey();
        apiOne = new Api(one.base(), key);
        apiTwo = new Api(two.base(), key);
    }

    @AfterAll
    static void stop() {
        if (two != null) {
            two.close();
        }
        if (one != null) {
            one.close();
        }
    }

    @Test
    void callersOnBothInstancesCauseOneTokenRequestToMockOAuth2ServerAndGetTheSameToken() {
        try (AuthServer as = new AuthServer()) {
            ConnectedConnection onOne = ConnectedConnection.via(apiOne, as);
            ConnectedConnection onTwo = new ConnectedConnection(apiTwo, onOne.id());
            String old = onTwo.token().text("accessToken");
            as.drainRequests();
            clock.advance(Duration.ofHours(2));

            List<Api.Answer> answers = Callers.all(Callers.start(CALLERS, i -> (i % 2 == 0 ? onOne : onTwo).token()));

            assertThat(answers).extracting(Api.Answer::status).containsOnly(200);
            List<String> tokens = answers.stream().map(a -> a.text("accessToken")).distinct().toList();
            assertThat(tokens).hasSize(1);
            assertThat(tokens.getFirst()).isNotEqualTo(old);
            assertThat(as.tokenRequests()).isEqualTo(1);
        }
    }

    @Test
    void theInstanceWaitingOnTheRowLockUsesTheOtherOnesRotatedGrantAndTheFamilySurvives() {
        try (FakeTokenServer fake = FakeTokenServer.rotating()) {
            ConnectedConnection onOne = ConnectedConnection.via(apiOne, fake);
            ConnectedConnection onTwo = new ConnectedConnection(apiTwo, onOne.id());
            clock.advance(Duration.ofHours(2));

            List<Api.Answer> answers = heldUntilOneInstanceWaitsOnTheOther(fake, onOne, onTwo);

            assertThat(fake.refreshRequests()).isEqualTo(1);
            assertThat(fake.anyFamilyRevoked()).isFalse();
            assertThat(answers).extracting(Api.Answer::status).containsOnly(200);
            assertThat(answers).extracting(a -> a.text("accessToken")).containsOnly(fake.onlyFamily().latestAccessToken());

            clock.advance(Duration.ofHours(2));
            assertThat(onTwo.token().text("accessToken")).isEqualTo(fake.onlyFamily().latestAccessToken());
            clock.advance(Duration.ofHours(2));
            assertThat(onOne.token().text("accessToken")).isEqualTo(fake.onlyFamily().latestAccessToken());
            assertThat(fake.refreshRequests()).isEqualTo(3);
            assertThat(fake.anyFamilyRevoked()).as("each instance spent only the latest refresh token").isFalse();
        }
    }

    @Test
    void aRefusalSeenByOneInstanceStopsTheOtherFromSendingTheSameRefreshToken() {
        try (FakeTokenServer fake = FakeTokenServer.rotating()) {
            ConnectedConnection onOne = ConnectedConnection.via(apiOne, fake);
            ConnectedConnection onTwo = new ConnectedConnection(apiTwo, onOne.id());
            clock.advance(Duration.ofHours(2));
            fake.script(Reply.error(400, "invalid_grant"));

            List<Api.Answer> answers = heldUntilOneInstanceWaitsOnTheOther(fake, onOne, onTwo);

            assertThat(fake.refreshRequests()).as("the refused refresh token is sent once").isEqualTo(1);
            assertThat(answers).extracting(Api.Answer::status).containsOnly(409);
            assertThat(answers).extracting(a -> a.text("code")).containsOnly("needs_reconnect");
            assertThat(onTwo.status()).isEqualTo("needs_reconnect");
        }
    }

    @Test
    void aServerErrorSeenByOneInstanceMakesTheOtherWaitForTheBackoff() {
        try (FakeTokenServer fake = FakeTokenServer.rotating()) {
            ConnectedConnection onOne = ConnectedConnection.via(apiOne, fake);
            ConnectedConnection onTwo = new ConnectedConnection(apiTwo, onOne.id());
            clock.advance(Duration.ofHours(2));
            fake.script(Reply.error(503, "temporarily_unavailable"));

            List<Api.Answer> answers = heldUntilOneInstanceWaitsOnTheOther(fake, onOne, onTwo);

            assertThat(fake.refreshRequests()).as("no second request within the backoff").isEqualTo(1);
            assertThat(answers).extracting(Api.Answer::status).containsOnly(503);
            assertThat(answers).extracting(a -> a.text("code")).containsOnly("refresh_failing");
            assertThat(onOne.status()).isEqualTo("refresh_failing");
        }
    }

    @Test
    void anEditOnOneInstanceDoesNotUndoTheNeedsReconnectARefreshOnTheOtherJustWrote() {
        try (FakeTokenServer fake = FakeTokenServer.rotating(); Handle blocker = one.keyway().database().jdbi().open()) {
            ConnectedConnection onOne = ConnectedConnection.via(apiOne, fake);
            clock.advance(Duration.ofHours(2));
            fake.script(Reply.error(400, "invalid_grant"));
            // Holds the connection's row so that both writers queue on it: the refresh first, then the edit.
            blocker.begin();
            blocker.createQuery("select id from connections where id = :id for update").bind("id", onOne.id())
                    .mapTo(String.class).one();
            int waitingBefore = sessionsWaitingOnALock();

            CompletableFuture<Api.Answer> token = CompletableFuture.supplyAsync(onOne::token);
            await().atMost(Duration.ofSeconds(15)).until(() -> sessionsWaitingOnALock() == waitingBefore + 1);
            assertThat(fake.refreshRequests()).as("refused; the refresh now waits to record it").isEqualTo(1);
            CompletableFuture<Api.Answer> edit = CompletableFuture.supplyAsync(
                    () -> apiTwo.patch("/api/v1/connections/" + onOne.id(), Map.of("description", "edited meanwhile")));
            await().atMost(Duration.ofSeconds(15)).until(() -> sessionsWaitingOnALock() == waitingBefore + 2);
            blocker.rollback();

            assertThat(token.join().status()).isEqualTo(409);
            assertThat(edit.join().status()).isEqualTo(200);
            Api.Answer read = onOne.read();
            assertThat(read.text("description")).isEqualTo("edited meanwhile");
            assertThat(read.text("status")).as("a description edit does not resurrect a refused grant")
                    .isEqualTo("needs_reconnect");
        }
    }

    /**
     * Holds the token endpoint; starts callers on both instances; waits until all of them missed their
     * cache, one refresh request waits at the server and one database session waits on a row lock (the
     * other instance's refresh); then releases the server.
     */
    private static List<Api.Answer> heldUntilOneInstanceWaitsOnTheOther(FakeTokenServer fake, ConnectedConnection onOne,
                                                                       ConnectedConnection onTwo) {
        fake.holdRefreshes();
        double missesBefore = Callers.cacheMisses(one) + Callers.cacheMisses(two);
        List<CompletableFuture<Api.Answer>> calls = Callers.start(CALLERS, i -> (i % 2 == 0 ? onOne : onTwo).token());
        try {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Callers.cacheMisses(one) + Callers.cacheMisses(two) - missesBefore >= CALLERS
                            && fake.waitingRefreshes() == 1 && sessionsWaitingOnALock() >= 1);
        } finally {
            fake.release();
        }
        return Callers.all(calls);
    }

    private static int sessionsWaitingOnALock() {
        return one.keyway().database().jdbi().withHandle(h -> h.createQuery(
                        "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
                .mapTo(Integer.class).one());
    }
}

package dev.keyway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keyway.testing.Api;
import dev.keyway.testing.ConnectedConnection;
import dev.keyway.testing.FakeTokenServer;
import dev.keyway.testing.FakeTokenServer.Reply;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.SecondTokenService;
import dev.keyway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proactive refresh. Most tests run {@link RefreshSweep} directly (deterministic), built over the
 * database of a running Keyway the way {@link dev.keyway.Keyway} builds it (margin 5 min); one test lets
 * Keyway's own db-scheduler job do it.
 */
class ProactiveRefreshTest {
    private static final Duration MARGIN = Duration.ofMinutes(5);
    /** Issued tokens live an hour; this leaves 2 min: inside the margin whatever the jitter (at most a quarter). */
    private static final Duration TO_TWO_MINUTES_LEFT = Duration.ofMinutes(58);

    static MutableClock clock = new MutableClock();
    static KeywayUnderTest keyway;
    static Api api;
    static RefreshSweep sweep;
    final List<FakeTokenServer> servers = new ArrayList<>();
    final List<ConnectedConnection> connected = new ArrayList<>();

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().clock(clock).start();
        api = keyway.newAccount("Proactive test");
        SecondTokenService own = SecondTokenService.over(keyway, clock);
        sweep = new RefreshSweep(own.grants(), own.tokens(), clock, MARGIN);
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    /** Deletes this test's connections, so that the next test's sweep sees only its own. */
    @AfterEach
    void cleanUp() {
        connected.forEach(c -> assertThat(c.api().delete(c.path()).status()).isEqualTo(204));
        servers.forEach(FakeTokenServer::close);
    }

    private FakeTokenServer server() {
        FakeTokenServer s = FakeTokenServer.rotating();
        servers.add(s);
        return s;
    }

    private ConnectedConnection connect(FakeTokenServer s) {
        ConnectedConnection c = ConnectedConnection.via(api, s);
        connected.add(c);
        return c;
    }

    @Test
    void grantExpiringWithinTheMarginIsRefreshedWithoutAnyCaller() {
        FakeTokenServer fake = server();
        ConnectedConnection c = connect(fake);

        clock.advance(TO_TWO_MINUTES_LEFT);
        sweep.run();

        assertThat(fake.refreshRequests()).isEqualTo(1);
        assertThat(fake.anyFamilyRevoked()).isFalse();
        Api.Answer token = c.token();
        assertThat(token.text("accessToken")).as("the caller finds the refreshed token").isEqualTo(fake.onlyFamily().latestAccessToken());
        assertThat(fake.refreshRequests()).as("and waits on no refresh").isEqualTo(1);
        assertThat(c.read().json().get("history").get(0).get("detail").asText()).startsWith("proactive");
        assertThat(c.status()).isEqualTo("connected");
    }

    @Test
    void grantFarFromExpiryIsNotRefreshed() {
        FakeTokenServer fake = server();
        connect(fake);

        clock.advance(Duration.ofMinutes(30));
        sweep.run();

        assertThat(fake.refreshRequests()).isZero();
    }

    @Test
    void grantThatNeedsReconnectIsSkipped() {
        FakeTokenServer fake = server();
        ConnectedConnection c = connect(fake);
        fake.script(Reply.error(400, "invalid_grant"));
        assertThat(c.refresh().status()).isEqualTo(409);
        assertThat(c.status()).isEqualTo("needs_reconnect");

        clock.advance(TO_TWO_MINUTES_LEFT);
        sweep.run();
        clock.advance(Duration.ofMinutes(10)); // expired, and past any backoff
        sweep.run();

        assertThat(fake.refreshRequests()).as("only the refused forced refresh").isEqualTo(1);
        assertThat(c.status()).isEqualTo("needs_reconnect");
    }

    @Test
    void failingGrantIsRetriedOnlyAfterItsBackoff() {
        FakeTokenServer fake = server();
        ConnectedConnection c = connect(fake);
        fake.script(Reply.error(503, "temporarily_unavailable"));

        clock.advance(TO_TWO_MINUTES_LEFT);
        sweep.run();
        assertThat(fake.refreshRequests()).isEqualTo(1);
        assertThat(c.status()).isEqualTo("refresh_failing");
        Api.Answer stillValid = c.token();
        assertThat(stillValid.status()).as("the old token still works for two minutes").isEqualTo(200);

        sweep.run();
        assertThat(fake.refreshRequests()).as("within the backoff").isEqualTo(1);

        clock.advance(Duration.ofSeconds(40)); // backoff after one failure: 30 s ± 20 %
        sweep.run();

        assertThat(fake.refreshRequests()).isEqualTo(2);
        Api.Answer read = c.read();
        assertThat(read.text("status")).isEqualTo("connected");
        assertThat(Instant.parse(read.json().get("grant").get("expiresAt").asText()))
                .as("the stored grant is the new one").isAfter(clock.instant().plus(Duration.ofMinutes(59)));
        assertThat(c.token().text("accessToken")).as("Keyway's cache may keep serving the old token while it is valid")
                .isIn(fake.onlyFamily().accessTokens());
    }

    @Test
    void everyDueGrantIsRefreshedOnceAndASecondSweepFindsNothingToDo() {
        List<FakeTokenServer> fakes = List.of(server(), server(), server());
        fakes.forEach(this::connect);

        clock.advance(TO_TWO_MINUTES_LEFT);
        sweep.run();
        sweep.run();

        assertThat(fakes).allSatisfy(f -> {
            assertThat(f.refreshRequests()).isEqualTo(1);
            assertThat(f.anyFamilyRevoked()).isFalse();
        });
    }

    @Test
    void keywaysOwnScheduledJobRefreshesAnExpiringGrant() {
        MutableClock ownClock = new MutableClock();
        FakeTokenServer fake = server();
        try (KeywayUnderTest scheduled = KeywayUnderTest.builder().clock(ownClock)
                .env("KEYWAY_SCHEDULER", "true").env("KEYWAY_REFRESH_SWEEP_SECONDS", "1").start()) {
            ConnectedConnection c = ConnectedConnection.via(scheduled.newAccount("Scheduled"), fake);

            ownClock.advance(TO_TWO_MINUTES_LEFT);

            await().atMost(Duration.ofSeconds(20)).until(() -> fake.refreshRequests() == 1);
            // the server counts the request before Keyway has stored its answer: wait for the stored grant
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(c.token().text("accessToken")).isEqualTo(fake.onlyFamily().latestAccessToken()));
            assertThat(fake.refreshRequests()).isEqualTo(1);
            assertThat(fake.anyFamilyRevoked()).isFalse();
        }
    }
}

package dev.keyway.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.ConnectedConnection;
import dev.keyway.testing.FakeTokenServer;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.SecondTokenService;
import dev.keyway.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens that live no longer than the refresh margin (Keycloak's 300 s, the margin's default) or the skew: the margin
 * and the skew of such a grant are capped at half its lifetime, so that neither the sweep nor the token path refreshes
 * it again and again. Keyway runs with its defaults (skew 60 s); the sweep is built over its database as
 * {@link dev.keyway.Keyway} builds it (margin 300 s).
 */
class ShortLivedTokensTest {
    private static final Duration MARGIN = Duration.ofSeconds(300);

    static MutableClock clock = new MutableClock();
    static KeywayUnderTest keyway;
    static Api api;
    static RefreshSweep sweep;
    FakeTokenServer fake = FakeTokenServer.rotating();
    ConnectedConnection connected;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().clock(clock).start();
        api = keyway.newAccount("Short-lived tokens");
        SecondTokenService own = SecondTokenService.over(keyway, clock);
        sweep = new RefreshSweep(own.grants(), own.tokens(), clock, MARGIN);
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    /** Deletes this test's connection, so that the next test's sweep sees only its own. */
    @AfterEach
    void cleanUp() {
        if (connected != null) {
            assertThat(api.delete(connected.path()).status()).isEqualTo(204);
        }
        fake.close();
    }

    @Test
    void whenTokensLiveAsLongAsTheMarginThenTheSweepRefreshesOnlyAfterHalfTheirLifetime() {
        fake.expiresIn(300);
        connected = ConnectedConnection.via(api, fake);

        for (int i = 0; i < 4; i++) { // +30 … +120 s
            clock.advance(Duration.ofSeconds(30));
            sweep.run();
        }
        assertThat(fake.refreshRequests()).as("no refresh within the first half of the lifetime").isZero();

        for (int i = 0; i < 4; i++) { // +150 … +240 s
            clock.advance(Duration.ofSeconds(30));
            sweep.run();
        }
        assertThat(fake.refreshRequests()).as("one refresh once half the lifetime has passed").isEqualTo(1);
        assertThat(connected.token().text("accessToken")).isEqualTo(fake.onlyFamily().latestAccessToken());
        assertThat(fake.refreshRequests()).isEqualTo(1);
    }

    @Test
    void whenTokensLiveShorterThanTheSkewThenTokenCallsWithinTheirFirstSecondsDoNotRefresh() {
        fake.expiresIn(30);
        connected = ConnectedConnection.via(api, fake);
        String first = connected.token().text("accessToken");

        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(connected.token().status()).isEqualTo(200);
        }

        assertThat(fake.refreshRequests()).as("token requests after Connect").isLessThanOrEqualTo(1);
        assertThat(connected.token().text("accessToken")).isEqualTo(first);
    }

    @Test
    void whenHalfOfAShortLifetimeHasPassedThenTheTokenCallRefreshesOnce() {
        fake.expiresIn(30);
        connected = ConnectedConnection.via(api, fake);
        String first = connected.token().text("accessToken");

        clock.advance(Duration.ofSeconds(16)); // 14 s left: less than half of 30 s
        String second = connected.token().text("accessToken");
        String third = connected.token().text("accessToken");

        assertThat(fake.refreshRequests()).isEqualTo(1);
        assertThat(second).isNotEqualTo(first).isEqualTo(third).isEqualTo(fake.onlyFamily().latestAccessToken());
    }
}

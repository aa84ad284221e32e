package dev.keyway.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.ConnectedConnection;
import dev.keyway.testing.FakeTokenServer;
import dev.keyway.testing.FakeTokenServer.TokenRequest;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.RefreshKeyway;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When the token path refreshes: an expired token (with exactly one token request, also against
 * mock-oauth2-server), one within the skew, a forced refresh; and when it does not: a token far from expiry,
 * one without expiry, an expired one without a refresh token (needs reconnect, no request).
 * Time moves with a {@link MutableClock}; every test connects its own connection to its own token server
 * ({@link RefreshKeyway}: one Keyway for the class, no token in any log line).
 */
class RefreshTimingTest {
    private static final Duration TWO_HOURS = Duration.ofHours(2);

    @RegisterExtension
    static final RefreshKeyway keyway = new RefreshKeyway();
    static final MutableClock clock = keyway.clock();
    final Api api = keyway.api();
    final FakeTokenServer fake = keyway.fake();

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
}

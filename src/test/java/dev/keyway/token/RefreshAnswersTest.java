package dev.keyway.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.ConnectedConnection;
import dev.keyway.testing.FakeTokenServer;
import dev.keyway.testing.FakeTokenServer.Family;
import dev.keyway.testing.FakeTokenServer.Reply;
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
 * What Keyway keeps from a refresh answer: each rotated refresh token in turn (the family survives), the old
 * refresh token when the answer has none, and tolerant answers (string expires_in, no token_type).
 * Time moves with a {@link MutableClock}; every test connects its own connection to its own token server
 * ({@link RefreshKeyway}: one Keyway for the class, no token in any log line).
 */
class RefreshAnswersTest {
    private static final Duration TWO_HOURS = Duration.ofHours(2);

    @RegisterExtension
    static final RefreshKeyway keyway = new RefreshKeyway();
    static final MutableClock clock = keyway.clock();
    final Api api = keyway.api();
    final FakeTokenServer fake = keyway.fake();

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
}

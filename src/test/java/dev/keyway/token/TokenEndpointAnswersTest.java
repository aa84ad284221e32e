package dev.keyway.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.ConnectedConnection;
import dev.keyway.testing.FakeTokenServer;
import dev.keyway.testing.FakeTokenServer.Reply;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.RefreshKeyway;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the token endpoint's headers say about the next attempt: a {@code Retry-After} (seconds or an HTTP date)
 * postpones it beyond the backoff, and a redirect (never followed) means the token URL is wrong.
 */
class TokenEndpointAnswersTest {
    private static final Duration TWO_HOURS = Duration.ofHours(2);

    @RegisterExtension
    static final RefreshKeyway keyway = new RefreshKeyway();
    static final MutableClock clock = keyway.clock();
    final Api api = keyway.api();
    final FakeTokenServer fake = keyway.fake();

    @Test
    void whenTheTokenEndpointAnswers429WithRetryAfterSecondsThenNoRequestIsSentBeforeThatTime() {
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        fake.script(Reply.json(429, "{\"error\":\"rate_limit_exceeded\"}").header("Retry-After", "900"));

        clock.advance(TWO_HOURS);
        Api.Answer token = c.token();

        assertThat(token.status()).isEqualTo(503);
        assertThat(token.text("code")).isEqualTo("refresh_failing");
        assertThat(retryAfter(token)).isBetween(899L, 900L);
        Instant nextAttempt = nextAttempt(c);
        assertThat(nextAttempt).as("stored in microseconds")
                .isAfterOrEqualTo(clock.instant().plusSeconds(900).truncatedTo(ChronoUnit.MILLIS));

        clock.advance(Duration.ofMinutes(5));
        Api.Answer later = c.token();

        assertThat(later.status()).isEqualTo(503);
        assertThat(later.text("code")).isEqualTo("refresh_failing");
        assertThat(retryAfter(later)).isBetween(599L, 600L);
        assertThat(fake.refreshRequests()).as("nothing sent within the server's Retry-After").isEqualTo(1);
    }

    @Test
    void whenTheTokenEndpointAnswers503WithRetryAfterAsAnHttpDateThenTheNextAttemptIsAtThatDate() {
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        clock.advance(TWO_HOURS);
        Instant at = clock.instant().plus(Duration.ofMinutes(20));
        fake.script(Reply.error(503, "temporarily_unavailable")
                .header("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC))));

        assertThat(c.token().status()).isEqualTo(503);

        assertThat(nextAttempt(c)).isBetween(at.minusSeconds(1), at.plusSeconds(1));
        assertThat(fake.refreshRequests()).isEqualTo(1);
    }

    @Test
    void whenTheTokenEndpointAsksForADayThenTheNextAttemptIsAtMostSixHoursAway() {
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        fake.script(Reply.json(429, "{}").header("Retry-After", "86400"));

        clock.advance(TWO_HOURS);
        assertThat(c.token().status()).isEqualTo(503);

        Instant sixHours = clock.instant().plus(Duration.ofHours(6));
        assertThat(nextAttempt(c)).isBetween(sixHours.minusSeconds(1), sixHours.plusMillis(1));
    }

    @Test
    void whenTheTokenUrlRedirectsThenTheConnectionNeedsReconnectAndSaysWhereToWithoutTheQuery() {
        ConnectedConnection c = ConnectedConnection.via(api, fake);
        fake.script(new Reply(302, null, "", Map.of(
                "Location", "https://login.moved.example:8443/oauth/token?tenant=secret-tenant-42")));

        clock.advance(TWO_HOURS);
        Api.Answer token = c.token();

        assertThat(token.status()).isEqualTo(409);
        assertThat(token.text("code")).isEqualTo("needs_reconnect");
        String lastError = c.read().text("lastError");
        assertThat(lastError).contains("302").contains("token URL redirects")
                .contains("https://login.moved.example:8443").doesNotContain("secret-tenant-42").doesNotContain("/oauth/token");
        assertThat(c.status()).isEqualTo("needs_reconnect");
        assertThat(fake.refreshRequests()).isEqualTo(1);
        keyway.assertNoTokenIn(c);
    }

    private static long retryAfter(Api.Answer a) {
        return Long.parseLong(a.raw().headers().firstValue("Retry-After").orElseThrow());
    }

    private static Instant nextAttempt(ConnectedConnection c) {
        return Instant.parse(c.read().json().get("grant").get("nextAttemptAt").asText());
    }

    @Test
    void whenBasicAuthenticationIsRefusedAndTheSecretHasCharactersBasicEncodesThenTheErrorSuggestsThePostForm() {
        ConnectedConnection c = ConnectedConnection.via(api, fake, java.util.Map.of("clientSecret", "s3cr+t/with=signs",
                "clientAuthentication", "client_secret_basic"));
        fake.script(Reply.error(401, "invalid_client"));

        clock.advance(TWO_HOURS);
        c.token();

        assertThat(c.status()).isEqualTo("needs_reconnect");
        assertThat(c.read().text("lastError")).contains("invalid_client").contains("try clientAuthentication client_secret_post")
                .doesNotContain("s3cr");
    }

    @Test
    void whenTheSecretIsTheSameEncodedOrNotThenInvalidClientSaysNothingAboutEncoding() {
        ConnectedConnection c = ConnectedConnection.via(api, fake, java.util.Map.of("clientSecret", "plain-secret_123",
                "clientAuthentication", "client_secret_basic"));
        fake.script(Reply.error(401, "invalid_client"));

        clock.advance(TWO_HOURS);
        c.token();

        assertThat(c.read().text("lastError")).contains("invalid_client").doesNotContain("client_secret_post");
    }
}

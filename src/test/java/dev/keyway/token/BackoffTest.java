package dev.keyway.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void whenTheServerAsksForLessThanTheBackoffThenTheBackoffWins() {
        assertThat(Backoff.after(3, Duration.ofSeconds(5))).isBetween(Duration.ofSeconds(192), Duration.ofSeconds(288));
        assertThat(Backoff.after(0, null)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
    }

    @Test
    void whenTheServerAsksForMoreThenItsRetryAfterWinsUpToSixHours() {
        assertThat(Backoff.after(0, Duration.ofMinutes(15))).isEqualTo(Duration.ofMinutes(15));
        assertThat(Backoff.after(20, Duration.ofHours(5))).isEqualTo(Duration.ofHours(5));
        assertThat(Backoff.after(0, Duration.ofDays(2))).isEqualTo(Duration.ofHours(6));
    }
}

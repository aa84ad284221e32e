package dev.keyway.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Slows down password guessing: after {@link #LIMIT} failed sign-ins for one email from one address
 * within {@link #WINDOW}, that pair is refused for {@link #LOCK}, even with the right password.
 * In memory (per instance, bounded): a guesser spread over instances gets at most LIMIT × instances tries.
 */
public final class SignInThrottle {
    public static final int LIMIT = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration LOCK = Duration.ofMinutes(15);

    private record Failures(int count, Instant first, Instant lockedUntil) { }

    private final Clock clock;
    private final Cache<String, Failures> failures = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(WINDOW.plus(LOCK)).build();

    public SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this pair must still wait; empty when it may try. */
    public Optional<Duration> blocked(String email, String address) {
        Failures f = failures.getIfPresent(key(email, address));
        Instant now = clock.instant();
        if (f == null || f.lockedUntil() == null || !now.isBefore(f.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, f.lockedUntil()));
    }

    public void failed(String email, String address) {
        Instant now = clock.instant();
        failures.asMap().compute(key(email, address), (k, f) -> {
            if (f == null || !now.isBefore(f.first().plus(WINDOW)) || (f.lockedUntil() != null && !now.isBefore(f.lockedUntil()))) {
                return new Failures(1, now, null);
            }
            int count = f.count() + 1;
            return new Failures(count, f.first(), count >= LIMIT ? now.plus(LOCK) : null);
        });
    }

    public void succeeded(String email, String address) {
        failures.invalidate(key(email, address));
    }

    private static String key(String email, String address) {
        return Users.normalize(email) + "|" + address;
    }
}

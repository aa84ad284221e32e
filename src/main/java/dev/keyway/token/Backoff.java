package dev.keyway.token;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failing refresh is tried again: exponential backoff with jitter (30 s, 1 min, 2 min … at most 1 h, ±20 %),
 * or later when the token endpoint asked for more with {@code Retry-After}, but never more than 6 h away.
 */
final class Backoff {
    /** The longest wait a server's {@code Retry-After} gets: a grant must not stay untried for a day. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(6);

    private Backoff() {
    }

    static Duration after(int failures) {
        long base = 30L << Math.min(Math.max(failures, 0), 7);
        long capped = Math.min(base, 3600);
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (capped * 1000 * jitter));
    }

    /** {@code max(backoff, retryAfter)}, capped at {@link #MAX_RETRY_AFTER}; {@code retryAfter} null: the backoff. */
    static Duration after(int failures, Duration retryAfter) {
        Duration backoff = after(failures);
        if (retryAfter == null || retryAfter.compareTo(backoff) <= 0) {
            return backoff;
        }
        return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
    }
}

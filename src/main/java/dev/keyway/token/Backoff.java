package dev.keyway.token;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter for failing refreshes: 30 s, 1 min, 2 min … at most 1 h, ±20 %. */
final class Backoff {
    private Backoff() {
    }

    static Duration after(int failures) {
        long base = 30L << Math.min(Math.max(failures, 0), 7);
        long capped = Math.min(base, 3600);
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (capped * 1000 * jitter));
    }
}

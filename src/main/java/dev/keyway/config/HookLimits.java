package dev.keyway.config;

import java.time.Duration;
import java.util.Map;

/**
 * How hooks deliver (README "Action hooks"): attempts and age before a batch is dead, the lease an
 * instance holds on a batch it sends (a killed instance's batch is sent again after it), the first
 * retry delay (doubled per attempt, at most an hour, ±20 % jitter), delivery loops per instance,
 * how often an idle loop looks for due work, and how long delivered batches and attempts are kept.
 */
public record HookLimits(int maxAttempts, Duration maxAge, Duration lease, Duration retryBase, int workers,
                         Duration pollEvery, Duration retention) {

    static HookLimits from(Map<String, String> env) {
        return new HookLimits(
                Integer.parseInt(env.getOrDefault("KEYWAY_HOOK_MAX_ATTEMPTS", "20")),
                Duration.ofHours(Long.parseLong(env.getOrDefault("KEYWAY_HOOK_MAX_AGE_HOURS", "72"))),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("KEYWAY_HOOK_LEASE_SECONDS", "120"))),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("KEYWAY_HOOK_RETRY_BASE_MILLIS", "10000"))),
                Integer.parseInt(env.getOrDefault("KEYWAY_HOOK_WORKERS", "16")),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("KEYWAY_HOOK_POLL_MILLIS", "250"))),
                Duration.ofDays(Long.parseLong(env.getOrDefault("KEYWAY_HOOK_RETENTION_DAYS", "7"))));
    }

    /** Time limit of one delivery request: within the lease, at most 30 s. */
    public Duration requestTimeout() {
        Duration half = lease.dividedBy(2);
        return half.compareTo(Duration.ofSeconds(30)) < 0 ? half : Duration.ofSeconds(30);
    }
}

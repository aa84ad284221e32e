package dev.keyway.egress;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Egress configuration, no logic.
 *
 * @param allowlist host names (exact, case-insensitive) and IP literals or CIDR ranges
 *     ({@code 127.0.0.0/8}, {@code ::1/128}) that are permitted although the guard would refuse them
 * @param maxRedirects how many redirects one request may follow
 * @param maxResponseBytes the largest response body accepted (after content decoding)
 * @param defaultTimeout the whole-call timeout of a request that sets none
 */
public record EgressPolicy(List<String> allowlist, int maxRedirects, long maxResponseBytes, Duration defaultTimeout) {

    public EgressPolicy {
        allowlist = List.copyOf(allowlist);
        Allowlist.parse(allowlist); // fail at configuration time, not at the first request
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must be >= 0");
        }
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be > 0");
        }
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
            throw new IllegalArgumentException("defaultTimeout must be positive");
        }
    }

    /** Empty allowlist, 5 redirects, 10 MiB, 30 s. */
    public static EgressPolicy defaults() {
        return new EgressPolicy(List.of(), 5, 10L * 1024 * 1024, Duration.ofSeconds(30));
    }

    public EgressPolicy withAllowlist(List<String> allowlist) {
        return new EgressPolicy(allowlist, maxRedirects, maxResponseBytes, defaultTimeout);
    }

    public EgressPolicy withMaxRedirects(int maxRedirects) {
        return new EgressPolicy(allowlist, maxRedirects, maxResponseBytes, defaultTimeout);
    }

    public EgressPolicy withMaxResponseBytes(long maxResponseBytes) {
        return new EgressPolicy(allowlist, maxRedirects, maxResponseBytes, defaultTimeout);
    }

    public EgressPolicy withDefaultTimeout(Duration defaultTimeout) {
        return new EgressPolicy(allowlist, maxRedirects, maxResponseBytes, defaultTimeout);
    }
}

package dev.keyway.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the external service granted a connection, decrypted. toString() never prints a token.
 * {@code version} grows by one with every write; it tells a waiting instance that another one refreshed.
 */
public record Grant(
        ConnectionId connection,
        String accessToken,
        String refreshToken,
        String tokenType,
        Instant expiresAt,
        List<String> scopes,
        Map<String, Object> extra,
        long version,
        Instant refreshedAt,
        int failures,
        Instant nextAttemptAt) {

    public boolean expiresBefore(Instant instant) {
        return expiresAt != null && expiresAt.isBefore(instant);
    }

    /**
     * {@code span} (a refresh margin or skew), but at most half this grant's lifetime (from {@code refreshedAt} to
     * {@code expiresAt}): a token that lives 300 s with a 300 s margin would otherwise be due as soon as it is issued.
     */
    public Duration atMostHalfLifetime(Duration span) {
        if (expiresAt == null || refreshedAt == null) {
            return span;
        }
        Duration half = Duration.between(refreshedAt, expiresAt).dividedBy(2);
        return half.isNegative() ? Duration.ZERO : half.compareTo(span) < 0 ? half : span;
    }

    /** When a refresh {@code span} before expiry (at most half the lifetime) begins; null: never (unknown expiry). */
    public Instant refreshFrom(Duration span) {
        return expiresAt == null ? null : expiresAt.minus(atMostHalfLifetime(span));
    }

    @Override
    public String toString() {
        return "Grant[" + connection + ", v" + version + ", " + tokenType + ", expiresAt=" + expiresAt
                + ", refreshToken=" + (refreshToken == null ? "none" : "set") + "]";
    }
}

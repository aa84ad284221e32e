package dev.keyway.connection;

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

    @Override
    public String toString() {
        return "Grant[" + connection + ", v" + version + ", " + tokenType + ", expiresAt=" + expiresAt
                + ", refreshToken=" + (refreshToken == null ? "none" : "set") + "]";
    }
}

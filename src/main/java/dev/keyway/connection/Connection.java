package dev.keyway.connection;

import dev.keyway.account.AccountId;
import java.time.Instant;

/** What an operator created. Holds no secret: only whether a client secret is set. */
public record Connection(
        ConnectionId id,
        AccountId account,
        String type,
        String name,
        String description,
        OAuth2Settings settings,
        boolean clientSecretSet,
        Status status,
        String lastError,
        Instant lastErrorAt,
        Instant connectedAt,
        Instant createdAt,
        Instant updatedAt) {
}

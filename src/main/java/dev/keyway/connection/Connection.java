package dev.keyway.connection;

import dev.keyway.account.AccountId;
import dev.keyway.problem.Problem;
import java.time.Instant;

/** What an operator created. Holds no secret: only whether its secret (client secret, password, token, header values) is set. */
public record Connection(
        ConnectionId id,
        AccountId account,
        String type,
        String name,
        String description,
        ConnectionSettings settings,
        boolean secretSet,
        Status status,
        String lastError,
        Instant lastErrorAt,
        Instant connectedAt,
        Instant createdAt,
        Instant updatedAt) {

    /** The OAuth2 settings, or a 400 for a connection of another type (Connect, tokens and refresh are OAuth2 only). */
    public OAuth2Settings oauth2() {
        if (settings instanceof OAuth2Settings s) {
            return s;
        }
        throw Problem.invalid("type", "not_oauth2", "this is a '" + type + "' connection: only OAuth2 connections connect and hold tokens");
    }
}

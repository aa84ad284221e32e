package dev.keyway.web.api;

import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionEvents;
import dev.keyway.connection.Grant;
import dev.keyway.connection.OAuth2Settings;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A connection as the API shows it: every setting, whether a secret is set, never a secret. */
public record ConnectionView(
        String id, String type, String name, String description, String clientId, boolean clientSecretSet,
        String authorizationUrl, String tokenUrl, String revocationUrl, String issuer, List<String> scopes,
        String scopeSeparator, String clientAuthentication, boolean pkce, Map<String, String> authorizationParams,
        Map<String, String> tokenParams, String redirectUri, String status, String lastError, Instant lastErrorAt,
        Instant connectedAt, Instant createdAt, Instant updatedAt, GrantView grant, List<ConnectionEvents.Event> history) {

    /** What is known of the grant, without its tokens. */
    public record GrantView(Instant expiresAt, List<String> scopes, String tokenType, boolean refreshTokenSet,
                            Instant refreshedAt, int failures, Instant nextAttemptAt) {
        static GrantView of(Grant g) {
            return g == null ? null : new GrantView(g.expiresAt(), g.scopes(), g.tokenType(), g.refreshToken() != null,
                    g.refreshedAt(), g.failures(), g.nextAttemptAt());
        }
    }

    public static ConnectionView of(Connection c, URI redirectUri, Grant grant, List<ConnectionEvents.Event> history) {
        OAuth2Settings s = c.settings();
        return new ConnectionView(c.id().value(), c.type(), c.name(), c.description(), s.clientId(), c.clientSecretSet(),
                s.authorizationUrl().toString(), s.tokenUrl().toString(),
                s.revocationUrl() == null ? null : s.revocationUrl().toString(), s.issuer(), s.scopes(),
                s.scopeSeparator(), s.clientAuthentication().wireName(), s.pkce(), s.authorizationParams(),
                s.tokenParams(), redirectUri.toString(), c.status().wire(), c.lastError(), c.lastErrorAt(),
                c.connectedAt(), c.createdAt(), c.updatedAt(), GrantView.of(grant), history);
    }
}

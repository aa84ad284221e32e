package dev.keyway.web.admin;

import dev.keyway.account.Session;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionEvents;
import dev.keyway.connection.Grant;
import java.util.List;

/** A connection's page: where it stands, what was granted (never a token), its recent history. */
public record DetailView(Session session, Connection connection, Grant grant, List<ConnectionEvents.Event> history,
                         String redirectUri, String notice) {
    public String id() {
        return connection.id().value();
    }

    public String status() {
        return connection.status().wire();
    }

    public boolean connected() {
        return connection.status() != dev.keyway.connection.Status.NOT_CONNECTED;
    }

    /** The OAuth2 settings, or null for a connection of another type. */
    public dev.keyway.connection.OAuth2Settings oauth2() {
        return connection.settings() instanceof dev.keyway.connection.OAuth2Settings s ? s : null;
    }

    public String grantedScopes() {
        return grant == null || grant.scopes() == null || grant.scopes().isEmpty() ? "—" : String.join(" ", grant.scopes());
    }
}

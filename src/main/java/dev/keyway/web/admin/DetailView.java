package dev.keyway.web.admin;

import dev.keyway.account.Session;
import dev.keyway.connection.Access;
import dev.keyway.connection.BasicSettings;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionEvents;
import dev.keyway.connection.CustomSettings;
import dev.keyway.connection.Grant;
import dev.keyway.connection.TokenSettings;
import java.util.List;

/** A connection's page: where it stands, what was granted (never a token), its recent history. */
public record DetailView(Session session, Connection connection, Grant grant, List<ConnectionEvents.Event> history,
                         String redirectUri, String notice, List<dev.keyway.feed.FeedImport> failingImports) {
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

    /** A basic connection's username, else null. */
    public String username() {
        return connection.settings() instanceof BasicSettings b ? b.username() : null;
    }

    /** A custom connection's header names (never their values), else null. */
    public String headerNames() {
        return connection.settings() instanceof CustomSettings c ? String.join(", ", c.headerNames()) : null;
    }

    /** Where a token connection places its token, e.g. "header Authorization: Bearer …", else null. */
    public String placement() {
        if (!(connection.settings() instanceof TokenSettings t)) {
            return null;
        }
        Access.Placement p = t.access().placement();
        return p.inQuery() ? "query parameter " + p.name()
                : "header " + p.name() + ": " + (p.scheme() == null ? "" : p.scheme() + " ") + "<token>";
    }

    public String secretLabel() {
        return switch (connection.type()) {
            case "basic" -> "Password";
            case "token" -> "Token";
            case "custom" -> "Header values";
            default -> "Secret";
        };
    }
}

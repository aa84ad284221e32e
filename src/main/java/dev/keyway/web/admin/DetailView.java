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
                         String redirectUri, String notice, dev.keyway.connection.ConnectedAs connectedAs,
                         List<dev.keyway.feed.FeedImport> failingImports, KeyFacts keys) {

    /** Who the grant was made as (OpenID Connect): "name <email> (subject)", the parts that are known; null if unknown. */
    public String connectedAsText() {
        if (connectedAs == null || grant == null) {
            return null;
        }
        String who = connectedAs.name() == null ? "" : connectedAs.name() + " ";
        who += connectedAs.email() == null ? "" : "<" + connectedAs.email() + "> ";
        return who + "(" + connectedAs.subject() + ")";
    }

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

    /** The provider preset an OAuth2 connection was made from, with its variables, e.g. "zendesk (subdomain=acme)". */
    public String preset() {
        var s = oauth2();
        if (s == null || s.provider() == null) {
            return null;
        }
        return s.provider() + (s.variables().isEmpty() ? "" : " (" + new java.util.TreeMap<>(s.variables()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(", ")) + ")");
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

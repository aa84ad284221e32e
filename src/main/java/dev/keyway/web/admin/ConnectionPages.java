package dev.keyway.web.admin;

import dev.keyway.account.Session;
import dev.keyway.connect.ConnectFlow;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionEvents;
import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.ConnectionService;
import dev.keyway.connection.GrantRepository;
import dev.keyway.feed.FeedImportService;
import dev.keyway.problem.Problem;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.Map;

/** A connection's page and its actions: Connect/Reconnect, Disconnect, Delete (after a confirmation page). */
final class ConnectionPages {
    private static final Map<String, String> NOTICES = Map.of("saved", "Saved.", "connected", "Connected.",
            "disconnected", "Disconnected: the grant was revoked where the service allows it and dropped.",
            "rotated", "A new key pair signs from now on; the JWKS URL also publishes the previous public key until the next rotation.");

    private final ConnectionService service;
    private final GrantRepository grants;
    private final ConnectionEvents events;
    private final ConnectFlow flow;
    private final Pages pages;
    private final URI redirectUri;
    private final FeedImportService imports;
    private dev.keyway.connection.ConnectionKeys keys;
    private URI publicUrl;
    private com.fasterxml.jackson.databind.ObjectMapper json;

    ConnectionPages(ConnectionService service, GrantRepository grants, ConnectionEvents events, ConnectFlow flow,
                    Pages pages, URI redirectUri, FeedImportService imports) {
        this.imports = imports;
        this.service = service;
        this.grants = grants;
        this.events = events;
        this.flow = flow;
        this.pages = pages;
        this.redirectUri = redirectUri;
    }

    /** The page shows the connection's public keys (private_key_jwt, DPoP) and offers to rotate the client key. */
    void keys(dev.keyway.connection.ConnectionKeys keys, URI publicUrl, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.keys = keys;
        this.publicUrl = publicUrl;
        this.json = json;
    }

    /** A new private_key_jwt key pair (409 no_client_key without one). */
    void rotateKey(ServerRequest req, ServerResponse res, Session s, Form form) {
        Connection c = service.rotateKey(s.user().account(), id(req), s.user().email());
        Pages.redirect(res, "/admin/connections/" + c.id() + "?notice=rotated");
    }

    void show(ServerRequest req, ServerResponse res, Session s) {
        String notice = NOTICES.get(req.query().first("notice").orElse(req.query().first("status").orElse("")));
        pages.render(res, Status.OK_200, "connection", view(s, req, notice));
    }

    void confirmDelete(ServerRequest req, ServerResponse res, Session s) {
        pages.render(res, Status.OK_200, "delete", view(s, req, null));
    }

    /** Starts Connect with this page as the way back, then sends the browser to the one-time connect link. */
    void connect(ServerRequest req, ServerResponse res, Session s, Form form) {
        ConnectionId id = id(req);
        Connection c = service.get(s.user().account(), id);
        var started = flow.start(s.user().account(), id, "/admin/connections/" + id.value());
        // Not a redirect: Chromium applies the page's CSP form-action 'self' to every redirect after a form
        // post, so a 303 that ends at the service would be blocked. This page moves on by itself (meta refresh).
        pages.render(res, Status.OK_200, "connecting", new ConnectingView(s, c.name(), started.connectUrl().toString(),
                c.oauth2().authorizationUrl().getAuthority()));
    }

    void disconnect(ServerRequest req, ServerResponse res, Session s, Form form) {
        Connection c = service.disconnect(s.user().account(), id(req), s.user().email());
        Pages.redirect(res, "/admin/connections/" + c.id() + "?notice=disconnected");
    }

    void delete(ServerRequest req, ServerResponse res, Session s, Form form) {
        try {
            service.delete(s.user().account(), id(req), s.user().email());
        } catch (Problem p) {
            if (!"connection_in_use".equals(p.code())) {
                throw p;
            }
            pages.render(res, Status.CONFLICT_409, "error", new ErrorView(s, "Connection in use", p.getMessage()));
            return;
        }
        Pages.redirect(res, "/admin/connections?notice=deleted");
    }

    private DetailView view(Session s, ServerRequest req, String notice) {
        Connection c = service.get(s.user().account(), id(req));
        var g = grants.findListed(c.id());
        return new DetailView(s, c, g.map(GrantRepository.Listed::grant).orElse(null), events.recent(c.id(), 20),
                redirectUri.toString(), notice, g.flatMap(GrantRepository.Listed::connectedAs).orElse(null),
                imports.failingWith(s.user().account(), c.id()), KeyFacts.of(c, keys, publicUrl, json));
    }

    static ConnectionId id(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        if (id == null || id.length() > 40) {
            throw Problem.notFound("connection");
        }
        return new ConnectionId(id);
    }
}

package dev.keyway.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.account.AccountId;
import dev.keyway.connect.ConnectFlow;
import dev.keyway.connection.ConnectedAs;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionEvents;
import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.ConnectionKeys;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.connection.ConnectionService;
import dev.keyway.connection.Grant;
import dev.keyway.connection.GrantRepository;
import dev.keyway.feed.FeedImportService;
import dev.keyway.problem.Problem;
import dev.keyway.web.Http;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** /api/v1/connections: create, list, read, edit, delete, connect. */
public final class ConnectionsApi {
    private static final String ACTOR = "api";

    private final ConnectionService service;
    private final GrantRepository grants;
    private final ConnectionEvents events;
    private final ConnectFlow connect;
    private final Http http;
    private final URI redirectUri;
    private ConnectionKeys keys;
    private URI publicUrl;
    private final FeedImportService imports;

    public ConnectionsApi(ConnectionService service, GrantRepository grants, ConnectionEvents events, ConnectFlow connect,
                          Http http, URI redirectUri, FeedImportService imports) {
        this.imports = imports;
        this.service = service;
        this.grants = grants;
        this.events = events;
        this.connect = connect;
        this.http = http;
        this.redirectUri = redirectUri;
    }

    public void create(ServerRequest req, ServerResponse res, AccountId account) {
        Connection c = service.create(account, http.object(req), ACTOR);
        res.header(HeaderNames.LOCATION, "/api/v1/connections/" + c.id());
        http.send(res, Status.CREATED_201, view(c, true));
    }

    /** Three queries whatever the number of connections: connections, grants, public keys. */
    public void list(ServerRequest req, ServerResponse res, AccountId account) {
        Map<ConnectionId, GrantRepository.Listed> listed = grants.ofAccount(account);
        Map<ConnectionId, Map<ConnectionKeys.Purpose, ConnectionKeys.PublicKey>> publicKeys =
                keys == null ? Map.of() : keys.publicKeys(account);
        List<Map<String, Object>> items = service.list(account).stream().map(c -> {
            GrantRepository.Listed g = listed.get(c.id());
            Map<ConnectionKeys.Purpose, ConnectionKeys.PublicKey> k = publicKeys.getOrDefault(c.id(), Map.of());
            return view(c, g == null ? null : g.grant(), null, g == null || !c.type().equals("oauth2") ? null
                    : g.connectedAs().orElse(null), k.get(ConnectionKeys.Purpose.CLIENT_AUTH), k.get(ConnectionKeys.Purpose.DPOP));
        }).toList();
        http.ok(res, Map.of("items", items));
    }

    public void get(ServerRequest req, ServerResponse res, AccountId account) {
        http.ok(res, view(service.get(account, id(req)), true));
    }

    public void update(ServerRequest req, ServerResponse res, AccountId account) {
        ObjectNode patch = http.object(req);
        http.ok(res, view(service.update(account, id(req), patch, ACTOR), true));
    }

    public void delete(ServerRequest req, ServerResponse res, AccountId account) {
        service.delete(account, id(req), ACTOR);
        res.status(Status.NO_CONTENT_204).send();
    }

    public void connect(ServerRequest req, ServerResponse res, AccountId account) {
        ObjectNode body = http.object(req);
        var returnUrl = body.get("returnUrl");
        if (body.size() > (returnUrl == null ? 0 : 1)) {
            throw Problem.invalid(null, "unknown_field", "the only member accepted is returnUrl");
        }
        if (returnUrl != null && !returnUrl.isNull() && !returnUrl.isTextual()) {
            throw Problem.invalid("returnUrl", "invalid_type", "returnUrl must be a string");
        }
        var started = connect.start(account, id(req), returnUrl == null || returnUrl.isNull() ? null : returnUrl.textValue());
        http.send(res, Status.CREATED_201, Map.of("connectUrl", started.connectUrl().toString(),
                "expiresAt", started.expiresAt(), "redirectUri", redirectUri.toString()));
    }

    public void rotateKey(ServerRequest req, ServerResponse res, AccountId account) {
        http.ok(res, view(service.rotateKey(account, id(req), ACTOR), true));
    }

    static ConnectionId id(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        if (id.length() > 40) {
            throw Problem.notFound("connection");
        }
        return new ConnectionId(id);
    }

    /** Shows the public key and JWKS URL of connections that have a client-assertion key, and the DPoP key's. */
    public ConnectionsApi withKeys(ConnectionKeys keys, URI publicUrl) {
        this.keys = keys;
        this.publicUrl = publicUrl;
        return this;
    }

    private Map<String, Object> view(Connection c, boolean withHistory) {
        GrantRepository.Listed g = grants.findListed(c.id()).orElse(null);
        Map<String, Object> v = view(c, g == null ? null : g.grant(), withHistory ? events.recent(c.id(), 20) : null,
                g == null || !c.type().equals("oauth2") ? null : g.connectedAs().orElse(null),
                keys == null ? null : keys.publicKeyInUse(c, ConnectionKeys.Purpose.CLIENT_AUTH).orElse(null),
                keys == null ? null : keys.publicKeyInUse(c, ConnectionKeys.Purpose.DPOP).orElse(null));
        if (withHistory) {
            v.put("failingImports", imports.failingWith(c.account(), c.id()).stream().map(i -> Map.of("id", i.id().value(),
                    "name", i.name(), "failedAt", i.lastErrorAt(), "error", i.lastError())).toList());
        }
        return v;
    }

    private Map<String, Object> view(Connection c, Grant grant, List<ConnectionEvents.Event> history, ConnectedAs as,
                                     ConnectionKeys.PublicKey clientKey, ConnectionKeys.PublicKey dpopKey) {
        Map<String, Object> v = ConnectionView.of(c, redirectUri, grant, history, as);
        if (keys != null && c.settings() instanceof OAuth2Settings s) {
            ConnectionView.keys(v, s, clientKey, dpopKey, publicUrl);
        }
        return v;
    }
}

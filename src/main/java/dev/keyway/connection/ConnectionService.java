package dev.keyway.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.account.AccountId;
import dev.keyway.connection.ConnectionEvents.Kind;
import dev.keyway.connection.ConnectionRepository.SecretChange;
import dev.keyway.problem.Problem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Create, read, edit and delete connections, always within one account. */
public final class ConnectionService {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionService.class);

    /** Revokes a grant at the service before its connection is deleted (RFC 7009); best effort. */
    public interface Revoker {
        void revoke(Connection connection, Grant grant);
    }

    private final Jdbi jdbi;
    private final ConnectionRepository connections;
    private final GrantRepository grants;
    private final ConnectionEvents events;
    private final ConnectionValidator validator;
    private final ObjectMapper json;
    private final Clock clock;
    private final Revoker revoker;
    private final Consumer<ConnectionId> changed;

    public ConnectionService(Jdbi jdbi, ConnectionRepository connections, GrantRepository grants, ConnectionEvents events,
                             ConnectionValidator validator, ObjectMapper json, Clock clock, Revoker revoker,
                             Consumer<ConnectionId> changed) {
        this.jdbi = jdbi;
        this.connections = connections;
        this.grants = grants;
        this.events = events;
        this.validator = validator;
        this.json = json;
        this.clock = clock;
        this.revoker = revoker;
        this.changed = changed;
    }

    public Connection create(AccountId account, ObjectNode body, String actor) {
        SecretChange secret = secretChange(body);
        var valid = validator.validate(body, secret instanceof SecretChange.Replace);
        Instant now = clock.instant();
        Connection c = new Connection(ConnectionId.random(), account, "oauth2", valid.name(), valid.description(),
                valid.settings(), secret instanceof SecretChange.Replace, Status.NOT_CONNECTED, null, null, null, now, now);
        String value = secret instanceof SecretChange.Replace(String v) ? v : null;
        inTransaction(c, () -> jdbi.useTransaction(h -> {
            if (connections.nameTaken(h, account, c.name(), c.id())) {
                throw nameTaken();
            }
            connections.insert(h, c, value);
            events.record(h, c.id(), Kind.CREATED, "created", actor);
        }));
        return c;
    }

    public Connection update(AccountId account, ConnectionId id, ObjectNode patch, String actor) {
        Connection before = get(account, id);
        SecretChange secret = secretChange(patch);
        ObjectNode merged = editable(before);
        merged.setAll(patch);
        boolean secretSet = secret instanceof SecretChange.Replace || (secret instanceof SecretChange.Keep && before.clientSecretSet());
        var valid = validator.validate(merged, secretSet);
        boolean reconnect = before.status() != Status.NOT_CONNECTED && valid.settings().needsReconnectAfter(before.settings());
        Connection after = new Connection(id, account, before.type(), valid.name(), valid.description(), valid.settings(),
                secretSet, reconnect ? Status.NEEDS_RECONNECT : before.status(), before.lastError(), before.lastErrorAt(),
                before.connectedAt(), before.createdAt(), clock.instant());
        List<String> fields = changedFields(before, after, secret);
        inTransaction(after, () -> jdbi.useTransaction(h -> {
            if (connections.nameTaken(h, account, after.name(), id)) {
                throw nameTaken();
            }
            connections.update(h, after, secret);
            if (reconnect) {
                connections.setStatus(h, id, Status.NEEDS_RECONNECT,
                        "settings changed (" + String.join(", ", fields) + "): connect again", clock.instant());
            }
            events.record(h, id, Kind.EDITED, fields.isEmpty() ? "no change" : "changed " + String.join(", ", fields), actor);
        }));
        changed.accept(id);
        return get(account, id);
    }

    public Connection get(AccountId account, ConnectionId id) {
        return connections.find(account, id).orElseThrow(() -> Problem.notFound("connection"));
    }

    public List<Connection> list(AccountId account) {
        return connections.list(account);
    }

    /** Revokes the refresh token (or access token) where a revocation URL is set, then deletes everything. */
    public void delete(AccountId account, ConnectionId id, String actor) {
        Connection c = get(account, id);
        grants.find(id).ifPresent(g -> {
            if (c.settings().revocationUrl() != null) {
                try {
                    revoker.revoke(c, g);
                } catch (RuntimeException e) {
                    LOG.warn("revocation for connection {} failed, deleting anyway: {}", id, e.getMessage());
                }
            }
        });
        jdbi.useTransaction(h -> connections.delete(h, id));
        changed.accept(id);
        LOG.info("connection {} deleted by {}", id, actor);
    }

    /**
     * Ends the grant: revokes it at the service where a revocation URL is set (best effort: a failure is
     * recorded, the grant is dropped all the same), deletes it, and sets the connection to not_connected.
     */
    public Connection disconnect(AccountId account, ConnectionId id, String actor) {
        Connection c = get(account, id);
        String revocation = grants.find(id).filter(g -> c.settings().revocationUrl() != null).map(g -> {
            try {
                revoker.revoke(c, g);
                return " (revoked)";
            } catch (RuntimeException e) {
                LOG.warn("revocation for connection {} failed, disconnecting anyway: {}", id, e.getMessage());
                return " (revocation failed: " + e.getMessage() + ")";
            }
        }).orElse("");
        jdbi.useTransaction(h -> {
            grants.delete(h, id);
            connections.setStatus(h, id, Status.NOT_CONNECTED, null, clock.instant());
            events.record(h, id, Kind.DISCONNECTED, "disconnected" + revocation, actor);
        });
        changed.accept(id);
        return get(account, id);
    }

    private ObjectNode editable(Connection c) {
        ObjectNode n = json.createObjectNode();
        OAuth2Settings s = c.settings();
        n.put("type", c.type()).put("name", c.name()).put("description", c.description())
                .put("clientId", s.clientId()).put("authorizationUrl", s.authorizationUrl().toString())
                .put("tokenUrl", s.tokenUrl().toString())
                .put("revocationUrl", s.revocationUrl() == null ? null : s.revocationUrl().toString())
                .put("issuer", s.issuer()).put("scopeSeparator", s.scopeSeparator())
                .put("clientAuthentication", s.clientAuthentication().wireName()).put("pkce", s.pkce());
        n.set("scopes", json.valueToTree(s.scopes()));
        n.set("authorizationParams", json.valueToTree(s.authorizationParams()));
        n.set("tokenParams", json.valueToTree(s.tokenParams()));
        return n;
    }

    private static List<String> changedFields(Connection a, Connection b, SecretChange secret) {
        List<String> out = new ArrayList<>();
        if (!a.name().equals(b.name())) out.add("name");
        if (!a.description().equals(b.description())) out.add("description");
        OAuth2Settings x = a.settings();
        OAuth2Settings y = b.settings();
        if (!x.clientId().equals(y.clientId())) out.add("clientId");
        if (!x.authorizationUrl().equals(y.authorizationUrl())) out.add("authorizationUrl");
        if (!x.tokenUrl().equals(y.tokenUrl())) out.add("tokenUrl");
        if (!java.util.Objects.equals(x.revocationUrl(), y.revocationUrl())) out.add("revocationUrl");
        if (!java.util.Objects.equals(x.issuer(), y.issuer())) out.add("issuer");
        if (!x.scopes().equals(y.scopes())) out.add("scopes");
        if (!x.scopeSeparator().equals(y.scopeSeparator())) out.add("scopeSeparator");
        if (x.clientAuthentication() != y.clientAuthentication()) out.add("clientAuthentication");
        if (x.pkce() != y.pkce()) out.add("pkce");
        if (!x.authorizationParams().equals(y.authorizationParams())) out.add("authorizationParams");
        if (!x.tokenParams().equals(y.tokenParams())) out.add("tokenParams");
        if (!(secret instanceof SecretChange.Keep)) out.add("clientSecret");
        return out;
    }

    /** Reads and removes the write-only secret from a body: absent keeps, null or "" removes, text replaces. */
    private static SecretChange secretChange(ObjectNode body) {
        JsonNode n = body.remove("clientSecret");
        if (n == null) {
            return new SecretChange.Keep();
        }
        if (n.isNull() || (n.isTextual() && n.textValue().isEmpty())) {
            return new SecretChange.Remove();
        }
        if (!n.isTextual() || n.textValue().length() > 2000) {
            throw Problem.invalid("clientSecret", "invalid_type", "clientSecret must be a string of at most 2000 characters");
        }
        return new SecretChange.Replace(n.textValue());
    }

    private static void inTransaction(Connection c, Runnable work) {
        try {
            work.run();
        } catch (UnableToExecuteStatementException e) {
            if (String.valueOf(e.getMessage()).toLowerCase().contains("connections_name_unique")) {
                throw nameTaken();
            }
            throw e;
        }
    }

    private static Problem nameTaken() {
        return Problem.conflict("name", "name_taken", "another connection of this account has this name");
    }
}

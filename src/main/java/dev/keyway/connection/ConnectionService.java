package dev.keyway.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.account.AccountId;
import dev.keyway.connection.ConnectionEvents.Kind;
import dev.keyway.connection.ConnectionRepository.SecretChange;
import dev.keyway.oauth.ClientAuth;
import dev.keyway.problem.Problem;
import java.time.Clock;
import java.time.Instant;
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
    private final List<ConnectionUsers> users = new java.util.concurrent.CopyOnWriteArrayList<>();

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
        String type = ConnectionValidator.type(body);
        SecretChange secret = Secrets.extract(type, body, json);
        String value = secret instanceof SecretChange.Replace(String v) ? v : null;
        var valid = validator.validate(body, value != null, value != null && type.equals("custom")
                ? Secrets.headerNames(value, json) : List.of());
        checkSecretFits(valid.settings(), () -> value);
        Instant now = clock.instant();
        // a connection of a static type holds its credential from the start; OAuth2 needs Connect, or (client
        // credentials) its first token, fetched on demand
        Status status = type.equals("oauth2") ? Status.NOT_CONNECTED : Status.CONNECTED;
        Connection c = new Connection(ConnectionId.random(), account, type, valid.name(), valid.description(),
                valid.settings(), value != null, status, null, null, status == Status.CONNECTED ? now : null, now, now);
        inTransaction(() -> jdbi.useTransaction(h -> {
            if (connections.nameTaken(h, account, c.name(), c.id())) {
                throw nameTaken();
            }
            connections.insert(h, c, value);
            if (c.settings() instanceof OAuth2Settings s) {
                connections.keys().ensure(h, c.id(), s, now);
            }
            events.record(h, c.id(), Kind.CREATED, "created", actor);
        }));
        return c;
    }

    public Connection update(AccountId account, ConnectionId id, ObjectNode patch, String actor) {
        Connection before = get(account, id);
        if (patch.has("type") && !before.type().equals(ConnectionValidator.type(patch))) {
            throw Problem.invalid("type", "type_immutable", "the type of a connection cannot change");
        }
        SecretChange secret = Secrets.extract(before.type(), patch, json);
        ObjectNode merged = Editable.of(before, json);
        validator.rebase(merged, Editable.of(before, json), patch);
        merged.setAll(patch);
        boolean secretSet = secret instanceof SecretChange.Replace || (secret instanceof SecretChange.Keep && before.secretSet());
        List<String> headerNames = secret instanceof SecretChange.Replace(String v) && before.type().equals("custom")
                ? Secrets.headerNames(v, json)
                : before.settings() instanceof CustomSettings cs ? cs.headerNames() : List.of();
        var valid = validator.validate(merged, secretSet, headerNames);
        checkSecretFits(valid.settings(), () -> secret instanceof SecretChange.Replace(String v) ? v
                : secret instanceof SecretChange.Keep ? connections.secret(id) : null);
        boolean changedGrant = before.status() != Status.NOT_CONNECTED && valid.settings() instanceof OAuth2Settings now
                && now.needsReconnectAfter((OAuth2Settings) before.settings());
        // without a Connect step there is nothing to reconnect: an edit of what the token depends on (or of a refused
        // client) drops the grant, and the next token is requested with the new settings
        boolean renew = valid.settings() instanceof OAuth2Settings now && !now.grantType().connectStep()
                && (changedGrant || !(secret instanceof SecretChange.Keep) || before.status() == Status.NEEDS_RECONNECT);
        boolean reconnect = changedGrant && !renew;
        Connection after = new Connection(id, account, before.type(), valid.name(), valid.description(), valid.settings(),
                secretSet, renew ? Status.NOT_CONNECTED : reconnect ? Status.NEEDS_RECONNECT : before.status(),
                before.lastError(), before.lastErrorAt(),
                before.connectedAt(), before.createdAt(), clock.instant());
        List<String> fields = Editable.changed(Editable.of(before, json), Editable.of(after, json), secret, Secrets.member(before.type()));
        inTransaction(() -> jdbi.useTransaction(h -> {
            if (connections.nameTaken(h, account, after.name(), id)) {
                throw nameTaken();
            }
            connections.update(h, after, secret);
            if (after.settings() instanceof OAuth2Settings s) {
                connections.keys().ensure(h, id, s, clock.instant());
            }
            if (reconnect) {
                connections.setStatus(h, id, Status.NEEDS_RECONNECT,
                        "settings changed (" + String.join(", ", fields) + "): connect again", clock.instant());
            }
            if (renew) {
                grants.delete(h, id);
                connections.setStatus(h, id, Status.NOT_CONNECTED, null, clock.instant());
            }
            events.record(h, id, Kind.EDITED, fields.isEmpty() ? "no change" : "changed " + String.join(", ", fields), actor);
        }));
        changed.accept(id);
        return get(account, id);
    }

    /** A new private_key_jwt key pair (the JWKS URL also keeps the previous public key); 409 without one. */
    public Connection rotateKey(AccountId account, ConnectionId id, String actor) {
        Connection c = get(account, id);
        if (!(c.settings() instanceof OAuth2Settings s) || s.clientAuthentication() != ClientAuth.PRIVATE_KEY_JWT) {
            throw Problem.conflict(null, "no_client_key", "only a private_key_jwt connection has a key pair to rotate");
        }
        jdbi.useTransaction(h -> {
            connections.keys().rotate(h, id, s.keyAlgorithm(), clock.instant());
            events.record(h, id, Kind.EDITED, "client key pair rotated", actor);
        });
        changed.accept(id);
        return get(account, id);
    }

    public Connection get(AccountId account, ConnectionId id) {
        return connections.find(account, id).orElseThrow(() -> Problem.notFound("connection"));
    }

    public List<Connection> list(AccountId account) {
        return connections.list(account);
    }

    /** Adds what may use connections: their deletion is refused while it does. Wiring only. */
    public ConnectionService usedBy(ConnectionUsers user) {
        users.add(user);
        return this;
    }

    /**
     * Revokes the refresh token (or access token) where a revocation URL is set, then deletes everything. Refused
     * with 409 {@code connection_in_use} while an import or a hook uses the connection (see {@link ConnectionUsers}).
     */
    public void delete(AccountId account, ConnectionId id, String actor) {
        Connection c = get(account, id);
        List<String> using = users.stream().flatMap(u -> u.using(account, id).stream()).toList();
        if (!using.isEmpty()) {
            throw Problem.conflict(null, "connection_in_use", "the connection is used by " + String.join(", ",
                    using.stream().limit(10).toList()) + (using.size() > 10 ? " and " + (using.size() - 10) + " more" : "")
                    + "; delete them or give them another connection first");
        }
        grants.find(id).ifPresent(g -> {
            if (c.settings() instanceof OAuth2Settings s && s.revocationUrl() != null) {
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
        String revocation = grants.find(id).filter(g -> c.settings() instanceof OAuth2Settings s && s.revocationUrl() != null).map(g -> {
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

    /** client_secret_jwt signs with the secret: HS256 needs one of at least 32 bytes. */
    private static void checkSecretFits(ConnectionSettings settings, java.util.function.Supplier<String> secret) {
        if (settings instanceof OAuth2Settings s && s.clientAuthentication() == ClientAuth.CLIENT_SECRET_JWT
                && !ClientAuth.CLIENT_SECRET_JWT.acceptsSecret(secret.get())) {
            throw Problem.invalid("clientSecret", "client_secret_too_short", "client_secret_jwt signs with the client "
                    + "secret (HS256): it must be at least " + ClientAuth.MIN_JWT_SECRET_BYTES + " bytes long");
        }
    }

    private static void inTransaction(Runnable work) {
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

package dev.keyway.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.account.AccountId;
import dev.keyway.crypto.SecretBox;
import dev.keyway.store.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Connections in the database. Every read by account filters on the account: no cross-account row leaves here. */
public final class ConnectionRepository {
    private static final String COLUMNS = "id, account_id, type, name, description, settings, client_secret is not null as secret_set, "
            + "status, last_error, last_error_at, connected_at, created_at, updated_at";

    private final Jdbi jdbi;
    private final SecretBox box;
    private final ObjectMapper json;
    private final ConnectionKeys keys;

    public ConnectionRepository(Jdbi jdbi, SecretBox box, ObjectMapper json, ConnectionKeys keys) {
        this.jdbi = jdbi;
        this.box = box;
        this.json = json;
        this.keys = keys;
    }

    /** With its own {@link ConnectionKeys} (tests, tools). */
    public ConnectionRepository(Jdbi jdbi, SecretBox box, ObjectMapper json) {
        this(jdbi, box, json, new ConnectionKeys(jdbi, box));
    }

    /** The connections' key pairs (private_key_jwt, DPoP). */
    public ConnectionKeys keys() {
        return keys;
    }

    public void insert(Handle h, Connection c, String clientSecret) {
        h.createUpdate("insert into connections (id, account_id, type, name, description, settings, client_secret, "
                        + "status, created_at, updated_at) values (:id, :account, :type, :name, :description, "
                        + ":settings, :secret, :status, :at, :at)")
                .bind("id", c.id().value()).bind("account", c.account().value()).bind("type", c.type())
                .bind("name", c.name()).bind("description", c.description()).bind("settings", write(c.settings()))
                .bindByType("secret", seal(c.id(), clientSecret), byte[].class).bind("status", c.status().wire())
                .bind("at", c.createdAt()).execute();
    }

    /**
     * Writes name, description and settings; the client secret only when {@code secret} says so. Not the
     * status: a refresh may have changed it since {@code c} was read ({@link #setStatus} changes it).
     */
    public void update(Handle h, Connection c, SecretChange secret) {
        h.createUpdate("update connections set name = :name, description = :description, settings = :settings, "
                        + "updated_at = :at where id = :id")
                .bind("id", c.id().value()).bind("name", c.name()).bind("description", c.description())
                .bind("settings", write(c.settings())).bind("at", c.updatedAt())
                .execute();
        if (!(secret instanceof SecretChange.Keep)) {
            String value = secret instanceof SecretChange.Replace(String v) ? v : null;
            h.createUpdate("update connections set client_secret = :secret where id = :id")
                    .bind("id", c.id().value()).bindByType("secret", seal(c.id(), value), byte[].class).execute();
        }
    }

    /** Sets the status; an error (sanitized by the caller) also becomes the last error. */
    public void setStatus(Handle h, ConnectionId id, Status status, String error, Instant at) {
        if (error == null) {
            h.createUpdate("update connections set status = :status where id = :id")
                    .bind("id", id.value()).bind("status", status.wire()).execute();
            return;
        }
        h.createUpdate("update connections set status = :status, last_error = :error, last_error_at = :at where id = :id")
                .bind("id", id.value()).bind("status", status.wire()).bind("error", truncate(error)).bind("at", at)
                .execute();
    }

    /**
     * Sets the status a refresh ends with (connected or refresh_failing) unless the connection meanwhile left
     * those two (an edit marked it needs_reconnect, or it was disconnected): that verdict stands. True when set.
     */
    public boolean setRefreshStatus(Handle h, ConnectionId id, Status status, String error, Instant at) {
        String where = " where id = :id and status in ('connected', 'refresh_failing')";
        var update = error == null
                ? h.createUpdate("update connections set status = :status" + where)
                : h.createUpdate("update connections set status = :status, last_error = :error, last_error_at = :at" + where)
                        .bind("error", truncate(error)).bind("at", at);
        return update.bind("id", id.value()).bind("status", status.wire()).execute() == 1;
    }

    /** Locks the connection's row until the transaction ends (orders first tokens, when no grant row exists yet). */
    public void lock(Handle h, ConnectionId id) {
        h.createQuery("select id from connections where id = :id for update").bind("id", id.value())
                .mapTo(String.class).findOne();
    }

    public void markConnected(Handle h, ConnectionId id, Instant at) {
        h.createUpdate("update connections set status = :status, last_error = null, last_error_at = null, "
                        + "connected_at = :at where id = :id")
                .bind("id", id.value()).bind("status", Status.CONNECTED.wire()).bind("at", at).execute();
    }

    public Optional<Connection> find(AccountId account, ConnectionId id) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from connections where id = :id and account_id = :account")
                .bind("id", id.value()).bind("account", account.value()).map((rs, ctx) -> read(rs)).findOne());
    }

    /** For flows that start from an id Keyway issued itself (callback, refresh job): no account filter. */
    public Optional<Connection> findAny(ConnectionId id) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from connections where id = :id")
                .bind("id", id.value()).map((rs, ctx) -> read(rs)).findOne());
    }

    /** {@link #findAny(ConnectionId)} inside a transaction (e.g. after locking the grant row). */
    public Optional<Connection> findAny(Handle h, ConnectionId id) {
        return h.createQuery("select " + COLUMNS + " from connections where id = :id")
                .bind("id", id.value()).map((rs, ctx) -> read(rs)).findOne();
    }

    public List<Connection> list(AccountId account) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from connections where account_id = :account order by created_at, id")
                .bind("account", account.value()).map((rs, ctx) -> read(rs)).list());
    }

    public boolean nameTaken(Handle h, AccountId account, String name, ConnectionId except) {
        return h.createQuery("select count(*) from connections where account_id = :account and name = :name and id <> :id")
                .bind("account", account.value()).bind("name", name).bind("id", except.value())
                .mapTo(Integer.class).one() > 0;
    }

    /** The connection's secret (client secret, password, token or headers JSON), decrypted; null when none. */
    public String secret(ConnectionId id) {
        return jdbi.withHandle(h -> h.createQuery("select client_secret from connections where id = :id")
                .bind("id", id.value()).mapTo(byte[].class).findOne()
                .map(sealed -> box.open(sealed, id.value())).orElse(null));
    }

    public void delete(Handle h, ConnectionId id) {
        h.createUpdate("delete from connections where id = :id").bind("id", id.value()).execute();
    }

    private static String truncate(String s) {
        return s.length() <= 600 ? s : s.substring(0, 597) + "...";
    }

    private byte[] seal(ConnectionId id, String secret) {
        return secret == null ? null : box.seal(secret, id.value());
    }

    private String write(ConnectionSettings settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection read(ResultSet rs) throws SQLException {
        try {
            return new Connection(new ConnectionId(rs.getString("id")), new AccountId(rs.getString("account_id")),
                    rs.getString("type"), rs.getString("name"), rs.getString("description"),
                    json.readValue(rs.getString("settings"), ConnectionSettings.classOf(rs.getString("type"))),
                    rs.getBoolean("secret_set"),
                    Status.fromWire(rs.getString("status")), rs.getString("last_error"),
                    Rows.instant(rs.getTimestamp("last_error_at")), Rows.instant(rs.getTimestamp("connected_at")),
                    Rows.instant(rs.getTimestamp("created_at")), Rows.instant(rs.getTimestamp("updated_at")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings of " + rs.getString("id") + " do not parse", e);
        }
    }


    /** What an update does to the client secret. */
    public sealed interface SecretChange {
        record Keep() implements SecretChange { }
        record Remove() implements SecretChange { }
        /** toString() hides the value. */
        record Replace(String value) implements SecretChange {
            @Override
            public String toString() {
                return "Replace[***]";
            }
        }
    }
}

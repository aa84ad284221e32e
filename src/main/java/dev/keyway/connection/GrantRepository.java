package dev.keyway.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.crypto.SecretBox;
import dev.keyway.store.Rows;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/** Grants in the database: every token and the token response's extra members sealed with the connection id. */
public final class GrantRepository {
    private static final String COLUMNS = "connection_id, access_token, refresh_token, extra, token_type, scopes, "
            + "expires_at, version, refreshed_at, failures, next_attempt_at";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final Jdbi jdbi;
    private final SecretBox box;
    private final ObjectMapper json;

    public GrantRepository(Jdbi jdbi, SecretBox box, ObjectMapper json) {
        this.jdbi = jdbi;
        this.box = box;
        this.json = json;
    }

    public Optional<Grant> find(ConnectionId id) {
        return jdbi.withHandle(h -> find(h, id, false));
    }

    /** Reads the grant and locks its row until the transaction ends: one refresher across all instances. */
    public Optional<Grant> lock(Handle h, ConnectionId id) {
        return find(h, id, true);
    }

    private Optional<Grant> find(Handle h, ConnectionId id, boolean forUpdate) {
        return h.createQuery("select " + COLUMNS + " from grants where connection_id = :id" + (forUpdate ? " for update" : ""))
                .bind("id", id.value()).map((rs, ctx) -> read(rs)).findOne();
    }

    /**
     * Replaces the grant in place (an UPDATE, so that an instance waiting on the row lock re-reads this
     * row rather than losing it), or inserts a first grant. The version is one above the stored one,
     * counted by the database after any wait for the row, so that two writes never share a version; 1 for
     * a first grant.
     */
    public Grant save(Handle h, Grant g) {
        String owner = g.connection().value();
        byte[] access = box.seal(g.accessToken(), owner);
        byte[] refresh = g.refreshToken() == null ? null : box.seal(g.refreshToken(), owner);
        byte[] extra = box.seal(write(g.extra()), owner);
        String scopes = g.scopes() == null ? null : String.join(" ", g.scopes());
        int updated = bind(h.createUpdate("update grants set access_token = :access, refresh_token = :refresh, extra = :extra, "
                        + "token_type = :type, scopes = :scopes, expires_at = :expires, version = version + 1, "
                        + "refreshed_at = :refreshed, failures = 0, next_attempt_at = null where connection_id = :id"),
                owner, access, refresh, extra, scopes, g).execute();
        if (updated == 0) {
            bind(h.createUpdate("insert into grants (" + COLUMNS + ") values (:id, :access, :refresh, :extra, :type, :scopes, "
                    + ":expires, 1, :refreshed, 0, null)"), owner, access, refresh, extra, scopes, g).execute();
        }
        long version = h.createQuery("select version from grants where connection_id = :id")
                .bind("id", owner).mapTo(Long.class).one();
        return new Grant(g.connection(), g.accessToken(), g.refreshToken(), g.tokenType(), g.expiresAt(), g.scopes(),
                g.extra(), version, g.refreshedAt(), 0, null);
    }

    private static Update bind(Update u, String owner, byte[] access,
                               byte[] refresh, byte[] extra, String scopes, Grant g) {
        return u.bind("id", owner)
                .bind("access", access)
                .bindByType("refresh", refresh, byte[].class)
                .bind("extra", extra)
                .bind("type", g.tokenType())
                .bindByType("scopes", scopes, String.class)
                .bindByType("expires", g.expiresAt(), Instant.class)
                .bind("refreshed", g.refreshedAt());
    }

    /** Records who the grant was made as (null: unknown, e.g. a Connect without openid); kept until the grant goes. */
    public void setConnectedAs(Handle h, ConnectionId id, ConnectedAs who) {
        String value;
        try {
            value = who == null ? null : json.writeValueAsString(who);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        h.createUpdate("update grants set connected_as = :who where connection_id = :id")
                .bind("id", id.value()).bindByType("who", value, String.class).execute();
    }

    public Optional<ConnectedAs> connectedAs(Handle h, ConnectionId id) {
        return h.createQuery("select connected_as from grants where connection_id = :id").bind("id", id.value())
                .mapTo(String.class).findOne().map(this::connectedAs);
    }

    private ConnectedAs connectedAs(String stored) {
        try {
            return json.readValue(stored, ConnectedAs.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored connected_as does not parse", e);
        }
    }

    /** Counts a failed refresh and says when to try again. */
    public void recordFailure(Handle h, ConnectionId id, Instant nextAttemptAt) {
        h.createUpdate("update grants set failures = failures + 1, next_attempt_at = :next where connection_id = :id")
                .bind("id", id.value()).bind("next", nextAttemptAt).execute();
    }

    public void delete(Handle h, ConnectionId id) {
        h.createUpdate("delete from grants where connection_id = :id").bind("id", id.value()).execute();
    }

    /** An account's grants with whom each was connected as, in one query (the connections list). */
    public record Listed(Grant grant, Optional<ConnectedAs> connectedAs) { }

    public Map<ConnectionId, Listed> ofAccount(dev.keyway.account.AccountId account) {
        Map<ConnectionId, Listed> out = new java.util.HashMap<>();
        jdbi.useHandle(h -> h.createQuery(LISTED + "join connections c on c.id = g.connection_id where c.account_id = :account")
                .bind("account", account.value()).map((rs, ctx) -> listed(rs))
                .forEach(l -> out.put(l.grant().connection(), l)));
        return out;
    }

    /** One connection's grant with whom it was connected as, in one read (a connection's page). */
    public Optional<Listed> findListed(ConnectionId id) {
        return jdbi.withHandle(h -> h.createQuery(LISTED + "where g.connection_id = :id").bind("id", id.value())
                .map((rs, ctx) -> listed(rs)).findOne());
    }

    private static final String LISTED = "select " + COLUMNS.replaceAll("(\\w+)", "g.$1") + ", g.connected_as from grants g ";

    private Listed listed(ResultSet rs) throws SQLException {
        return new Listed(read(rs), Optional.ofNullable(rs.getString("connected_as")).map(this::connectedAs));
    }

    /**
     * Connections whose grant can be refreshed, expires before {@code before} and has lived half its lifetime by
     * {@code now} (see {@link Grant#atMostHalfLifetime}: a margin never exceeds half the lifetime), most urgent first.
     * The half-lifetime test is on epoch seconds (the same SQL on H2 and PostgreSQL): mid-life is before now.
     */
    public List<ConnectionId> dueForRefresh(Instant before, Instant now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("select g.connection_id from grants g join connections c on c.id = g.connection_id "
                        + "where g.refresh_token is not null and g.expires_at < :before "
                        + "and (extract(epoch from g.expires_at) + extract(epoch from g.refreshed_at)) / 2 <= :nowSeconds "
                        + "and c.status in ('connected', 'refresh_failing') "
                        + "and (g.next_attempt_at is null or g.next_attempt_at <= :now) order by g.expires_at limit :limit")
                .bind("before", before).bind("now", now).bind("limit", limit)
                .bind("nowSeconds", BigDecimal.valueOf(now.toEpochMilli(), 3))
                .mapTo(String.class).map(ConnectionId::new).list());
    }

    private Grant read(ResultSet rs) throws SQLException {
        String owner = rs.getString("connection_id");
        byte[] refresh = rs.getBytes("refresh_token");
        byte[] extra = rs.getBytes("extra");
        String scopes = rs.getString("scopes");
        return new Grant(new ConnectionId(owner), box.open(rs.getBytes("access_token"), owner),
                refresh == null ? null : box.open(refresh, owner), rs.getString("token_type"),
                Rows.instant(rs.getTimestamp("expires_at")),
                scopes == null ? null : Arrays.stream(scopes.split(" ")).filter(s -> !s.isEmpty()).toList(),
                extra == null ? Map.of() : readMap(box.open(extra, owner)), rs.getLong("version"),
                Rows.instant(rs.getTimestamp("refreshed_at")), rs.getInt("failures"),
                Rows.instant(rs.getTimestamp("next_attempt_at")));
    }

    private String write(Map<String, Object> extra) {
        try {
            return json.writeValueAsString(extra == null ? Map.of() : extra);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> readMap(String s) {
        try {
            return json.readValue(s, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored grant extras do not parse", e);
        }
    }
}

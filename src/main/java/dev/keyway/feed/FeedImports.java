package dev.keyway.feed;

import dev.keyway.account.AccountId;
import dev.keyway.connection.ConnectionId;
import dev.keyway.store.Rows;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Feed imports in the database. Every read by account filters on the account. */
public final class FeedImports {
    private static final String COLUMNS = "id, account_id, name, url, connection_id, mode, schedule, time_zone, active, etag, "
            + "last_modified, last_run_at, last_error, last_error_at, created_at, updated_at";

    private final Jdbi jdbi;

    public FeedImports(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(Handle h, FeedImport i) {
        h.createUpdate("insert into feed_imports (id, account_id, name, url, connection_id, mode, schedule, time_zone, active, "
                        + "created_at, updated_at) values (:id, :account, :name, :url, :connection, :mode, :schedule, :zone, "
                        + ":active, :at, :at)")
                .bind("id", i.id().value()).bind("account", i.account().value()).bind("at", i.createdAt())
                .bind("name", i.name()).bind("url", i.url().toString())
                .bind("connection", i.connectionId() == null ? null : i.connectionId().value()).bind("mode", i.mode().wire())
                .bind("schedule", i.schedule().text()).bind("zone", i.timeZone().getId()).bind("active", i.active())
                .execute();
    }

    /** Writes the settings and the validators (cleared by {@link FeedImport#withSettings} when the feed changed). */
    public void update(Handle h, FeedImport i) {
        h.createUpdate("update feed_imports set name = :name, url = :url, connection_id = :connection, mode = :mode, "
                        + "schedule = :schedule, time_zone = :zone, active = :active, etag = :etag, last_modified = :lastModified, "
                        + "updated_at = :at where id = :id")
                .bind("id", i.id().value()).bind("at", i.updatedAt()).bind("name", i.name()).bind("url", i.url().toString())
                .bind("connection", i.connectionId() == null ? null : i.connectionId().value()).bind("mode", i.mode().wire())
                .bind("schedule", i.schedule().text()).bind("zone", i.timeZone().getId()).bind("active", i.active())
                .bind("etag", i.etag()).bind("lastModified", i.lastModified())
                .execute();
    }

    public Optional<FeedImport> find(AccountId account, ImportId id) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from feed_imports where id = :id and account_id = :account")
                .bind("id", id.value()).bind("account", account.value()).map((rs, ctx) -> read(rs)).findOne());
    }

    public Optional<FeedImport> findAny(ImportId id) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from feed_imports where id = :id")
                .bind("id", id.value()).map((rs, ctx) -> read(rs)).findOne());
    }

    /** Locks the import's row for the rest of the transaction: one run of an import at a time, across instances. */
    public Optional<FeedImport> lock(Handle h, ImportId id) {
        return h.createQuery("select " + COLUMNS + " from feed_imports where id = :id for update")
                .bind("id", id.value()).map((rs, ctx) -> read(rs)).findOne();
    }

    public List<FeedImport> list(AccountId account) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from feed_imports where account_id = :account "
                        + "order by created_at, id")
                .bind("account", account.value()).map((rs, ctx) -> read(rs)).list());
    }

    /** The account's imports that fetch their feed with this connection, by name. */
    public List<FeedImport> usingConnection(AccountId account, ConnectionId connection) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from feed_imports where account_id = :account "
                        + "and connection_id = :connection order by name, id")
                .bind("account", account.value()).bind("connection", connection.value()).map((rs, ctx) -> read(rs)).list());
    }

    public boolean nameTaken(Handle h, AccountId account, String name, ImportId except) {
        return h.createQuery("select count(*) from feed_imports where account_id = :account and name = :name and id <> :except")
                .bind("account", account.value()).bind("name", name).bind("except", except == null ? "" : except.value())
                .mapTo(Integer.class).one() > 0;
    }

    public boolean delete(AccountId account, ImportId id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from feed_imports where id = :id and account_id = :account")
                .bind("id", id.value()).bind("account", account.value()).execute() == 1);
    }

    /** After a run that read a feed: the feed's validators for the next conditional GET. */
    public void setValidators(Handle h, ImportId id, String etag, String lastModified) {
        h.createUpdate("update feed_imports set etag = :etag, last_modified = :lastModified where id = :id")
                .bind("id", id.value()).bind("etag", etag).bind("lastModified", lastModified).execute();
    }

    /** After any run: when it ran and, for a failed run, why (kept until a run succeeds). */
    public void setLastRun(ImportId id, Instant at, String error) {
        jdbi.useHandle(h -> {
            if (error == null) {
                h.createUpdate("update feed_imports set last_run_at = :at, last_error = null, last_error_at = null where id = :id")
                        .bind("id", id.value()).bind("at", at).execute();
            } else {
                h.createUpdate("update feed_imports set last_run_at = :at, last_error = :error, last_error_at = :at where id = :id")
                        .bind("id", id.value()).bind("at", at)
                        .bind("error", error.length() > 2000 ? error.substring(0, 2000) : error).execute();
            }
        });
    }

    private static FeedImport read(ResultSet rs) throws SQLException {
        String connection = rs.getString("connection_id");
        String zone = rs.getString("time_zone");
        StringBuilder why = new StringBuilder();
        FeedSchedule schedule = FeedSchedule.parse(rs.getString("schedule"), ZoneId.of(zone), why)
                .orElse(new FeedSchedule(rs.getString("schedule"), null));
        return new FeedImport(new ImportId(rs.getString("id")), new AccountId(rs.getString("account_id")), rs.getString("name"),
                URI.create(rs.getString("url")), connection == null ? null : new ConnectionId(connection),
                ImportMode.fromWire(rs.getString("mode")).orElseThrow(), schedule, ZoneId.of(zone), rs.getBoolean("active"),
                rs.getString("etag"), rs.getString("last_modified"), Rows.instant(rs.getTimestamp("last_run_at")),
                rs.getString("last_error"), Rows.instant(rs.getTimestamp("last_error_at")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

}

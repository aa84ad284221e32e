package dev.keyway.connection;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The short history of a connection: connected, refreshed, failed, edited — and by whom. Never a secret. */
public final class ConnectionEvents {
    public enum Kind { CREATED, EDITED, CONNECTED, CONNECT_FAILED, REFRESHED, REFRESH_FAILED, DISCONNECTED }

    /** One line of history. */
    public record Event(Instant at, String kind, String detail, String actor) { }

    private final Jdbi jdbi;
    private final Clock clock;

    public ConnectionEvents(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public void record(Handle h, ConnectionId id, Kind kind, String detail, String actor) {
        h.createUpdate("insert into connection_events (connection_id, at, kind, detail, actor) "
                        + "values (:id, :at, :kind, :detail, :actor)")
                .bind("id", id.value()).bind("at", clock.instant()).bind("kind", kind.name().toLowerCase())
                .bind("detail", detail.length() <= 600 ? detail : detail.substring(0, 600))
                .bind("actor", actor).execute();
    }

    public void record(ConnectionId id, Kind kind, String detail, String actor) {
        jdbi.useHandle(h -> record(h, id, kind, detail, actor));
    }

    /** The newest first. */
    public List<Event> recent(ConnectionId id, int limit) {
        return jdbi.withHandle(h -> h.createQuery("select at, kind, detail, actor from connection_events "
                        + "where connection_id = :id order by id desc limit :limit")
                .bind("id", id.value()).bind("limit", limit)
                .map((rs, ctx) -> new Event(rs.getTimestamp("at").toInstant(), rs.getString("kind"),
                        rs.getString("detail"), rs.getString("actor")))
                .list());
    }
}

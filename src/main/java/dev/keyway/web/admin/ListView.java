package dev.keyway.web.admin;

import dev.keyway.account.Session;
import java.time.Instant;
import java.util.List;

/** Settings → Connections: the rows shown, the filter and search applied, and how many exist in all. */
public record ListView(Session session, List<Row> rows, String status, String query, int total, String notice) {
    /** One connection in the list. */
    public record Row(String id, String name, String type, String status, Instant expiresAt, String lastError) { }

    public static final List<String> STATUSES = List.of("connected", "needs_reconnect", "refresh_failing", "not_connected");
}

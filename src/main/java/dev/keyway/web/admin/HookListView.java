package dev.keyway.web.admin;

import dev.keyway.account.Session;
import dev.keyway.hook.HookStats;
import java.util.List;

/** Settings → Hooks: every hook of the account with its counts. */
public record HookListView(Session session, List<Row> rows, String notice) {
    /** One hook in the list; {@code connection} is its connection's name, or null without one. */
    public record Row(String id, String name, boolean active, String url, String connection, String eventTypes,
                      HookStats stats) { }
}

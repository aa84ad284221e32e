package dev.keyway.web.admin;

import dev.keyway.account.Session;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionService;
import dev.keyway.connection.Grant;
import dev.keyway.connection.GrantRepository;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Locale;

/** Settings → Connections: filter by status, search by name. */
final class ConnectionListPage {
    private final ConnectionService service;
    private final GrantRepository grants;
    private final Pages pages;

    ConnectionListPage(ConnectionService service, GrantRepository grants, Pages pages) {
        this.service = service;
        this.grants = grants;
        this.pages = pages;
    }

    void show(ServerRequest req, ServerResponse res, Session s) {
        String status = req.query().first("status").orElse("");
        String q = req.query().first("q").orElse("").strip();
        if (!ListView.STATUSES.contains(status)) {
            status = "";
        }
        String wanted = status;
        String needle = q.toLowerCase(Locale.ROOT);
        List<Connection> all = service.list(s.user().account());
        List<ListView.Row> rows = all.stream()
                .filter(c -> wanted.isEmpty() || c.status().wire().equals(wanted))
                .filter(c -> needle.isEmpty() || c.name().toLowerCase(Locale.ROOT).contains(needle))
                .map(c -> new ListView.Row(c.id().value(), c.name(), c.type(), c.status().wire(),
                        grants.find(c.id()).map(Grant::expiresAt).orElse(null), c.lastError()))
                .toList();
        String notice = req.query().first("notice").orElse("").equals("deleted") ? "The connection was deleted." : null;
        pages.render(res, Status.OK_200, "connections", new ListView(s, rows, status, q, all.size(), notice));
    }
}

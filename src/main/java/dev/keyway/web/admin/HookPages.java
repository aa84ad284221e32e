package dev.keyway.web.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.account.AccountId;
import dev.keyway.account.Session;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionService;
import dev.keyway.hook.Batch;
import dev.keyway.hook.BatchId;
import dev.keyway.hook.Hook;
import dev.keyway.hook.HookDeliveries;
import dev.keyway.hook.HookId;
import dev.keyway.hook.HookService;
import dev.keyway.hook.Sender;
import dev.keyway.problem.Problem;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.Map;

/** Settings → Hooks: the list, a hook's page, and its actions (test event, clone, stop/start, delete, replay, discard). */
final class HookPages {
    private static final Map<String, String> NOTICES = Map.of("saved", "Saved.", "stopped", "Stopped: nothing is sent until it is started.",
            "started", "Started.", "cloned", "This is a copy, stopped: check it, then start it.",
            "replayed", "The dead letter is pending again and will be sent now.", "discarded", "The dead letter was discarded.",
            "not_dead", "Only a dead letter can be replayed or discarded.", "deleted", "The hook was deleted.");

    private final HookService hooks;
    private final HookDeliveries deliveries;
    private final ConnectionService connections;
    private final ObjectMapper json;
    private final Pages pages;

    HookPages(HookService hooks, HookDeliveries deliveries, ConnectionService connections, ObjectMapper json, Pages pages) {
        this.hooks = hooks;
        this.deliveries = deliveries;
        this.connections = connections;
        this.json = json;
        this.pages = pages;
    }

    void list(ServerRequest req, ServerResponse res, Session s) {
        AccountId account = s.user().account();
        var rows = hooks.list(account).stream().map(k -> new HookListView.Row(k.id().value(), k.settings().name(),
                k.settings().active(), k.settings().url().toString(), connectionName(account, k),
                String.join(", ", k.settings().eventTypes()), deliveries.stats(account, k.id()))).toList();
        pages.render(res, Status.OK_200, "hooks", new HookListView(s, rows, notice(req)));
    }

    void show(ServerRequest req, ServerResponse res, Session s) {
        pages.render(res, Status.OK_200, "hook", view(s, id(req), null, notice(req)));
    }

    /** Sends a sample event through the hook now and shows the request (credentials masked) and the answer. */
    void test(ServerRequest req, ServerResponse res, Session s, Form form) throws IOException {
        HookId id = id(req);
        Sender.Outcome o = deliveries.test(s.user().account(), id, null);
        String body = json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(o.body()));
        HookView.Test t = new HookView.Test(o.url(), o.headers(), body, o.status(), o.excerpt(), o.latencyMs(), o.success(),
                o.error());
        pages.render(res, Status.OK_200, "hook", view(s, id, t, null));
    }

    void copy(ServerRequest req, ServerResponse res, Session s, Form form) {
        Hook copy = hooks.copy(s.user().account(), id(req));
        Pages.redirect(res, "/admin/hooks/" + copy.id() + "?notice=cloned");
    }

    void stop(ServerRequest req, ServerResponse res, Session s, Form form) {
        Hook k = hooks.setActive(s.user().account(), id(req), false);
        Pages.redirect(res, "/admin/hooks/" + k.id() + "?notice=stopped");
    }

    void start(ServerRequest req, ServerResponse res, Session s, Form form) {
        Hook k = hooks.setActive(s.user().account(), id(req), true);
        Pages.redirect(res, "/admin/hooks/" + k.id() + "?notice=started");
    }

    void confirmDelete(ServerRequest req, ServerResponse res, Session s) {
        Hook k = hooks.get(s.user().account(), id(req));
        pages.render(res, Status.OK_200, "hook-delete", new HookView(s, k, null, null, null, null, null, null));
    }

    void delete(ServerRequest req, ServerResponse res, Session s, Form form) {
        hooks.delete(s.user().account(), id(req));
        Pages.redirect(res, "/admin/hooks?notice=deleted");
    }

    void replay(ServerRequest req, ServerResponse res, Session s, Form form) {
        HookId id = id(req);
        try {
            deliveries.replay(s.user().account(), id, batchId(req));
            Pages.redirect(res, "/admin/hooks/" + id + "?notice=replayed");
        } catch (Problem p) {
            notDead(res, id, p);
        }
    }

    void discard(ServerRequest req, ServerResponse res, Session s, Form form) {
        HookId id = id(req);
        try {
            deliveries.discard(s.user().account(), id, batchId(req));
            Pages.redirect(res, "/admin/hooks/" + id + "?notice=discarded");
        } catch (Problem p) {
            notDead(res, id, p);
        }
    }

    private static void notDead(ServerResponse res, HookId id, Problem p) {
        if (p.kind() == Problem.Kind.NOT_FOUND) {
            throw p;
        }
        Pages.redirect(res, "/admin/hooks/" + id + "?notice=not_dead");
    }

    private HookView view(Session s, HookId id, HookView.Test test, String notice) {
        AccountId account = s.user().account();
        Hook k = hooks.get(account, id);
        return new HookView(s, k, connectionName(account, k), deliveries.stats(account, id), deliveries.deliveries(account, id),
                deliveries.batches(account, id, Batch.DEAD), test, notice);
    }

    private String connectionName(AccountId account, Hook k) {
        if (k.settings().connectionId() == null) {
            return null;
        }
        try {
            Connection c = connections.get(account, k.settings().connectionId());
            return c.name();
        } catch (Problem gone) {
            return k.settings().connectionId().value() + " (deleted)";
        }
    }

    private static String notice(ServerRequest req) {
        return NOTICES.get(req.query().first("notice").orElse(""));
    }

    static HookId id(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        if (id == null || id.length() > 40) {
            throw Problem.notFound("hook");
        }
        return new HookId(id);
    }

    private static BatchId batchId(ServerRequest req) {
        String id = req.path().pathParameters().get("batchId");
        if (id == null || id.length() > 40) {
            throw Problem.notFound("batch");
        }
        return new BatchId(id);
    }
}

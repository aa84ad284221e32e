package dev.keyway.web.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.account.Session;
import dev.keyway.connection.ConnectionService;
import dev.keyway.hook.Hook;
import dev.keyway.hook.HookService;
import dev.keyway.problem.Problem;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/** A hook's Create and Edit pages: saved through {@link HookService} (the API's validation), refusals next to their field. */
final class HookFormPages {
    private final HookService hooks;
    private final ConnectionService connections;
    private final ObjectMapper json;
    private final Pages pages;

    HookFormPages(HookService hooks, ConnectionService connections, ObjectMapper json, Pages pages) {
        this.hooks = hooks;
        this.connections = connections;
        this.json = json;
        this.pages = pages;
    }

    void blank(ServerRequest req, ServerResponse res, Session s) {
        pages.render(res, Status.OK_200, "hook-form", new HookFormView(s, null, HookForm.blank(), options(s), null, null, null));
    }

    void edit(ServerRequest req, ServerResponse res, Session s) {
        Hook k = hooks.get(s.user().account(), HookPages.id(req));
        String notice = req.query().first("notice").orElse("").equals("saved") ? "Saved." : null;
        pages.render(res, Status.OK_200, "hook-form", new HookFormView(s, k.id().value(), HookForm.values(k), options(s),
                null, null, notice));
    }

    void create(ServerRequest req, ServerResponse res, Session s, Form form) {
        HookForm.Values v = HookForm.values(form);
        try {
            after(res, hooks.create(s.user().account(), HookForm.toJson(json, v)), form);
        } catch (Problem p) {
            if (p.kind() == Problem.Kind.NOT_FOUND) {
                throw p;
            }
            refused(res, s, null, v, p);
        }
    }

    void update(ServerRequest req, ServerResponse res, Session s, Form form) {
        Hook before = hooks.get(s.user().account(), HookPages.id(req));
        HookForm.Values v = HookForm.values(form);
        try {
            after(res, hooks.update(s.user().account(), before.id(), HookForm.toJson(json, v)), form);
        } catch (Problem p) {
            if (p.kind() == Problem.Kind.NOT_FOUND) {
                throw p;
            }
            refused(res, s, before.id().value(), v, p);
        }
    }

    private static void after(ServerResponse res, Hook k, Form form) {
        boolean close = form.get("after").equals("close");
        Pages.redirect(res, "/admin/hooks/" + k.id() + (close ? "?notice=saved" : "/edit?notice=saved"));
    }

    private void refused(ServerResponse res, Session s, String id, HookForm.Values v, Problem p) {
        pages.render(res, Status.create(422, "Unprocessable Content"), "hook-form",
                new HookFormView(s, id, v, options(s), p.field(), p.getMessage(), null));
    }

    /** The account's connections, of any type. */
    private List<HookFormView.Option> options(Session s) {
        return connections.list(s.user().account()).stream()
                .map(c -> new HookFormView.Option(c.id().value(), c.name() + " (" + Fmt.type(c.type()) + ")")).toList();
    }
}

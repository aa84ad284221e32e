package dev.keyway.web.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.account.Session;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionService;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.problem.Problem;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;

/** Create and Edit an OAuth2 connection: GET shows the form, POST saves through {@link ConnectionService}. */
final class ConnectionFormPages {
    private final ConnectionService service;
    private final ObjectMapper json;
    private final Pages pages;
    private final URI redirectUri;

    ConnectionFormPages(ConnectionService service, ObjectMapper json, Pages pages, URI redirectUri) {
        this.service = service;
        this.json = json;
        this.pages = pages;
        this.redirectUri = redirectUri;
    }

    void blank(ServerRequest req, ServerResponse res, Session s) {
        pages.render(res, Status.OK_200, "form", view(s, null, ConnectionForm.blank(), false, null, null));
    }

    void edit(ServerRequest req, ServerResponse res, Session s) {
        Connection c = service.get(s.user().account(), ConnectionPages.id(req));
        if (!(c.settings() instanceof OAuth2Settings)) {
            pages.render(res, Status.OK_200, "error", new ErrorView(s, "Edit through the API",
                    "This is a '" + c.type() + "' connection: the admin UI edits OAuth2 connections only, for now."));
            return;
        }
        String notice = req.query().first("notice").orElse("").equals("saved") ? "Saved." : null;
        pages.render(res, Status.OK_200, "form", view(s, c.id().value(), ConnectionForm.values(c), c.secretSet(), null, notice));
    }

    void create(ServerRequest req, ServerResponse res, Session s, Form form) {
        try {
            Connection c = service.create(s.user().account(), ConnectionForm.toJson(json, form, true), s.user().email());
            after(res, c, form);
        } catch (Problem p) {
            refused(res, s, null, form, false, p);
        }
    }

    void update(ServerRequest req, ServerResponse res, Session s, Form form) {
        Connection before = service.get(s.user().account(), ConnectionPages.id(req));
        before.oauth2(); // a 400 for another type: this form edits OAuth2 connections
        try {
            Connection c = service.update(s.user().account(), before.id(), ConnectionForm.toJson(json, form, false),
                    s.user().email());
            after(res, c, form);
        } catch (Problem p) {
            if (p.kind() == Problem.Kind.NOT_FOUND) {
                throw p;
            }
            refused(res, s, before.id().value(), form, before.secretSet(), p);
        }
    }

    private static void after(ServerResponse res, Connection c, Form form) {
        boolean close = form.get("after").equals("close");
        Pages.redirect(res, "/admin/connections/" + c.id() + (close ? "?notice=saved" : "/edit?notice=saved"));
    }

    private void refused(ServerResponse res, Session s, String id, Form form, boolean secretSet, Problem p) {
        FormView v = new FormView(s, id, ConnectionForm.values(form), secretSet, redirectUri.toString(),
                p.field(), p.getMessage(), null);
        pages.render(res, Status.create(422, "Unprocessable Content"), "form", v);
    }

    private FormView view(Session s, String id, java.util.Map<String, String> values, boolean secretSet,
                          Problem p, String notice) {
        return new FormView(s, id, values, secretSet, redirectUri.toString(),
                p == null ? null : p.field(), p == null ? null : p.getMessage(), notice);
    }
}

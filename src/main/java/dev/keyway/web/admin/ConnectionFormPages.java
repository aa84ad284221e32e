package dev.keyway.web.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.account.Session;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.ConnectionService;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.problem.Problem;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;

/**
 * Create (after choosing the type) and Edit a connection: GET shows the form, POST saves through
 * {@link ConnectionService}. OAuth2 here; basic, token and custom in {@link CredentialFormPages}.
 */
final class ConnectionFormPages {
    private final ConnectionService service;
    private final ObjectMapper json;
    private final Pages pages;
    private final URI redirectUri;
    private final CredentialFormPages credentials;
    private PresetForms presets;

    ConnectionFormPages(ConnectionService service, ConnectionRepository connections, ObjectMapper json, Pages pages,
                        URI redirectUri) {
        this.service = service;
        this.credentials = new CredentialFormPages(service, connections, json, pages);
        this.json = json;
        this.pages = pages;
        this.redirectUri = redirectUri;
    }

    /** Without a known {@code type}: the choice of type; with one: that type's empty form. */
    void blank(ServerRequest req, ServerResponse res, Session s) {
        String type = req.query().first("type").orElse("");
        if (CredentialForm.TYPES.contains(type)) {
            credentials.blank(res, s, type);
            return;
        }
        if (!type.equals("oauth2")) {
            pages.render(res, Status.OK_200, "new", s);
            return;
        }
        java.util.Map<String, String> values = ConnectionForm.blank();
        PresetPicker picker = presets == null ? null : presets.fromQuery(req, values);
        pages.render(res, Status.OK_200, "form", new FormView(s, null, values, false, redirectUri.toString(),
                null, null, null, picker));
    }

    /** The form filled from presets and discovery (set when Keyway has them). */
    void presets(PresetForms presets) {
        this.presets = presets;
    }

    /** "From issuer URL": the new OAuth2 form, filled from the issuer's metadata or with the reason it could not be. */
    void discover(ServerRequest req, ServerResponse res, Session s, Form form) {
        java.util.Map<String, String> values = ConnectionForm.blank();
        PresetPicker picker = presets.fromIssuer(form.get("discoverIssuer"), values);
        pages.render(res, picker.error() == null ? Status.OK_200 : Status.create(422, "Unprocessable Content"), "form",
                new FormView(s, null, values, false, redirectUri.toString(), null, null, null, picker));
    }

    void edit(ServerRequest req, ServerResponse res, Session s) {
        Connection c = service.get(s.user().account(), ConnectionPages.id(req));
        String notice = req.query().first("notice").orElse("").equals("saved") ? "Saved." : null;
        if (!(c.settings() instanceof OAuth2Settings)) {
            credentials.edit(res, s, c, notice);
            return;
        }
        pages.render(res, Status.OK_200, "form", view(s, c.id().value(), ConnectionForm.values(c), c.secretSet(), null, notice));
    }

    void create(ServerRequest req, ServerResponse res, Session s, Form form) {
        if (CredentialForm.TYPES.contains(form.get("type"))) {
            credentials.create(res, s, form, form.get("type"));
            return;
        }
        try {
            Connection c = service.create(s.user().account(), ConnectionForm.toJson(json, form, true), s.user().email());
            after(res, c, form);
        } catch (Problem p) {
            refused(res, s, null, form, false, p);
        }
    }

    void update(ServerRequest req, ServerResponse res, Session s, Form form) {
        Connection before = service.get(s.user().account(), ConnectionPages.id(req));
        if (!(before.settings() instanceof OAuth2Settings)) {
            credentials.update(res, s, form, before);
            return;
        }
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

    static void after(ServerResponse res, Connection c, Form form) {
        boolean close = form.get("after").equals("close");
        Pages.redirect(res, "/admin/connections/" + c.id() + (close ? "?notice=saved" : "/edit?notice=saved"));
    }

    private void refused(ServerResponse res, Session s, String id, Form form, boolean secretSet, Problem p) {
        FormView v = new FormView(s, id, ConnectionForm.values(form), secretSet, redirectUri.toString(),
                p.field(), p.getMessage(), null, id == null && presets != null ? presets.none() : null);
        pages.render(res, Status.create(422, "Unprocessable Content"), "form", v);
    }

    private FormView view(Session s, String id, java.util.Map<String, String> values, boolean secretSet,
                          Problem p, String notice) {
        return new FormView(s, id, values, secretSet, redirectUri.toString(),
                p == null ? null : p.field(), p == null ? null : p.getMessage(), notice);
    }
}

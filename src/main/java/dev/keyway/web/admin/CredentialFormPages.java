package dev.keyway.web.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.account.Session;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.ConnectionService;
import dev.keyway.connection.CustomSettings;
import dev.keyway.connection.Secrets;
import dev.keyway.problem.Problem;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;

/** Create and Edit a basic, token or custom connection, saved through {@link ConnectionService} like the API. */
final class CredentialFormPages {
    private final ConnectionService service;
    private final ConnectionRepository connections;
    private final ObjectMapper json;
    private final Pages pages;

    CredentialFormPages(ConnectionService service, ConnectionRepository connections, ObjectMapper json, Pages pages) {
        this.service = service;
        this.connections = connections;
        this.json = json;
        this.pages = pages;
    }

    void blank(ServerResponse res, Session s, String type) {
        render(res, Status.OK_200, new CredentialFormView(s, null, type, CredentialForm.blank(), false,
                HeaderRows.of(List.of(), HeaderRows.SPARE_NEW), null, null, null));
    }

    void edit(ServerResponse res, Session s, Connection c, String notice) {
        List<String> names = c.settings() instanceof CustomSettings cs ? cs.headerNames() : List.of();
        render(res, Status.OK_200, new CredentialFormView(s, c.id().value(), c.type(), CredentialForm.values(c),
                c.secretSet(), HeaderRows.of(names, HeaderRows.SPARE_EDIT), null, null, notice));
    }

    void create(ServerResponse res, Session s, Form form, String type) {
        try {
            Map<String, String> headers = type.equals("custom") ? HeaderRows.merge(form, Map.of()) : null;
            Connection c = service.create(s.user().account(), CredentialForm.toJson(json, type, form, true, headers),
                    s.user().email());
            ConnectionFormPages.after(res, c, form);
        } catch (Problem p) {
            refused(res, s, null, type, form, false, p);
        }
    }

    void update(ServerResponse res, Session s, Form form, Connection before) {
        try {
            Map<String, String> headers = null;
            if (before.type().equals("custom")) {
                Map<String, String> stored = stored(before);
                headers = HeaderRows.merge(form, stored);
                headers = headers.equals(stored) ? null : headers;
            }
            Connection c = service.update(s.user().account(), before.id(),
                    CredentialForm.toJson(json, before.type(), form, false, headers), s.user().email());
            ConnectionFormPages.after(res, c, form);
        } catch (Problem p) {
            if (p.kind() == Problem.Kind.NOT_FOUND) {
                throw p;
            }
            refused(res, s, before.id().value(), before.type(), form, before.secretSet(), p);
        }
    }

    /** The stored headers, decrypted for the merge only. */
    private Map<String, String> stored(Connection c) {
        String sealed = connections.secret(c.id());
        return sealed == null ? Map.of() : Secrets.headers(sealed, json);
    }

    private void refused(ServerResponse res, Session s, String id, String type, Form form, boolean secretSet, Problem p) {
        render(res, Status.create(422, "Unprocessable Content"), new CredentialFormView(s, id, type,
                CredentialForm.values(form), secretSet, HeaderRows.rows(form), p.field(), p.getMessage(), null));
    }

    private void render(ServerResponse res, Status status, CredentialFormView v) {
        pages.render(res, status, "credential-form", v);
    }
}

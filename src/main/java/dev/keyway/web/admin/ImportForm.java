package dev.keyway.web.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.account.Session;
import dev.keyway.connection.ConnectionService;
import dev.keyway.feed.FeedImport;
import dev.keyway.feed.FeedImportService;
import dev.keyway.feed.ImportId;
import dev.keyway.problem.Problem;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Create and edit a feed import: the form's fields become the API's settings, refusals are shown at their field. */
final class ImportForm {
    static final List<String> FIELDS = List.of("name", "url", "connectionId", "mode", "schedule", "timeZone");

    private final FeedImportService imports;
    private final ConnectionService connections;
    private final ObjectMapper json;
    private final Pages pages;

    ImportForm(FeedImportService imports, ConnectionService connections, ObjectMapper json, Pages pages) {
        this.imports = imports;
        this.connections = connections;
        this.json = json;
        this.pages = pages;
    }

    void blank(ServerRequest req, ServerResponse res, Session s) {
        render(res, Status.OK_200, s, null, Map.of("mode", "products_and_skus", "schedule", "every 1h", "timeZone", "UTC",
                "active", "on"), null);
    }

    void edit(ServerRequest req, ServerResponse res, Session s) {
        FeedImport i = imports.get(s.user().account(), ImportPages.id(req));
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", i.name());
        v.put("url", i.url().toString());
        v.put("connectionId", i.connectionId() == null ? "" : i.connectionId().value());
        v.put("mode", i.mode().wire());
        v.put("schedule", i.schedule().text());
        v.put("timeZone", i.timeZone().getId());
        v.put("active", i.active() ? "on" : "");
        render(res, Status.OK_200, s, i.id().value(), v, null);
    }

    void create(ServerRequest req, ServerResponse res, Session s, Form form) {
        save(res, s, null, form);
    }

    void update(ServerRequest req, ServerResponse res, Session s, Form form) {
        save(res, s, imports.get(s.user().account(), ImportPages.id(req)).id().value(), form);
    }

    private void save(ServerResponse res, Session s, String id, Form form) {
        Map<String, String> v = new LinkedHashMap<>();
        ObjectNode body = json.createObjectNode();
        for (String f : FIELDS) {
            v.put(f, form.get(f) == null ? "" : form.get(f).strip());
            if (f.equals("connectionId") && v.get(f).isEmpty()) {
                body.putNull(f);
            } else {
                body.put(f, v.get(f));
            }
        }
        v.put("active", form.has("active") ? "on" : "");
        body.put("active", form.has("active"));
        try {
            FeedImport saved = id == null ? imports.create(s.user().account(), body)
                    : imports.update(s.user().account(), new ImportId(id), body);
            Pages.redirect(res, "/admin/imports/" + saved.id() + "?notice=saved");
        } catch (Problem p) {
            if (p.kind() == Problem.Kind.NOT_FOUND) {
                throw p;
            }
            render(res, Status.BAD_REQUEST_400, s, id, v, p);
        }
    }

    private void render(ServerResponse res, Status status, Session s, String id, Map<String, String> values, Problem p) {
        pages.render(res, status, "import-form", new ImportFormView(s, id, values, connections.list(s.user().account()),
                p == null ? null : p.field(), p == null ? null : p.getMessage()));
    }
}

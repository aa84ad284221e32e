package dev.keyway.web.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.account.Session;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionService;
import dev.keyway.feed.FeedImport;
import dev.keyway.feed.FeedImportService;
import dev.keyway.feed.ImportId;
import dev.keyway.problem.Problem;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.stream.Collectors;

/** Settings → Imports: the list, one import's page with its runs, and its actions (run now, pause, resume, clone, delete). */
final class ImportPages {
    private static final Map<String, String> NOTICES = Map.of("ran", "The run has finished: its outcome is the first row below.",
            "paused", "The import is paused: it runs only on demand.", "resumed", "The import is active again.",
            "cloned", "This is a paused copy: edit it, then resume it.", "deleted", "The import was deleted.",
            "saved", "Saved.");

    private final FeedImportService imports;
    private final ConnectionService connections;
    private final ObjectMapper json;
    private final Pages pages;

    ImportPages(FeedImportService imports, ConnectionService connections, ObjectMapper json, Pages pages) {
        this.imports = imports;
        this.connections = connections;
        this.json = json;
        this.pages = pages;
    }

    void list(ServerRequest req, ServerResponse res, Session s) {
        Map<String, String> names = connections.list(s.user().account()).stream()
                .collect(Collectors.toMap(c -> c.id().value(), Connection::name));
        pages.render(res, Status.OK_200, "imports", new ImportsView(s, imports.list(s.user().account()), names, notice(req)));
    }

    void show(ServerRequest req, ServerResponse res, Session s) {
        FeedImport i = imports.get(s.user().account(), id(req));
        String connection = i.connectionId() == null ? "—" : connections.get(s.user().account(), i.connectionId()).name();
        pages.render(res, Status.OK_200, "import", new ImportsView.Detail(s, i, connection,
                imports.runs(s.user().account(), i.id()), notice(req)));
    }

    void run(ServerRequest req, ServerResponse res, Session s, Form form) {
        imports.runNow(s.user().account(), id(req));
        Pages.redirect(res, "/admin/imports/" + id(req) + "?notice=ran");
    }

    void pause(ServerRequest req, ServerResponse res, Session s, Form form) {
        imports.update(s.user().account(), id(req), json.createObjectNode().put("active", false));
        Pages.redirect(res, "/admin/imports/" + id(req) + "?notice=paused");
    }

    void resume(ServerRequest req, ServerResponse res, Session s, Form form) {
        imports.update(s.user().account(), id(req), json.createObjectNode().put("active", true));
        Pages.redirect(res, "/admin/imports/" + id(req) + "?notice=resumed");
    }

    void cloneOf(ServerRequest req, ServerResponse res, Session s, Form form) {
        FeedImport copy = imports.cloneOf(s.user().account(), id(req));
        Pages.redirect(res, "/admin/imports/" + copy.id() + "?notice=cloned");
    }

    void delete(ServerRequest req, ServerResponse res, Session s, Form form) {
        imports.delete(s.user().account(), id(req));
        Pages.redirect(res, "/admin/imports?notice=deleted");
    }

    static ImportId id(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        if (id.length() > 40) {
            throw Problem.notFound("import");
        }
        return new ImportId(id);
    }

    private static String notice(ServerRequest req) {
        return NOTICES.get(req.query().first("notice").orElse(""));
    }
}

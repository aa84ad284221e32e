package dev.keyway.web.api;

import dev.keyway.account.AccountId;
import dev.keyway.feed.FeedImport;
import dev.keyway.feed.FeedImportService;
import dev.keyway.feed.ImportId;
import dev.keyway.feed.ImportRun;
import dev.keyway.problem.Problem;
import dev.keyway.web.Http;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** /api/v1/imports: feed imports (create, list, read, edit, delete), run now, and their runs. */
public final class ImportsApi {
    private final FeedImportService service;
    private final Http http;

    public ImportsApi(FeedImportService service, Http http) {
        this.service = service;
        this.http = http;
    }

    public void create(ServerRequest req, ServerResponse res, AccountId account) {
        FeedImport i = service.create(account, http.object(req));
        res.header(HeaderNames.LOCATION, "/api/v1/imports/" + i.id());
        http.send(res, Status.CREATED_201, view(i));
    }

    public void list(ServerRequest req, ServerResponse res, AccountId account) {
        http.ok(res, Map.of("items", service.list(account).stream().map(ImportsApi::view).toList()));
    }

    public void get(ServerRequest req, ServerResponse res, AccountId account) {
        http.ok(res, view(service.get(account, id(req))));
    }

    public void update(ServerRequest req, ServerResponse res, AccountId account) {
        http.ok(res, view(service.update(account, id(req), http.object(req))));
    }

    public void delete(ServerRequest req, ServerResponse res, AccountId account) {
        service.delete(account, id(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    /** A paused copy of the import's settings, named "{name} (copy)". */
    public void cloneOf(ServerRequest req, ServerResponse res, AccountId account) {
        FeedImport copy = service.cloneOf(account, id(req));
        res.header(HeaderNames.LOCATION, "/api/v1/imports/" + copy.id());
        http.send(res, Status.CREATED_201, view(copy));
    }

    /** Runs the import now and answers when the run has finished, with the run (a failed run too). */
    public void run(ServerRequest req, ServerResponse res, AccountId account) {
        http.ok(res, view(service.runNow(account, id(req))));
    }

    public void runs(ServerRequest req, ServerResponse res, AccountId account) {
        http.ok(res, Map.of("items", service.runs(account, id(req)).stream().map(ImportsApi::view).toList()));
    }

    private static ImportId id(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        if (id.length() > 40) {
            throw Problem.notFound("import");
        }
        return new ImportId(id);
    }

    static Map<String, Object> view(FeedImport i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id().value());
        m.put("name", i.name());
        m.put("url", i.url().toString());
        m.put("connectionId", i.connectionId() == null ? null : i.connectionId().value());
        m.put("mode", i.mode().wire());
        m.put("schedule", i.schedule().text());
        m.put("timeZone", i.timeZone().getId());
        m.put("active", i.active());
        m.put("lastRunAt", i.lastRunAt());
        m.put("lastError", i.lastError());
        m.put("lastErrorAt", i.lastErrorAt());
        m.put("createdAt", i.createdAt());
        m.put("updatedAt", i.updatedAt());
        return m;
    }

    static Map<String, Object> view(ImportRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id().value());
        m.put("importId", r.importId().value());
        m.put("trigger", r.trigger());
        m.put("status", r.status());
        m.put("startedAt", r.startedAt());
        m.put("finishedAt", r.finishedAt());
        m.put("httpStatus", r.httpStatus());
        m.put("offersRead", r.offersRead());
        m.put("created", r.created());
        m.put("updated", r.updated());
        m.put("unchanged", r.unchanged());
        m.put("rejected", r.rejected());
        m.put("madeUnavailable", r.madeUnavailable());
        m.put("rejects", r.rejects());
        m.put("durationMs", r.durationMs());
        m.put("error", r.error());
        return m;
    }
}

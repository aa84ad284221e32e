package dev.keyway.web.api;

import dev.keyway.account.AccountId;
import dev.keyway.hook.Hook;
import dev.keyway.hook.HookId;
import dev.keyway.hook.HookService;
import dev.keyway.hook.HookSettings;
import dev.keyway.problem.Problem;
import dev.keyway.web.Http;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** /api/v1/hooks: action hooks (create, list, read, edit, clone, stop, start, delete). */
public final class HooksApi {
    private final HookService service;
    private final Http http;

    public HooksApi(HookService service, Http http) {
        this.service = service;
        this.http = http;
    }

    public void create(ServerRequest req, ServerResponse res, AccountId account) {
        created(res, service.create(account, http.object(req)));
    }

    public void list(ServerRequest req, ServerResponse res, AccountId account) {
        http.ok(res, Map.of("items", service.list(account).stream().map(HooksApi::view).toList()));
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

    public void copy(ServerRequest req, ServerResponse res, AccountId account) {
        created(res, service.copy(account, id(req)));
    }

    public void stop(ServerRequest req, ServerResponse res, AccountId account) {
        http.ok(res, view(service.setActive(account, id(req), false)));
    }

    public void start(ServerRequest req, ServerResponse res, AccountId account) {
        http.ok(res, view(service.setActive(account, id(req), true)));
    }

    private void created(ServerResponse res, Hook k) {
        res.header(HeaderNames.LOCATION, "/api/v1/hooks/" + k.id());
        http.send(res, Status.CREATED_201, view(k));
    }

    static HookId id(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        if (id.length() > 40) {
            throw Problem.notFound("hook");
        }
        return new HookId(id);
    }

    static Map<String, Object> view(Hook k) {
        HookSettings s = k.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id().value());
        m.put("name", s.name());
        m.put("active", s.active());
        m.put("eventTypes", s.eventTypes());
        m.put("filters", s.filters().view());
        m.put("url", s.url().toString());
        m.put("connectionId", s.connectionId() == null ? null : s.connectionId().value());
        m.put("maxBatchSize", s.maxBatchSize());
        m.put("timeoutSeconds", s.timeoutSeconds());
        m.put("successRegex", s.successRegex());
        m.put("customData", s.customData().templates());
        m.put("createdAt", k.createdAt());
        m.put("updatedAt", k.updatedAt());
        return m;
    }
}

package dev.keyway.web.api;

import dev.keyway.account.AccountId;
import dev.keyway.hook.Batch;
import dev.keyway.hook.BatchId;
import dev.keyway.hook.Delivery;
import dev.keyway.hook.Hook;
import dev.keyway.hook.HookDeliveries;
import dev.keyway.hook.HookStats;
import dev.keyway.hook.Sender;
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
    private final HookDeliveries deliveries;
    private final Http http;

    public HooksApi(HookService service, HookDeliveries deliveries, Http http) {
        this.service = service;
        this.deliveries = deliveries;
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

    /** Sends the body's event (or a sample) through the hook now and answers what was sent and what came back. */
    public void test(ServerRequest req, ServerResponse res, AccountId account) {
        Sender.Outcome o = deliveries.test(account, id(req), http.object(req));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", "POST");
        request.put("url", o.url());
        request.put("headers", o.headers());
        try {
            request.put("body", http.json().readTree(o.body()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", o.status());
        response.put("excerpt", o.excerpt());
        response.put("latencyMs", o.latencyMs());
        response.put("success", o.success());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request", request);
        m.put("response", response);
        m.put("error", o.error());
        http.ok(res, m);
    }

    public void deliveries(ServerRequest req, ServerResponse res, AccountId account) {
        http.ok(res, Map.of("items", deliveries.deliveries(account, id(req)).stream().map(HooksApi::view).toList()));
    }

    public void stats(ServerRequest req, ServerResponse res, AccountId account) {
        HookStats s = deliveries.stats(account, id(req));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pendingEvents", s.pendingEvents());
        m.put("pendingBatches", s.pendingBatches());
        m.put("inFlight", s.inFlight());
        m.put("delivered", s.delivered());
        m.put("dead", s.dead());
        m.put("held", s.held());
        m.put("heldEvents", s.held() ? s.pendingEvents() : 0);
        m.put("heldBatches", s.held() ? s.pendingBatches() + s.inFlight() : 0);
        http.ok(res, m);
    }

    public void batches(ServerRequest req, ServerResponse res, AccountId account) {
        String state = req.query().first("state").orElse(null);
        http.ok(res, Map.of("items", deliveries.batches(account, id(req), state).stream().map(HooksApi::view).toList()));
    }

    public void replay(ServerRequest req, ServerResponse res, AccountId account) {
        http.ok(res, view(deliveries.replay(account, id(req), batchId(req))));
    }

    public void discard(ServerRequest req, ServerResponse res, AccountId account) {
        deliveries.discard(account, id(req), batchId(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private static BatchId batchId(ServerRequest req) {
        String id = req.path().pathParameters().get("batchId");
        if (id.length() > 40) {
            throw Problem.notFound("batch");
        }
        return new BatchId(id);
    }

    static Map<String, Object> view(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batchId", d.batch().value());
        m.put("attemptedAt", d.attemptedAt());
        m.put("items", d.items());
        m.put("statusCode", d.statusCode());
        m.put("latencyMs", d.latencyMs());
        m.put("outcome", d.outcome());
        m.put("excerpt", d.excerpt());
        return m;
    }

    static Map<String, Object> view(Batch b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id().value());
        m.put("state", b.state());
        m.put("items", b.items());
        m.put("attempts", b.attempts());
        m.put("createdAt", b.createdAt());
        m.put("nextAttemptAt", b.nextAttemptAt());
        m.put("lastStatus", b.lastStatus());
        m.put("lastError", b.lastError());
        m.put("finishedAt", b.finishedAt());
        return m;
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

package dev.keyway.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.account.AccountId;
import dev.keyway.hook.Intake;
import dev.keyway.problem.Problem;
import dev.keyway.web.Http;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POST /api/v1/events: one platform event or an array. 200 with {accepted, queued, rejected: [{index, code,
 * message}]} once the matched events are committed; the valid events of a request are kept even when others are
 * refused. 400 only when the body is not an event or an array of 1 to 1000.
 */
public final class EventsApi {
    private final Intake intake;
    private final Http http;

    public EventsApi(Intake intake, Http http) {
        this.intake = intake;
        this.http = http;
    }

    public void take(ServerRequest req, ServerResponse res, AccountId account) {
        JsonNode n = http.value(req);
        if (n == null) {
            throw Problem.invalid(null, "invalid_events", "the body must be an event object or an array of events");
        }
        Intake.Result r = intake.take(account, n);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accepted", r.accepted());
        m.put("queued", r.queued());
        m.put("rejected", r.rejected());
        http.ok(res, m);
    }
}

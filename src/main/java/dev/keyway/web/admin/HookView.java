package dev.keyway.web.admin;

import dev.keyway.account.Session;
import dev.keyway.hook.Batch;
import dev.keyway.hook.Delivery;
import dev.keyway.hook.Hook;
import dev.keyway.hook.HookStats;
import java.util.List;
import java.util.Map;

/**
 * A hook's page: its settings, counts, delivery log and dead letters, and (after "Send test event")
 * what was sent (credentials masked) and what came back.
 */
public record HookView(Session session, Hook hook, String connection, HookStats stats, List<Delivery> deliveries,
                       List<Batch> dead, Test test, String notice) {
    /** The test event's request and answer; {@code status} null when no answer came ({@code error} says why). */
    public record Test(String url, Map<String, String> headers, String body, Integer status, String excerpt,
                       long latencyMs, boolean success, String error) { }

    public String id() {
        return hook.id().value();
    }

    public String filters() {
        StringBuilder s = new StringBuilder();
        hook.settings().filters().view().forEach((name, ids) -> {
            if (!((List<?>) ids).isEmpty()) {
                s.append(s.isEmpty() ? "" : "; ").append(name).append(": ").append(ids.toString().replaceAll("[\\[\\]]", ""));
            }
        });
        return s.isEmpty() ? "none (every event of these types)" : s.toString();
    }

    public String customData() {
        Map<String, String> t = hook.settings().customData().templates();
        return t.isEmpty() ? "none" : String.join(", ", t.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList());
    }
}

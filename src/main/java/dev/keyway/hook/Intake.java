package dev.keyway.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.account.AccountId;
import dev.keyway.problem.Problem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Takes platform events: checks each ({@link Events}), matches the valid ones against the account's
 * active hooks (from memory), and stores one item per (hook, event) in one transaction with one
 * batched insert; returns once it is committed, then tells the delivery loops which hooks received events.
 */
public final class Intake {
    /** What became of a request's events: accepted (valid), queued (items stored for hooks), rejected with reasons. */
    public record Result(int accepted, int queued, List<Events.Rejection> rejected) { }

    private final Jdbi jdbi;
    private final ActiveHooks hooks;
    private final ObjectMapper json;
    private final Clock clock;
    private final java.util.function.Consumer<java.util.Set<HookId>> received;

    public Intake(Jdbi jdbi, ActiveHooks hooks, ObjectMapper json, Clock clock,
                  java.util.function.Consumer<java.util.Set<HookId>> received) {
        this.jdbi = jdbi;
        this.hooks = hooks;
        this.json = json;
        this.clock = clock;
        this.received = received;
    }

    /** {@code body}: one event object or an array of them. */
    public Result take(AccountId account, JsonNode body) {
        List<JsonNode> events = new ArrayList<>();
        if (body.isArray()) {
            if (body.isEmpty() || body.size() > Events.MAX_PER_REQUEST) {
                throw Problem.invalid(null, "invalid_events", "send one event or an array of 1 to " + Events.MAX_PER_REQUEST);
            }
            body.forEach(events::add);
        } else if (body.isObject()) {
            events.add(body);
        } else {
            throw Problem.invalid(null, "invalid_events", "the body must be an event object or an array of events");
        }
        try {
            return take(account, events);
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException deletedHook) {
            hooks.forget(account); // a hook held in memory was deleted by another instance: match again, once
            return take(account, events);
        }
    }

    private Result take(AccountId account, List<JsonNode> events) {
        List<Events.Rejection> rejected = new ArrayList<>();
        List<String[]> items = new ArrayList<>();
        List<Hook> active = hooks.of(account);
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            Events.Rejection why = Events.check(i, e);
            if (why != null) {
                rejected.add(why);
                continue;
            }
            String type = e.get("event_type").textValue();
            String text = null;
            for (Hook k : active) {
                if (k.wants(e, type)) {
                    text = text == null ? write(e) : text;
                    items.add(new String[] {k.id().value(), text});
                }
            }
            if (text != null && text.length() > Events.MAX_CHARS) {
                items.removeIf(item -> item[1].length() > Events.MAX_CHARS);
                rejected.add(new Events.Rejection(i, "event_too_large", "an event must be at most " + Events.MAX_CHARS
                        + " characters of JSON"));
            }
        }
        if (!items.isEmpty()) {
            store(items);
            java.util.Set<HookId> hooks = new java.util.HashSet<>();
            items.forEach(i -> hooks.add(new HookId(i[0])));
            received.accept(hooks);
        }
        return new Result(events.size() - rejected.size(), items.size(), rejected);
    }

    private void store(List<String[]> items) {
        java.time.Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("insert into hook_items (hook_id, received_at, event) values (:hook, :at, :event)");
            for (String[] item : items) {
                batch.bind("hook", item[0]).bind("at", now).bind("event", item[1]).add();
            }
            batch.execute();
        });
    }

    private String write(JsonNode e) {
        try {
            return json.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

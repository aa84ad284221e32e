package dev.keyway.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.account.AccountId;
import dev.keyway.problem.Problem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes platform events: checks each ({@link Events}), matches the valid ones against the account's
 * active hooks (from memory), and stores each hook's events as {@link Chunks} through the {@link IntakeWriter}
 * (several requests per transaction); returns once they are committed.
 */
public final class Intake {
    /** What became of a request's events: accepted (valid), queued (items stored for hooks), rejected with reasons. */
    public record Result(int accepted, int queued, List<Events.Rejection> rejected) { }

    private final IntakeWriter writer;
    private final ActiveHooks hooks;
    private final ObjectMapper json;

    private Intake(IntakeWriter writer, ActiveHooks hooks, ObjectMapper json) {
        this.writer = writer;
        this.hooks = hooks;
        this.json = json;
    }

    /** The intake and the writer thread that commits for it; close the writer when Keyway stops. */
    public static Intake start(Chunks chunks, ActiveHooks hooks, ObjectMapper json, Clock clock, Handoff handoff,
                               Dispatcher dispatcher) {
        return new Intake(new IntakeWriter(chunks, handoff, dispatcher::received, clock), hooks, json);
    }

    /** Stops taking events once those already taken are committed. */
    public void stop() {
        writer.close();
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
        Map<Hook, List<String>> matched = new IdentityHashMap<>(); // the active hooks' own instances
        List<Hook> active = hooks.of(account);
        int queued = 0;
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
                    if (text.length() > Events.MAX_CHARS) {
                        break;
                    }
                    matched.computeIfAbsent(k, x -> new ArrayList<>()).add(text);
                    queued++;
                }
            }
            if (text != null && text.length() > Events.MAX_CHARS) {
                rejected.add(new Events.Rejection(i, "event_too_large", "an event must be at most " + Events.MAX_CHARS
                        + " characters of JSON"));
            }
        }
        if (queued > 0) {
            List<Chunks.Piece> pieces = new ArrayList<>();
            matched.forEach((k, texts) -> pieces.addAll(Chunks.cut(k.id(), texts, k.settings().maxBatchSize())));
            writer.write(pieces);
        }
        return new Result(events.size() - rejected.size(), queued, rejected);
    }

    private String write(JsonNode e) {
        try {
            return json.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

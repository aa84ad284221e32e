package dev.keyway.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.account.AccountId;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.connection.Status;
import dev.keyway.problem.Problem;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/** What a hook delivered and holds: counts, attempts, batches (dead letters), replay, discard, and the test event. */
public final class HookDeliveries {
    public static final int LISTED = 100;

    private final HookService hooks;
    private final Batches batches;
    private final ConnectionRepository connections;
    private final Sender sender;
    private final ObjectMapper json;
    private final Clock clock;
    private final Runnable wake;

    public HookDeliveries(HookService hooks, Batches batches, ConnectionRepository connections, Sender sender,
                          ObjectMapper json, Clock clock, Runnable wake) {
        this.hooks = hooks;
        this.batches = batches;
        this.connections = connections;
        this.sender = sender;
        this.json = json;
        this.clock = clock;
        this.wake = wake;
    }

    public HookStats stats(AccountId account, HookId id) {
        Hook k = hooks.get(account, id);
        boolean held = k.settings().connectionId() != null && connections.find(account, k.settings().connectionId())
                .map(c -> c.status() == Status.NEEDS_RECONNECT || (c.status() == Status.NOT_CONNECTED
                        && c.settings() instanceof OAuth2Settings o && o.grantType().connectStep())).orElse(false);
        return batches.stats(id, clock.instant(), held);
    }

    public List<Delivery> deliveries(AccountId account, HookId id) {
        hooks.get(account, id);
        return batches.deliveries(id, LISTED);
    }

    public List<Batch> batches(AccountId account, HookId id, String state) {
        hooks.get(account, id);
        if (state != null && !List.of(Batch.PENDING, Batch.DELIVERED, Batch.DEAD).contains(state)) {
            throw Problem.invalid("state", "invalid_value", "state must be pending, delivered or dead");
        }
        return batches.list(id, state, LISTED);
    }

    /** A dead batch is sent again: pending, attempts reset, due now, the same Idempotency-Key. */
    public Batch replay(AccountId account, HookId id, BatchId batch) {
        hooks.get(account, id);
        if (!batches.replay(id, batch, clock.instant())) {
            batches.find(id, batch).orElseThrow(() -> Problem.notFound("batch"));
            throw Problem.conflict(null, "not_dead", "only a dead batch can be replayed");
        }
        wake.run();
        return batches.find(id, batch).orElseThrow(() -> Problem.notFound("batch"));
    }

    public void discard(AccountId account, HookId id, BatchId batch) {
        hooks.get(account, id);
        if (!batches.discard(id, batch)) {
            batches.find(id, batch).orElseThrow(() -> Problem.notFound("batch"));
            throw Problem.conflict(null, "not_dead", "only a dead batch can be discarded");
        }
    }

    /** Sends {@code event} (or a sample when null) through the hook now, as a batch of one; nothing is stored. */
    public Sender.Outcome test(AccountId account, HookId id, JsonNode event) {
        Hook k = hooks.get(account, id);
        JsonNode e = event == null || event.isEmpty() ? Sender.sample(json, clock.instant()) : event;
        Events.Rejection why = Events.check(0, e);
        if (why != null) {
            throw Problem.invalid(null, why.code(), why.message());
        }
        try {
            return sender.send(k, "test_" + dev.keyway.crypto.Tokens.random(12), 1,
                    sender.body(k, List.of(json.writeValueAsString(e))), clock.instant());
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

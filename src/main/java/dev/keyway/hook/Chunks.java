package dev.keyway.hook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * A request's events for one hook, stored as chunks: one row holds a piece of at most a batch's worth of
 * events (at most {@link #MAX_CHARS} characters), their JSON texts joined by commas. A full piece is a
 * batch at once, in the intake's transaction (leased to this instance and handed over in memory when the
 * {@link Handoff} has room); the rest waits for more events or the hook's timeout (see {@link Batches#form}).
 */
public final class Chunks {
    /** H2's varchar limit; an event is at most {@link Events#MAX_CHARS}, so one always fits. */
    static final int MAX_CHARS = 1_000_000;

    /** Events for a hook: {@code full} when no more fit (a batch at once). */
    record Piece(HookId hook, int items, String events, boolean full) { }

    private final Jdbi jdbi;

    public Chunks(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Cuts a hook's events (JSON texts, in order) into pieces of at most {@code max} events and {@link #MAX_CHARS}. */
    static List<Piece> cut(HookId hook, List<String> events, int max) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder s = new StringBuilder();
        int n = 0;
        for (String e : events) {
            if (n > 0 && (n == max || s.length() + 1 + e.length() > MAX_CHARS)) {
                pieces.add(new Piece(hook, n, s.toString(), true));
                s.setLength(0);
                n = 0;
            }
            s.append(n == 0 ? "" : ",").append(e);
            n++;
        }
        if (n > 0) {
            pieces.add(new Piece(hook, n, s.toString(), n == max));
        }
        return pieces;
    }

    /** Stores the pieces in one transaction; returns the batches leased to this instance, to hand over once committed. */
    List<Batches.Claimed> store(List<Piece> pieces, Instant now, Handoff handoff) {
        List<Batches.Claimed> leased = new ArrayList<>();
        long[] reserved = {0};
        try {
            jdbi.useTransaction(h -> {
                PreparedBatch chunks = h.prepareBatch("insert into hook_chunks (hook_id, batch_id, received_at, items, events) "
                        + "values (:hook, :batch, :at, :items, :events)");
                PreparedBatch batches = h.prepareBatch("insert into hook_batches (id, hook_id, state, items, attempts, created_at, "
                        + "next_attempt_at, lease_owner, lease_until) values (:id, :hook, 'pending', :items, 0, :at, :due, :owner, :until)");
                for (Piece p : pieces) {
                    BatchId batch = p.full() ? BatchId.random() : null;
                    if (batch != null) {
                        Optional<Instant> until = handoff.reserve(now, p.events().length());
                        reserved[0] += until.isPresent() ? p.events().length() : 0;
                        String lease = until.isPresent() ? handoff.nextLease() : null;
                        batches.bind("id", batch.value()).bind("hook", p.hook().value()).bind("items", p.items()).bind("at", now)
                                .bind("due", until.orElse(now)).bind("owner", lease).bind("until", until.orElse(null)).add();
                        until.ifPresent(u -> leased.add(new Batches.Claimed(batch, p.hook(), 0, now, p.items(),
                                List.of(p.events()), lease, u)));
                    }
                    chunks.bind("hook", p.hook().value()).bind("batch", batch == null ? null : batch.value()).bind("at", now)
                            .bind("items", p.items()).bind("events", p.events()).add();
                }
                if (batches.size() > 0) {
                    batches.execute();
                }
                chunks.execute();
            });
        } catch (RuntimeException e) {
            handoff.cancel((int) reserved[0]);
            throw e;
        }
        return leased;
    }
}

package dev.keyway.hook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Forms batches from waiting events: a hook's first waiting chunks become a batch once they fill it or the oldest
 * has waited the hook's timeout. What is waiting is known in memory, as a lower bound: this instance's intake adds
 * to it, and every {@link #SCAN_EVERY} (and after a restart) one grouped read of all waiting events replaces it, so
 * other instances' events count too. The database is read for a hook only when the estimate says a batch may be
 * due. One loop of this instance forms at a time; the hook's row lock orders instances.
 */
final class Forming {
    static final Duration SCAN_EVERY = Duration.ofSeconds(5);

    /** At least {@code count} events wait for a hook, the oldest since {@code oldest}. */
    private record Estimate(int count, Instant oldest) {
        Estimate plus(Estimate more) {
            return new Estimate(count + more.count, oldest.isBefore(more.oldest) ? oldest : more.oldest);
        }
    }

    private final Batches batches;
    private final ActiveHooks hooks;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<HookId, Estimate> waiting = new ConcurrentHashMap<>();
    private volatile long lastScan = System.nanoTime() - SCAN_EVERY.toNanos() - 1;

    Forming(Batches batches, ActiveHooks hooks, Clock clock) {
        this.batches = batches;
        this.hooks = hooks;
        this.clock = clock;
    }

    /** This instance's intake stored {@code count} waiting events for {@code hook} at {@code at}. */
    void received(HookId hook, int count, Instant at) {
        waiting.merge(hook, new Estimate(count, at), Estimate::plus);
    }

    /** Forms every batch that is due; false when none was (or another loop is forming). */
    boolean formDue() {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            long t = System.nanoTime();
            if (t - lastScan > SCAN_EVERY.toNanos()) {
                lastScan = t;
                batches.waiting().forEach(w -> waiting.put(w.hook(), new Estimate(w.count(), w.oldest())));
            }
            boolean formed = false;
            Instant now = clock.instant();
            for (HookId id : List.copyOf(waiting.keySet())) {
                formed |= form(id, now);
            }
            return formed;
        } finally {
            lock.unlock();
        }
    }

    private boolean form(HookId id, Instant now) {
        Optional<Hook> hook = hooks.hook(id);
        Estimate known = waiting.get(id);
        if (hook.isEmpty() || known == null) {
            waiting.remove(id);
            return false;
        }
        int max = hook.get().settings().maxBatchSize();
        long timeout = hook.get().settings().timeoutSeconds();
        if (known.count() < max && known.oldest().plusSeconds(timeout).isAfter(now)) {
            return false; // not full, not timed out: no need to read
        }
        boolean formed = false;
        while (true) {
            Optional<Batches.Waiting> w = batches.waiting(id, max);
            if (w.isEmpty()) {
                waiting.remove(id);
                return formed;
            }
            boolean timedOut = !w.get().oldest().plusSeconds(timeout).isAfter(now);
            if ((w.get().count() < max && !timedOut) || batches.form(id, max, now).isEmpty()) {
                // what the database says is waiting; this instance's intake may add to it meanwhile
                waiting.merge(id, new Estimate(w.get().count(), w.get().oldest()), (old, db) -> db);
                return formed;
            }
            formed = true;
        }
    }
}

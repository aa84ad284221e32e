package dev.keyway.hook;

import dev.keyway.config.HookLimits;
import dev.keyway.crypto.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery loops of this instance: each forms the batches that are due ({@link Forming}), takes one batch
 * the intake handed over in memory or claims one due batch (a lease in the database), sends it and records the
 * outcome. Woken by the intake; the first loop also looks every {@link HookLimits#pollEvery()}.
 * Due times come from the injected clock.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Batches batches;
    private final ActiveHooks hooks;
    private final Sender sender;
    private final HookLimits limits;
    private final Clock clock;
    private final Handoff handoff;
    private final Signal signal = new Signal();
    private final List<Thread> loops = new ArrayList<>();
    private static final Duration HELD_RETRY = Duration.ofSeconds(30);
    private final Forming forming;
    private final Duration claimLease;
    /** The database may hold batches due now (formed, stored unleased, given back): loops other than the first claim only then. */
    private final java.util.concurrent.atomic.AtomicBoolean claimable = new java.util.concurrent.atomic.AtomicBoolean(true);
    private volatile boolean running;

    public Dispatcher(Batches batches, ActiveHooks hooks, Sender sender, HookLimits limits, Clock clock, Handoff handoff) {
        this.batches = batches;
        this.hooks = hooks;
        this.sender = sender;
        this.limits = limits;
        this.clock = clock;
        this.handoff = handoff;
        this.forming = new Forming(batches, hooks, clock);
        // a claim's lease outlasts the longest send, whatever lease is configured
        this.claimLease = limits.lease().compareTo(handoff.sendBound()) > 0 ? limits.lease() : handoff.sendBound();
    }

    /** A new instance name for batch leases. */
    public static String newOwner() {
        return "ins_" + Tokens.random(8);
    }

    /** Starts the loops: the first looks in the database every {@link HookLimits#pollEvery()}; the others sleep until woken. */
    public synchronized void start() {
        running = true;
        for (int i = 0; i < limits.workers(); i++) {
            boolean polls = i == 0;
            loops.add(Thread.ofPlatform().daemon().name("hook-delivery-" + i).start(() -> loop(polls)));
        }
    }

    /** Something may be due in the database (a replayed batch): wake the loops. */
    public void wake() {
        claimable.set(true);
        signal.raise();
    }

    @Override
    public synchronized void close() {
        running = false;
        signal.raise();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos(); // all loops together, not 5 s each
        for (Thread t : loops) {
            try {
                t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loops.clear();
        List<Batches.Claimed> unsent = handoff.drain(); // what this instance will not send: claimable at once, not after the lease
        if (!unsent.isEmpty()) {
            try {
                batches.release(unsent, clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("{} batches held in memory stay leased until their lease ends: {}", unsent.size(), e.getMessage());
            }
        }
    }

    private void loop(boolean polls) {
        long turn = 0;
        while (running) {
            long seen = signal.seen();
            try {
                boolean formed = forming.formDue();
                if (formed) {
                    claimable.set(true);
                }
                boolean worked = formed | sendOne(turn++ % 2 == 0, polls);
                if (!worked && running) {
                    // the first loop looks every pollEvery; the others sleep until woken (or 20 × longer: a slow send
                    // of the first must not leave retries and timed-out batches unseen)
                    signal.await(seen, limits.pollEvery().toMillis() * (polls ? 1 : 20));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.error("hook delivery loop failed; going on after a pause", e);
                try {
                    signal.await(signal.seen(), limits.pollEvery().toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /**
     * What this instance's intake just stored: events waiting for a batch per hook (at {@code at}), batches handed
     * over in memory, and full batches stored unleased (memory was full). Wakes a loop per batch, or one.
     */
    public void received(Map<HookId, Integer> waiting, Instant at, int handedOver, int unleased) {
        waiting.forEach((hook, count) -> forming.received(hook, count, at));
        if (unleased > 0) {
            claimable.set(true);
        }
        signal.raise(Math.max(1, handedOver + unleased));
    }

    /**
     * Sends one batch: one the intake handed over in memory, or one claimed from the database (due retries, batches
     * formed on timeout, another instance's expired leases); {@code memoryFirst} alternates per loop, so that neither
     * starves the other. False when none was due.
     */
    boolean sendOne(boolean memoryFirst, boolean polls) {
        Instant now = clock.instant();
        Optional<Batches.Claimed> claimed = memoryFirst ? fromMemory(now) : Optional.empty();
        if (claimed.isEmpty() && (polls || claimable.getAndSet(false))) {
            claimed = batches.claim(handoff::nextLease, now, now.plus(claimLease));
            if (claimed.isPresent()) {
                claimable.set(true);
                signal.raise(1); // there may be more: one more loop looks (and, finding one, wakes the next)
            }
        }
        if (claimed.isEmpty() && !memoryFirst) {
            claimed = fromMemory(now);
        }
        if (claimed.isEmpty()) {
            return false;
        }
        Batches.Claimed b = claimed.get();
        Optional<Hook> hook = hook(b.hook());
        if (hook.isEmpty()) {
            return true; // deleted meanwhile: its batches went with it
        }
        Sender.Outcome o;
        try {
            o = sender.send(hook.get(), b.id().value(), b.attempts() + 1, sender.body(hook.get(), b.chunks()), clock.instant());
        } catch (java.io.IOException | RuntimeException e) { // a stored event that is not JSON, a bug: an attempt, not a loop
            // the class only: a parse failure's message may quote the stored event
            LOG.error("hook {} batch {}: the attempt failed unexpectedly ({})", b.hook(), b.id(), e.getClass().getName());
            LOG.debug("hook {} batch {}: unexpected failure", b.hook(), b.id(), e);
            o = Sender.Outcome.unexpected(hook.get(), e);
        }
        Instant at = clock.instant();
        if (o.held() != null) {
            LOG.info("hook {} batch {} held: {}", b.hook(), b.id(), o.error());
            // due at once when the connection needs reconnection: claims skip it until it is connected again;
            // a connection never connected is not skipped by claims, so its batches look again after a while
            batches.release(b.id(), b.lease(), "needs_reconnect".equals(o.held()) ? at : at.plus(HELD_RETRY));
            claimable.set(true);
            return true;
        }
        String excerpt = o.error() != null ? o.error() : o.excerpt();
        if (o.success()) {
            batches.delivered(b.id(), b.lease(), new Delivery(b.id(), at, b.items(), o.status(), o.latencyMs(),
                    Delivery.DELIVERED, excerpt), b.hook());
            return true;
        }
        int attempts = b.attempts() + 1;
        boolean dead = attempts >= limits.maxAttempts() || !b.createdAt().plus(limits.maxAge()).isAfter(at);
        Instant next = dead ? null : at.plus(backoff(attempts));
        batches.failed(b.id(), b.lease(), new Delivery(b.id(), at, b.items(), o.status(), o.latencyMs(),
                dead ? Delivery.DEAD : Delivery.FAILED, excerpt), b.hook(), next);
        LOG.info("hook {} batch {} attempt {} failed ({}){}", b.hook(), b.id(), attempts,
                o.status() == null ? o.error() : "HTTP " + o.status(), dead ? ": dead letter" : ", next at " + next);
        return true;
    }

    private Optional<Batches.Claimed> fromMemory(Instant now) {
        return handoff.take(now);
    }

    /** retryBase × 2^(attempts−1), at most an hour, ±20 %. */
    Duration backoff(int attempts) {
        long base = limits.retryBase().toMillis();
        long ms = Math.min(base << Math.min(attempts - 1, 20), 3_600_000L);
        return Duration.ofMillis((long) (ms * (0.8 + ThreadLocalRandom.current().nextDouble() * 0.4)));
    }

    private Optional<Hook> hook(HookId id) {
        return hooks.hook(id);
    }
}

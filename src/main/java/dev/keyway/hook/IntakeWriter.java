package dev.keyway.hook;

import dev.keyway.problem.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Commits the intake's requests, several in one transaction (group commit): the requests that arrive while a commit
 * is being written go together in the next. H2 writes its file on every commit (1–5 ms on this machine's disk), so
 * requests of a few events each were bound by commits one at a time. A request returns once its events are
 * committed; when a group's transaction fails, its requests are committed one by one, so that one bad request
 * (a hook deleted by another instance) fails alone. Then it hands the batches it leased to the delivery loops.
 */
final class IntakeWriter implements AutoCloseable {
    static final int MAX_GROUP = 64;
    /** How long a request waits for its commit (H2 and PostgreSQL wait at most 20 s for a lock). */
    static final Duration WAIT = Duration.ofSeconds(60);
    private static final java.util.function.Supplier<Problem> STOPPING =
            () -> Problem.unavailable("stopping", "Keyway is stopping: the events were not stored; send them again");

    private record Job(List<Chunks.Piece> pieces, CompletableFuture<Void> done) { }

    /** Who hears what a commit stored: the delivery loops ({@link Dispatcher#received}). */
    interface Stored {
        void received(Map<HookId, Integer> waiting, Instant at, int handedOver, int unleased);
    }

    private final Chunks chunks;
    private final Handoff handoff;
    private final Stored dispatcher;
    private final Clock clock;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    IntakeWriter(Chunks chunks, Handoff handoff, Stored dispatcher, Clock clock) {
        this(chunks, handoff, dispatcher, clock, true);
    }

    /** {@code start} false: no writer thread, a test calls {@link #commitWaiting()}. */
    IntakeWriter(Chunks chunks, Handoff handoff, Stored dispatcher, Clock clock, boolean start) {
        this.chunks = chunks;
        this.handoff = handoff;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.writer = start ? Thread.ofPlatform().daemon().name("hook-intake").start(this::run) : null;
    }

    /** Stores {@code pieces}; returns once they are committed, or throws what the commit threw. */
    void write(List<Chunks.Piece> pieces) {
        if (!running) {
            throw STOPPING.get();
        }
        Job job = new Job(pieces, new CompletableFuture<>());
        queue.add(job);
        try {
            job.done().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) { // stored later or not: the platform sends again, duplicates are allowed
            throw Problem.unavailable("intake_busy", "the events were not stored in time: send them again", Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw STOPPING.get();
        }
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                Job first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Job> group = new ArrayList<>(List.of(first));
                    queue.drainTo(group, MAX_GROUP - 1);
                    try {
                        commit(group);
                    } catch (Error e) { // the requests fail, the writer goes on
                        group.forEach(j -> j.done().completeExceptionally(e));
                    }
                }
            } catch (InterruptedException e) {
                break;
            }
        }
        queue.forEach(j -> j.done().completeExceptionally(STOPPING.get()));
    }

    /** Requests waiting to be committed. */
    int waiting() {
        return queue.size();
    }

    /** Commits the requests waiting now as one group (the writer thread's step). */
    void commitWaiting() {
        List<Job> group = new ArrayList<>();
        queue.drainTo(group, MAX_GROUP);
        if (!group.isEmpty()) {
            commit(group);
        }
    }

    private void commit(List<Job> group) {
        try {
            store(group.stream().flatMap(j -> j.pieces().stream()).toList());
            group.forEach(j -> j.done().complete(null));
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.getFirst().done().completeExceptionally(e);
                return;
            }
            group.forEach(j -> commit(List.of(j)));
        }
    }

    private void store(List<Chunks.Piece> pieces) {
        Instant now = clock.instant();
        List<Batches.Claimed> leased = chunks.store(pieces, now, handoff);
        leased.forEach(handoff::put);
        Map<HookId, Integer> waiting = new HashMap<>();
        pieces.stream().filter(p -> !p.full()).forEach(p -> waiting.merge(p.hook(), p.items(), Integer::sum));
        int full = (int) pieces.stream().filter(Chunks.Piece::full).count();
        dispatcher.received(waiting, now, leased.size(), full - leased.size());
    }

    @Override
    public void close() {
        running = false;
        try {
            if (writer != null) {
                writer.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

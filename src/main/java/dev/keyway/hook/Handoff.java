package dev.keyway.hook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * Full batches the intake formed and leased to this instance in its own transaction, handed to this
 * instance's delivery loops in memory: no claim, no read back. Bounded by the events' characters held: when it is full, the intake
 * stores a batch unleased and a loop claims it from the database like any other. A batch's lease is the
 * time it may wait here plus the longest a send can take ({@link #sendBound()}); one that waited longer is
 * dropped from memory, and once its lease ends any instance claims it.
 */
public final class Handoff {
    private final String owner;
    private final Duration wait;
    private final Duration sendBound;
    private final Semaphore room;
    private final Queue<Batches.Claimed> ready = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicLong leases = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param wait how long a batch may wait in memory
     * @param sendBound the longest a send can take (requests, refreshes): no batch is sent on a lease shorter than this
     * @param capacity characters of events held at most
     */
    public Handoff(String owner, Duration wait, Duration sendBound, int capacity) {
        this.owner = owner;
        this.wait = wait;
        this.sendBound = sendBound;
        this.room = new Semaphore(capacity);
    }

    public Duration sendBound() {
        return sendBound;
    }

    /** A lease_owner value for one claim: this instance's name and a number of its own. */
    public String nextLease() {
        return owner + "." + leases.incrementAndGet();
    }

    /** The end of a lease for one more batch of {@code chars} in memory, or empty when there is no room. */
    Optional<Instant> reserve(Instant now, int chars) {
        return room.tryAcquire(chars) ? Optional.of(now.plus(wait).plus(sendBound)) : Optional.empty();
    }

    /** Reserved room not used (the intake's transaction failed). */
    void cancel(int chars) {
        room.release(chars);
    }

    void put(Batches.Claimed batch) {
        ready.add(batch);
    }

    /** The next batch whose lease outlasts a send started now, or empty. */
    Optional<Batches.Claimed> take(Instant now) {
        Batches.Claimed next;
        while ((next = ready.poll()) != null) {
            room.release(chars(next));
            if (next.leaseUntil().isAfter(now.plus(sendBound))) {
                return Optional.of(next);
            }
        }
        return Optional.empty();
    }

    /** Empties memory (the instance stops): the batches, to give their leases back. */
    java.util.List<Batches.Claimed> drain() {
        java.util.List<Batches.Claimed> out = new java.util.ArrayList<>();
        for (Batches.Claimed next; (next = ready.poll()) != null; ) {
            room.release(chars(next));
            out.add(next);
        }
        return out;
    }

    int size() {
        return ready.size();
    }

    static int chars(Batches.Claimed batch) {
        return batch.chunks().stream().mapToInt(String::length).sum();
    }
}

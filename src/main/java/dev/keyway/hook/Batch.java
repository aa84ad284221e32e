package dev.keyway.hook;

import java.time.Instant;

/**
 * A batch of a hook's events, the unit of delivery; its id is the {@code Idempotency-Key}.
 *
 * @param state pending (waiting, in flight or held), delivered or dead
 * @param leaseUntil while in the future, an instance is sending it
 */
public record Batch(BatchId id, HookId hook, String state, int items, int attempts, Instant createdAt,
                    Instant nextAttemptAt, Instant leaseUntil, Integer lastStatus, String lastError, Instant finishedAt) {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String DEAD = "dead";
}

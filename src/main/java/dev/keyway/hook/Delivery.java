package dev.keyway.hook;

import java.time.Instant;

/** One attempt to send a batch: when, the answer's status (null when none came), latency, outcome, excerpt. */
public record Delivery(BatchId batch, Instant attemptedAt, int items, Integer statusCode, long latencyMs, String outcome,
                       String excerpt) {
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String DEAD = "dead";
}

package dev.keyway.hook;

import dev.keyway.crypto.Tokens;

/** Typed id of a batch; also its {@code Idempotency-Key}, the same on every attempt and replay. */
public record BatchId(String value) {
    public static BatchId random() {
        return new BatchId("bat_" + Tokens.random(16));
    }

    @Override
    public String toString() {
        return value;
    }
}

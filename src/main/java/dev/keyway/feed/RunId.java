package dev.keyway.feed;

import dev.keyway.crypto.Tokens;

/** Typed id of one run of a feed import. */
public record RunId(String value) {
    public static RunId random() {
        return new RunId("run_" + Tokens.random(12));
    }

    @Override
    public String toString() {
        return value;
    }
}

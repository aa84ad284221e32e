package dev.keyway.feed;

import dev.keyway.crypto.Tokens;

/** Typed id of a feed import. */
public record ImportId(String value) {
    public static ImportId random() {
        return new ImportId("imp_" + Tokens.random(12));
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.keyway.hook;

import dev.keyway.crypto.Tokens;

/** Typed id of a hook. */
public record HookId(String value) {
    public static HookId random() {
        return new HookId("hook_" + Tokens.random(12));
    }

    @Override
    public String toString() {
        return value;
    }
}

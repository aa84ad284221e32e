package dev.keyway.connection;

import dev.keyway.crypto.Tokens;

/** Typed id of a connection. */
public record ConnectionId(String value) {
    public static ConnectionId random() {
        return new ConnectionId("con_" + Tokens.random(12));
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.keyway.connection;

import java.util.Locale;

/** Where a connection stands, as the operator sees it. */
public enum Status {
    /** Never connected, or disconnected. */
    NOT_CONNECTED,
    /** Holds a grant that works (or can be refreshed). */
    CONNECTED,
    /** The last refresh failed for a reason that may pass (5xx, 408, 429, timeout, network); retried with backoff. */
    REFRESH_FAILING,
    /** The service refused the grant or the client (invalid_grant, invalid_client, other definite 4xx), or its settings changed. */
    NEEDS_RECONNECT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}

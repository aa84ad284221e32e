package dev.keyway.token;

/** Why Keyway refreshes a grant; logged with every decision. */
public enum Reason {
    /** No token yet: a grant without Connect step fetches its first one on demand. */
    FIRST,
    /** The access token has expired. */
    EXPIRED,
    /** The access token expires within the skew. */
    EXPIRING,
    /** The proactive job found it expiring within the margin. */
    PROACTIVE,
    /** A caller asked for it. */
    FORCED,
    /** The service answered a call with its "token expired" status. */
    ON_401;

    public String wire() {
        return name().toLowerCase().replace("on_401", "on-401");
    }
}

package dev.keyway.oauth;

/** What a refused token request means for the connection. */
public enum Failure {
    /** Definite refusal (bad grant, bad client, other 4xx, a redirect): stop trying, the operator must reconnect or fix the settings. */
    NEEDS_RECONNECT,
    /** The server could not answer properly now (5xx, 408, 409, 423, 425, 429, garbled 2xx): retry later with backoff. */
    TRANSIENT
}

package dev.keyway.feed;

/** The feed is not a readable YML document (malformed, truncated, not yml_catalog): the run fails. */
public final class FeedFormatException extends Exception {
    public FeedFormatException(String message) {
        super(message, null, false, false);
    }
}

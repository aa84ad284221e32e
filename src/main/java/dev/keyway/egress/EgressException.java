package dev.keyway.egress;

import java.io.IOException;
import java.util.Objects;

/**
 * The egress guard refused a request (or a redirect hop), or a cap was hit. The message names the
 * rule and the host or address, never header values or bodies.
 */
public final class EgressException extends IOException {
    private static final long serialVersionUID = 1L;

    private final Rule rule;

    public EgressException(Rule rule, String message) {
        this(rule, message, null);
    }

    public EgressException(Rule rule, String message, Throwable cause) {
        super(Objects.requireNonNull(rule, "rule").code() + ": " + message, cause);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}

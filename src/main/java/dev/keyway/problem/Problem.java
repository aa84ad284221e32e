package dev.keyway.problem;

/**
 * A refusal Keyway explains to its caller: a stable machine code, a human message and, for bad
 * input, the field at fault. The web layer maps {@link Kind} to an HTTP status; nothing else does.
 * Messages never contain a secret.
 */
public final class Problem extends RuntimeException {
    public enum Kind { INVALID, UNAUTHORIZED, NOT_FOUND, CONFLICT, UNAVAILABLE, BAD_GATEWAY, GATEWAY_TIMEOUT }

    private final Kind kind;
    private final String code;
    private final String field;
    private java.time.Duration retryAfter;

    private Problem(Kind kind, String code, String message, String field) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    public static Problem invalid(String field, String code, String message) {
        return new Problem(Kind.INVALID, code, message, field);
    }

    public static Problem notFound(String what) {
        return new Problem(Kind.NOT_FOUND, "not_found", what + " not found", null);
    }

    public static Problem conflict(String field, String code, String message) {
        return new Problem(Kind.CONFLICT, code, message, field);
    }

    public static Problem unavailable(String code, String message) {
        return new Problem(Kind.UNAVAILABLE, code, message, null);
    }

    /** The upstream service could not be reached or answered something Keyway will not pass on (502). */
    public static Problem badGateway(String code, String message) {
        return new Problem(Kind.BAD_GATEWAY, code, message, null);
    }

    /** The upstream service did not answer in time (504). */
    public static Problem gatewayTimeout(String code, String message) {
        return new Problem(Kind.GATEWAY_TIMEOUT, code, message, null);
    }

    /** Unavailable now; worth trying again after {@code retryAfter} (the answer's Retry-After). */
    public static Problem unavailable(String code, String message, java.time.Duration retryAfter) {
        Problem p = unavailable(code, message);
        p.retryAfter = retryAfter.isNegative() ? java.time.Duration.ZERO : retryAfter;
        return p;
    }

    /** When to try again, or null when unknown. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    public static Problem unauthorized(String message) {
        return new Problem(Kind.UNAUTHORIZED, "unauthorized", message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}

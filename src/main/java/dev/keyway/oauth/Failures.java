package dev.keyway.oauth;

import java.util.Set;

/** The failure taxonomy of token requests. */
final class Failures {

    /** Statuses that say "not now": 408 timeout, 409 conflict, 423 locked, 425 too early, 429 too many requests. */
    static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 409, 423, 425, 429);
    /** RFC 6749 codes meaning "try later", plus the same meaning as spelled by providers that answer 200 (Slack). */
    static final Set<String> TRANSIENT_ERRORS = Set.of("temporarily_unavailable", "server_error", "internal_error",
            "service_unavailable", "request_timeout", "ratelimited", "rate_limited", "slow_down");

    private Failures() {
    }

    /**
     * In order: a 3xx → NEEDS_RECONNECT (redirects are not followed: the token URL is wrong, retrying cannot help);
     * a transient error code → TRANSIENT; 5xx or a transient status → TRANSIENT; any other 4xx →
     * NEEDS_RECONNECT (whatever the code, even with an unreadable body: the status is definite); otherwise (1xx,
     * 2xx) an error code → NEEDS_RECONNECT (e.g. GitHub's 200 with {@code bad_verification_code}) and no error
     * code or {@code invalid_token_response} (garbled answer) → TRANSIENT.
     */
    static Failure classify(String error, int status) {
        if (TokenUrlRedirect.is(status)) {
            return Failure.NEEDS_RECONNECT;
        }
        if (error != null && TRANSIENT_ERRORS.contains(error)) {
            return Failure.TRANSIENT;
        }
        if (status >= 500 || TRANSIENT_STATUSES.contains(status)) {
            return Failure.TRANSIENT;
        }
        if (status >= 400) {
            return Failure.NEEDS_RECONNECT;
        }
        return error == null || TokenResponses.INVALID_RESPONSE.equals(error) ? Failure.TRANSIENT
                : Failure.NEEDS_RECONNECT;
    }
}

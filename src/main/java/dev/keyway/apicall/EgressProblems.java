package dev.keyway.apicall;

import dev.keyway.egress.EgressException;
import dev.keyway.problem.Problem;
import java.io.IOException;

/**
 * Keyway's own refusals and failures, told apart from the service's answers: a guard refusal is a
 * 400 with the rule's code (e.g. {@code egress_loopback}); an unreachable service 502
 * {@code upstream_unreachable}; a timeout 504 {@code upstream_timeout}; an oversized answer 502
 * {@code upstream_too_large}; too many redirects 502 {@code upstream_too_many_redirects}.
 */
public final class EgressProblems {
    private EgressProblems() {
    }

    static Problem of(IOException failure, String field) {
        if (!(failure instanceof EgressException e)) {
            return Problem.badGateway("upstream_unreachable", "the service could not be reached: " + describe(failure));
        }
        return switch (e.rule()) {
            case TIMEOUT -> Problem.gatewayTimeout("upstream_timeout", "the service did not answer in time");
            case RESPONSE_TOO_LARGE -> Problem.badGateway("upstream_too_large", "the service's answer is larger than Keyway accepts");
            case TOO_MANY_REDIRECTS -> Problem.badGateway("upstream_too_many_redirects", e.getMessage());
            default -> Problem.invalid(field, e.rule().code(), e.getMessage());
        };
    }

    /** The failure's class and message, without any URL query (a token may be placed there): for messages and logs. */
    public static String describe(IOException failure) {
        String m = failure.getMessage() == null ? "" : failure.getMessage().replaceAll("\\?\\S*", "?...");
        return failure.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + (m.length() > 200 ? m.substring(0, 200) : m));
    }
}

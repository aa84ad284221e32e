package dev.keyway.oauth;

import java.time.Duration;
import java.util.Objects;

/** The outcome of a token request, see {@link TokenResponses#parse}. */
public sealed interface TokenResult {

    /** The server issued tokens. */
    record Issued(TokenSet tokens) implements TokenResult {
        public Issued {
            Objects.requireNonNull(tokens, "tokens");
        }
    }

    /**
     * The server refused, or its answer could not be understood.
     *
     * @param error       the OAuth error code (RFC 6749 §5.2) the server sent, or {@code invalid_token_response} /
     *                    {@code server_error} when it sent none that could be read
     * @param description nullable; sanitized (no control characters, token-looking words redacted), at most 300 chars
     * @param httpStatus  the HTTP status of the response
     * @param failure     what the refusal means for the connection
     * @param retryAfter  nullable; how long the server asked us to wait (its {@code Retry-After}), never negative
     */
    record Refused(String error, String description, int httpStatus, Failure failure, Duration retryAfter)
            implements TokenResult {
        public Refused {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(failure, "failure");
            description = Sanitizer.text(description);
            if (retryAfter != null && retryAfter.isNegative()) {
                retryAfter = Duration.ZERO;
            }
        }

        /** A refusal that says nothing about when to try again. */
        public Refused(String error, String description, int httpStatus, Failure failure) {
            this(error, description, httpStatus, failure, null);
        }

        /** The same refusal with the server's {@code Retry-After} (null: none). */
        public Refused withRetryAfter(Duration wait) {
            return new Refused(error, description, httpStatus, failure, wait);
        }
    }
}

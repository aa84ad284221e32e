package dev.keyway.oauth;

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
     */
    record Refused(String error, String description, int httpStatus, Failure failure) implements TokenResult {
        public Refused {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(failure, "failure");
            description = Sanitizer.text(description);
        }
    }
}

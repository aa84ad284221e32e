package dev.keyway.oauth;

import java.util.Map;

/**
 * The query of the redirect back to Keyway (RFC 6749 §4.1.2 and §4.1.2.1, RFC 9207 {@code iss}). Blank values are
 * null. {@code error} and {@code errorDescription} come from whoever loaded the callback URL, so they are sanitized
 * like token-endpoint text. {@code toString()} hides code and state.
 */
public record CallbackParams(String code, String state, String error, String errorDescription, String iss) {

    /** From the decoded query parameters (first value of each). */
    public static CallbackParams fromQuery(Map<String, String> q) {
        return new CallbackParams(value(q, "code"), value(q, "state"), Sanitizer.text(value(q, "error")),
                Sanitizer.text(value(q, "error_description")), value(q, "iss"));
    }

    /** The authorization server answered with an error (e.g. {@code access_denied}). */
    public boolean isError() {
        return error != null;
    }

    private static String value(Map<String, String> q, String name) {
        String v = q == null ? null : q.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    @Override
    public String toString() {
        return "CallbackParams[code=" + (code == null ? "none" : "***") + ", state=" + (state == null ? "none" : "***")
                + ", error=" + error + ", errorDescription=" + errorDescription + ", iss=" + iss + "]";
    }
}

package dev.keyway.oauth;

import java.util.List;
import java.util.Map;

/** Finds the refusal in a parsed token-endpoint body (RFC 6749 §5.2 and common variants). */
final class OAuthErrors {

    private static final int MAX_CODE = 64;
    private static final List<String> MESSAGES = List.of("error_description", "message", "error_message", "detail");

    private OAuthErrors() {
    }

    /** The refusal this body and status mean, or null when it is a 2xx without an {@code error} member. */
    static TokenResult.Refused refusal(Map<String, Object> m, int status) {
        String code = null;
        String description = null;
        Object error = m.get("error");
        if (error instanceof String s && !s.isBlank()) {
            code = s;
            description = TokenMembers.text(m, "error_description");
        } else if (error instanceof Map<?, ?> nested && !nested.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> obj = (Map<String, Object>) nested;
            code = firstText(obj, List.of("type", "code", "error", "status"));
            code = code == null ? TokenResponses.INVALID_RESPONSE : code;
            description = firstText(obj, MESSAGES);
        }
        if (code == null) {
            if (status >= 200 && status < 300) {
                return null;
            }
            code = status >= 500 ? "server_error" : TokenResponses.INVALID_RESPONSE;
            description = firstText(m, MESSAGES);
            description = description == null ? "HTTP " + status + " without an OAuth error" : description;
        }
        return TokenResponses.refused(errorCode(code), description, status);
    }

    /** RFC 6749 §5.2 error characters only (printable ASCII except double quote and backslash), ≤ 64 characters. */
    static String errorCode(String raw) {
        StringBuilder b = new StringBuilder();
        raw.strip().chars().filter(c -> c >= 0x20 && c <= 0x7E && c != '"' && c != '\\')
                .limit(MAX_CODE).forEach(c -> b.append((char) c));
        String clean = b.toString().strip();
        return clean.isEmpty() ? TokenResponses.INVALID_RESPONSE : clean;
    }

    private static String firstText(Map<String, Object> m, List<String> names) {
        for (String name : names) {
            Object v = m.get(name);
            if (v instanceof String s && !s.isBlank()) {
                return s;
            }
            if (v instanceof Number n) {
                return n.toString();
            }
        }
        return null;
    }
}

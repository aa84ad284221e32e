package dev.keyway.oauth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a token-endpoint body as JSON or form, whatever the Content-Type claims. */
final class ResponseBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };
    /** {@code name=value&…}: no whitespace or markup, first name made of token characters. */
    private static final Pattern FORM = Pattern.compile("[\\w.\\-]+=[^\\s<>]*");

    private ResponseBodies() {
    }

    /** The members of the body, or null when it is neither a JSON object nor a form. */
    static Map<String, Object> parse(String contentType, String body) {
        String text = body.strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1).strip();
        }
        if (text.isEmpty()) {
            return null;
        }
        if (text.startsWith("{")) {
            return json(text);
        }
        boolean declaredForm = contentType != null
                && contentType.toLowerCase(Locale.ROOT).contains("application/x-www-form-urlencoded");
        if (declaredForm || FORM.matcher(text).matches()) {
            Map<String, String> form = Forms.parse(text);
            return form.isEmpty() ? null : new LinkedHashMap<>(form);
        }
        return null;
    }

    private static Map<String, Object> json(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? JSON.convertValue(node, MAP) : null;
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }
}

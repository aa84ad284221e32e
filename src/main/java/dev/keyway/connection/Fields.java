package dev.keyway.connection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.problem.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Reading one JSON member of a request body (connections, imports), or a 400 naming it. */
public final class Fields {
    private Fields() {
    }

    public static String required(JsonNode body, String field, int max) {
        String s = optional(body, field, max);
        if (s == null || s.isBlank()) {
            throw Problem.invalid(field, "required", field + " is required");
        }
        return s;
    }

    public static String optional(JsonNode body, String field, int max) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw Problem.invalid(field, "invalid_type", field + " must be a string");
        }
        String s = n.textValue().strip();
        if (s.length() > max) {
            throw Problem.invalid(field, "too_long", field + " must be at most " + max + " characters");
        }
        if (s.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw Problem.invalid(field, "invalid_value", field + " must not contain control characters");
        }
        return s.isEmpty() ? null : s;
    }

    /** An absolute http(s) URL with a host, no user info and no fragment; plain http only where allowed. */
    public static URI url(JsonNode body, String field, boolean required, Predicate<URI> httpAllowed) {
        String s = required ? required(body, field, 2000) : optional(body, field, 2000);
        if (s == null) {
            return null;
        }
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            boolean ok = uri.isAbsolute() && uri.getHost() != null && uri.getRawUserInfo() == null
                    && uri.getRawFragment() == null && (scheme.equals("https") || scheme.equals("http"));
            if (!ok) {
                throw Problem.invalid(field, "invalid_url",
                        field + " must be an absolute http(s) URL with a host, no user info and no fragment");
            }
            if (scheme.equals("http") && !httpAllowed.test(uri)) {
                throw Problem.invalid(field, "https_required", field + " must use https");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw Problem.invalid(field, "invalid_url", field + " is not a valid URL");
        }
    }

    public static boolean bool(JsonNode body, String field, boolean fallback) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw Problem.invalid(field, "invalid_type", field + " must be true or false");
        }
        return n.booleanValue();
    }

    /** An object of string values, none of whose names is reserved. */
    public static Map<String, String> strings(JsonNode body, String field, Set<String> reserved, int maxValue) {
        JsonNode n = body.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject() || n.size() > 30) {
            throw Problem.invalid(field, "invalid_type", field + " must be an object of at most 30 string values");
        }
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            String key = e.getKey();
            if (key.isBlank() || key.length() > 100 || !e.getValue().isTextual() || e.getValue().textValue().length() > maxValue) {
                throw Problem.invalid(field, "invalid_value", field + " must map names to strings of at most " + maxValue + " characters");
            }
            if (reserved.contains(key.toLowerCase())) {
                throw Problem.invalid(field, "reserved_parameter", "'" + key + "' is set by Keyway and cannot be set here");
            }
            out.put(key, e.getValue().textValue());
        }
        return out;
    }
}

package dev.keyway.apicall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the JSON of {@code POST …/requests} into a {@link CallRequest}, or a 400 naming the field at fault. */
public final class CallRequests {
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Set<String> MEMBERS = Set.of("method", "url", "query", "headers", "body", "bodyType",
            "timeoutMs", "followRedirects");
    static final int MAX_TIMEOUT_MS = 120_000;

    private CallRequests() {
    }

    public static CallRequest parse(ObjectNode n, ObjectMapper json) {
        n.fieldNames().forEachRemaining(f -> {
            if (!MEMBERS.contains(f)) {
                throw Problem.invalid(f, "unknown_field", "'" + f + "' is not a member of a request");
            }
        });
        String method = text(n, "method", "GET");
        if (!METHODS.contains(method)) {
            throw Problem.invalid("method", "invalid_value", "method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS");
        }
        String url = text(n, "url", null);
        if (url == null) {
            throw Problem.invalid("url", "required", "url is required");
        }
        Map<String, List<String>> headers = CallHeaders.parse(n.get("headers"));
        byte[] body = null;
        JsonNode b = n.get("body");
        if (b != null && !b.isNull()) {
            if (method.equals("GET") || method.equals("HEAD")) {
                throw Problem.invalid("body", "body_not_allowed", method + " requests carry no body");
            }
            CallBody encoded = CallBody.encode(b, text(n, "bodyType", null), json);
            body = encoded.bytes();
            if (CallHeaders.first(headers, "content-type") == null) {
                headers = new LinkedHashMap<>(headers);
                headers.put("Content-Type", List.of(encoded.contentType()));
            }
        } else if (n.hasNonNull("bodyType")) {
            throw Problem.invalid("bodyType", "invalid_value", "bodyType needs a body");
        }
        return new CallRequest(method, url, query(n.get("query")), headers, body, timeout(n.get("timeoutMs")),
                bool(n, "followRedirects", true));
    }

    private static List<Map.Entry<String, String>> query(JsonNode q) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (q == null || q.isNull()) {
            return out;
        }
        if (!q.isObject() || q.size() > 100) {
            throw Problem.invalid("query", "invalid_type", "query must be an object of at most 100 parameters");
        }
        for (Map.Entry<String, JsonNode> e : q.properties()) {
            for (JsonNode v : e.getValue().isArray() ? e.getValue() : List.of(e.getValue())) {
                if (!v.isValueNode() || v.isNull() || v.isBinary()) {
                    throw Problem.invalid("query", "invalid_value", "query." + e.getKey()
                            + " must be a string, number or boolean, or a list of them");
                }
                out.add(Map.entry(e.getKey(), v.asText()));
            }
        }
        return out;
    }

    private static Duration timeout(JsonNode t) {
        if (t == null || t.isNull()) {
            return null;
        }
        if (!t.isIntegralNumber() || t.longValue() < 1 || t.longValue() > MAX_TIMEOUT_MS) {
            throw Problem.invalid("timeoutMs", "invalid_value", "timeoutMs must be a whole number from 1 to " + MAX_TIMEOUT_MS);
        }
        return Duration.ofMillis(t.longValue());
    }

    static String text(JsonNode n, String field, String fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw Problem.invalid(field, "invalid_type", field + " must be a string");
        }
        return v.textValue();
    }

    private static boolean bool(JsonNode n, String field, boolean fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw Problem.invalid(field, "invalid_type", field + " must be true or false");
        }
        return v.booleanValue();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] jsonBytes(JsonNode n, ObjectMapper json) {
        try {
            return json.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

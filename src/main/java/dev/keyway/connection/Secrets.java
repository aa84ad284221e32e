package dev.keyway.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.connection.ConnectionRepository.SecretChange;
import dev.keyway.problem.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The write-only member of each connection type — oauth2 {@code clientSecret}, basic {@code password},
 * token {@code token}, custom {@code headers} — taken out of a body before anything else reads it.
 * Absent keeps the stored secret, null or "" removes it, a value replaces it.
 */
public final class Secrets {
    /** Headers a custom connection may not set: the transport owns them. */
    static final Set<String> FORBIDDEN_HEADERS = Set.of("host", "connection", "keep-alive", "accept-encoding",
            "content-length", "transfer-encoding", "trailer", "upgrade", "date", "location", "server");
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() { };

    private Secrets() {
    }

    public static String member(String type) {
        return switch (type) {
            case "basic" -> "password";
            case "token" -> "token";
            case "custom" -> "headers";
            default -> "clientSecret";
        };
    }

    public static SecretChange extract(String type, ObjectNode body, ObjectMapper json) {
        String field = member(type);
        JsonNode n = body.remove(field);
        if (n == null) {
            return new SecretChange.Keep();
        }
        if (n.isNull() || (n.isTextual() && n.textValue().isEmpty())) {
            return new SecretChange.Remove();
        }
        if (type.equals("custom")) {
            return new SecretChange.Replace(headers(n, json));
        }
        if (!n.isTextual() || n.textValue().length() > 4000) {
            throw Problem.invalid(field, "invalid_type", field + " must be a string of at most 4000 characters");
        }
        if (n.textValue().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw Problem.invalid(field, "invalid_value", field + " must not contain line breaks");
        }
        return new SecretChange.Replace(n.textValue());
    }

    /** The header names of a custom connection's sealed headers JSON. */
    public static List<String> headerNames(String headersJson, ObjectMapper json) {
        return List.copyOf(headers(headersJson, json).keySet());
    }

    public static Map<String, String> headers(String headersJson, ObjectMapper json) {
        try {
            return json.readValue(headersJson, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored headers do not parse", e);
        }
    }

    private static String headers(JsonNode n, ObjectMapper json) {
        if (!n.isObject() || n.isEmpty() || n.size() > 20) {
            throw Problem.invalid("headers", "invalid_type", "headers must be an object of 1 to 20 header names and values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            String name = e.getKey();
            if (!name.matches(Placements.TOKEN_CHARS) || name.length() > 100) {
                throw Problem.invalid("headers", "invalid_header", "'" + name + "' is not a valid header name");
            }
            if (FORBIDDEN_HEADERS.contains(name.toLowerCase())) {
                throw Problem.invalid("headers", "forbidden_header", "the header " + name + " cannot be set by a connection");
            }
            JsonNode v = e.getValue();
            if (!v.isTextual() || v.textValue().length() > 4000 || v.textValue().chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                throw Problem.invalid("headers", "invalid_value", "the value of " + name + " must be a single-line string");
            }
            out.put(name, v.textValue());
        }
        try {
            return json.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.keyway.apicall;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.problem.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code headers} member of an API call: names and single-line values, none the transport owns. */
final class CallHeaders {
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}";

    private CallHeaders() {
    }

    static Map<String, List<String>> parse(JsonNode h) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (h == null || h.isNull()) {
            return out;
        }
        if (!h.isObject() || h.size() > 50) {
            throw Problem.invalid("headers", "invalid_type", "headers must be an object of at most 50 header names and values");
        }
        for (Map.Entry<String, JsonNode> e : h.properties()) {
            String name = e.getKey();
            if (!name.matches(TOKEN)) {
                throw Problem.invalid("headers", "invalid_header", "'" + name + "' is not a valid header name");
            }
            if (HeaderRules.TRANSPORT.contains(HeaderRules.lower(name))) {
                throw Problem.invalid("headers", "forbidden_header", "the header " + name + " is set by Keyway's client, not by a request");
            }
            JsonNode v = e.getValue();
            if (!v.isTextual() || v.textValue().length() > 8000 || !HeaderRules.sendable(v.textValue())) {
                throw Problem.invalid("headers", "invalid_value", "the value of " + name
                        + " must be a single-line string of visible ASCII characters");
            }
            out.put(name, List.of(v.textValue()));
        }
        return out;
    }

    static String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
    }
}

package dev.keyway.apicall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.problem.Problem;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** An API call's body encoded per {@code bodyType}: json (default for anything but a string), form, or text (default for a string). */
record CallBody(byte[] bytes, String contentType) {

    static CallBody encode(JsonNode body, String bodyType, ObjectMapper json) {
        String type = bodyType != null ? bodyType : body.isTextual() ? "text" : "json";
        return switch (type) {
            case "json" -> new CallBody(CallRequests.jsonBytes(body, json), "application/json");
            case "text" -> {
                if (!body.isTextual()) {
                    throw Problem.invalid("body", "invalid_type", "a text body must be a string");
                }
                yield new CallBody(CallRequests.utf8(body.textValue()), "text/plain; charset=utf-8");
            }
            case "form" -> new CallBody(CallRequests.utf8(form(body)), "application/x-www-form-urlencoded");
            default -> throw Problem.invalid("bodyType", "invalid_value", "bodyType must be json, form or text");
        };
    }

    private static String form(JsonNode body) {
        if (!body.isObject()) {
            throw Problem.invalid("body", "invalid_type", "a form body must be an object of fields");
        }
        StringJoiner out = new StringJoiner("&");
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            for (JsonNode v : e.getValue().isArray() ? e.getValue() : List.of(e.getValue())) {
                if (!v.isValueNode() || v.isNull()) {
                    throw Problem.invalid("body", "invalid_value", "form field " + e.getKey()
                            + " must be a string, number or boolean, or a list of them");
                }
                out.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(v.asText(), StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "CallBody[" + contentType + ", " + bytes.length + " bytes]";
    }
}

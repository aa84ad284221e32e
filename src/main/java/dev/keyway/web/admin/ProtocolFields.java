package dev.keyway.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.oauth.TokenResponseSettings;
import dev.keyway.problem.Problem;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OAuth2 form's fields for the modern profiles and provider quirks (dpop, keyAlgorithm, assertionAudience, par,
 * parUrl, jwksUrl, resources, tokenResponse): to the API body, and back from a stored connection, so that an edit
 * sends every member as it was and never resets one.
 */
final class ProtocolFields {
    static final String PATH = "tokenResponse.accessTokenPath";
    static final String UNIT = "tokenResponse.expiresInUnit";
    static final String LIFETIME = "tokenResponse.defaultExpiresInSeconds";
    /** Text-like fields echoed back after a refusal ({@code dpop} is a checkbox). */
    static final List<String> TEXT = List.of("keyAlgorithm", "assertionAudience", "par", "parUrl", "jwksUrl",
            "resources", PATH, UNIT, LIFETIME);

    private ProtocolFields() {
    }

    static void toJson(ObjectMapper json, Form f, ObjectNode n) {
        n.put("dpop", f.has("dpop"));
        for (String field : List.of("keyAlgorithm", "assertionAudience", "par", "parUrl", "jwksUrl")) {
            String v = f.get(field).strip();
            n.put(field, v.isEmpty() ? null : v);
        }
        ArrayNode resources = json.createArrayNode();
        for (String line : f.get("resources").split("\\R")) {
            if (!line.isBlank()) {
                resources.add(line.strip());
            }
        }
        n.set("resources", resources);
        n.set("tokenResponse", tokenResponse(json, f));
    }

    /** Null when the operator gave no quirk (standard responses). */
    private static JsonNode tokenResponse(ObjectMapper json, Form f) {
        String path = f.get(PATH).strip();
        String unit = f.get(UNIT).strip();
        String lifetime = f.get(LIFETIME).strip();
        if (path.isEmpty() && (unit.isEmpty() || unit.equals(TokenResponseSettings.SECONDS)) && lifetime.isEmpty()) {
            return null;
        }
        ObjectNode t = json.createObjectNode();
        t.put("accessTokenPath", path.isEmpty() ? null : path);
        t.put("expiresInUnit", unit.isEmpty() ? null : unit);
        if (!lifetime.isEmpty()) {
            try {
                t.put("defaultExpiresInSeconds", Long.parseLong(lifetime));
            } catch (NumberFormatException e) {
                throw Problem.invalid(LIFETIME, "invalid_value", "write the lifetime as a whole number of seconds, e.g. 3600");
            }
        }
        return t;
    }

    static void values(Form f, Map<String, String> v) {
        TEXT.forEach(field -> v.put(field, f.get(field)));
        v.put("dpop", f.has("dpop") ? "on" : "");
    }

    static void values(OAuth2Settings s, Map<String, String> v) {
        v.put("dpop", s.dpop() ? "on" : "");
        v.put("keyAlgorithm", s.keyAlgorithm().name());
        v.put("assertionAudience", s.assertionAudience().wireName());
        v.put("par", s.par().wireName());
        v.put("parUrl", s.parUrl() == null ? "" : s.parUrl().toString());
        v.put("jwksUrl", s.jwksUrl() == null ? "" : s.jwksUrl().toString());
        v.put("resources", s.resources().stream().map(URI::toString).collect(Collectors.joining("\n")));
        TokenResponseSettings t = s.tokenResponse();
        v.put(PATH, t.accessTokenPath() == null ? "" : t.accessTokenPath());
        v.put(UNIT, t.expiresInUnit());
        v.put(LIFETIME, t.defaultExpiresInSeconds() == null ? "" : String.valueOf(t.defaultExpiresInSeconds()));
    }

    /** A new connection's defaults. */
    static void blank(Map<String, String> v) {
        v.put("keyAlgorithm", "ES256");
        v.put("assertionAudience", "token_endpoint");
        v.put("par", "when_available");
        v.put(UNIT, TokenResponseSettings.SECONDS);
    }

    /** A preset's tokenResponse (a connection body's member) as form values. */
    static void fill(JsonNode tokenResponse, Map<String, String> v) {
        if (tokenResponse == null || !tokenResponse.isObject()) {
            return;
        }
        v.put(PATH, tokenResponse.path("accessTokenPath").asText(""));
        v.put(UNIT, tokenResponse.path("expiresInUnit").asText(TokenResponseSettings.SECONDS));
        v.put(LIFETIME, tokenResponse.path("defaultExpiresInSeconds").asText(""));
    }
}

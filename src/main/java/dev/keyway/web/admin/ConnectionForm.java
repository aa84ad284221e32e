package dev.keyway.web.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.connection.Access;
import dev.keyway.connection.Connection;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.oauth.ClientAuth;
import dev.keyway.problem.Problem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Create/Edit form to and from the API's JSON body, so that {@code ConnectionService} validates a
 * form exactly as it validates the API. Secrets go one way only: into the body, never back into a page.
 */
final class ConnectionForm {
    static final List<String> TEXT = List.of("name", "description", "clientId", "authorizationUrl", "tokenUrl",
            "revocationUrl", "issuer", "scopes", "scopeSeparator", "clientAuthentication", "allowedUrl");
    /** Form-only fields, echoed back after a refusal. */
    static final List<String> OTHER = List.of("placementIn", "placementName", "placementScheme", "tokenExpiredStatuses");
    static final List<String> PARAMS = List.of("authorizationParams", "tokenParams");

    /** The separator select's option values (a space does not survive every form round trip). */
    static final Map<String, String> SEPARATORS = Map.of("space", " ", "comma", ",", "plus", "+", "semicolon", ";");

    private ConnectionForm() {
    }

    /** The JSON body for create ({@code creating}) or update. */
    static ObjectNode toJson(ObjectMapper json, Form f, boolean creating) {
        ObjectNode n = json.createObjectNode();
        if (creating) {
            n.put("type", "oauth2");
        }
        for (String field : TEXT) {
            String v = f.get(field);
            n.put(field, v.isBlank() ? null : v);
        }
        String sep = f.get("scopeSeparator");
        n.put("scopeSeparator", SEPARATORS.getOrDefault(sep, sep.isEmpty() ? " " : sep));
        n.put("pkce", f.has("pkce"));
        ObjectNode placement = n.putObject("credentialPlacement");
        placement.put("in", f.get("placementIn").isEmpty() ? "header" : f.get("placementIn"));
        placement.put("name", f.get("placementName").isBlank() ? null : f.get("placementName").strip());
        if (!f.get("placementScheme").isBlank()) {
            placement.put("scheme", f.get("placementScheme").strip());
        }
        n.set("tokenExpiredStatuses", statuses(json, f.get("tokenExpiredStatuses")));
        for (String field : PARAMS) {
            n.set(field, params(json, field, f.get(field)));
        }
        ProtocolFields.toJson(json, f, n);
        if (creating && !f.get("provider").isBlank()) { // the preset the form was filled from, with its variables
            n.put("provider", f.get("provider"));
            ObjectNode vars = n.putObject("variables");
            f.fields().keySet().stream().filter(k -> k.startsWith(PresetForms.VARIABLE))
                    .forEach(k -> vars.put(k.substring(PresetForms.VARIABLE.length()), f.get(k)));
        }
        if (creating && f.get("clientAuthentication").isBlank() && !f.get(PresetForms.AUTH_METHODS).isBlank()) {
            // discovered, and the operator kept the default: what the issuer supports, as the API would choose it
            ClientAuth.preferred(List.of(f.get(PresetForms.AUTH_METHODS).strip().split("\\s+")),
                    !f.get("clientSecret").isEmpty()).ifPresent(a -> n.put("clientAuthentication", a.wireName()));
        }
        if (creating && f.has("issParameterSupported")) { // discovered: the server always sends iss
            n.put("issParameterSupported", f.get("issParameterSupported").equals("on"));
        }
        String secret = f.get(creating ? "clientSecret" : "clientSecretReplace");
        if (!secret.isEmpty()) {
            n.put("clientSecret", secret);
        } else if (!creating && f.has("clientSecretRemove")) {
            n.put("clientSecret", "");
        }
        return n;
    }

    /** What the operator typed, to show again after a refusal (no secret). */
    static Map<String, String> values(Form f) {
        Map<String, String> v = new HashMap<>();
        for (String field : TEXT) {
            v.put(field, f.get(field));
        }
        for (String field : PARAMS) {
            v.put(field, f.get(field));
        }
        for (String field : OTHER) {
            v.put(field, f.get(field));
        }
        v.put("pkce", f.has("pkce") ? "on" : "");
        ProtocolFields.values(f, v);
        f.fields().keySet().stream().filter(k -> k.startsWith(PresetForms.VARIABLE) || k.equals("provider")
                || k.equals("issParameterSupported") || k.equals(PresetForms.AUTH_METHODS)).forEach(k -> v.put(k, f.get(k)));
        return v;
    }

    /** A stored connection, as the edit form shows it. */
    static Map<String, String> values(Connection c) {
        OAuth2Settings s = c.oauth2();
        Access a = s.access();
        Map<String, String> v = new HashMap<>();
        v.put("name", c.name());
        v.put("description", c.description());
        v.put("clientId", s.clientId());
        v.put("authorizationUrl", s.authorizationUrl() == null ? "" : s.authorizationUrl().toString());
        v.put("tokenUrl", s.tokenUrl().toString());
        v.put("revocationUrl", s.revocationUrl() == null ? "" : s.revocationUrl().toString());
        v.put("issuer", s.issuer() == null ? "" : s.issuer());
        v.put("scopes", String.join(" ", s.scopes()));
        v.put("scopeSeparator", SEPARATORS.entrySet().stream().filter(e -> e.getValue().equals(s.scopeSeparator()))
                .map(Map.Entry::getKey).findFirst().orElse("space"));
        v.put("clientAuthentication", s.clientAuthentication().wireName());
        v.put("pkce", s.pkce() ? "on" : "");
        v.put("authorizationParams", lines(s.authorizationParams()));
        v.put("tokenParams", lines(s.tokenParams()));
        v.put("allowedUrl", a.allowedUrl() == null ? "" : a.allowedUrl().toString());
        v.put("placementIn", a.placement().in());
        v.put("placementName", a.placement().name());
        v.put("placementScheme", a.placement().scheme() == null ? "" : a.placement().scheme());
        v.put("tokenExpiredStatuses", a.tokenExpiredStatuses().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        ProtocolFields.values(s, v);
        return v;
    }

    /** The defaults of a new connection. */
    static Map<String, String> blank() {
        Map<String, String> v = new HashMap<>();
        v.put("scopeSeparator", "space");
        v.put("pkce", "on");
        v.put("placementIn", "header");
        v.put("placementName", "Authorization");
        v.put("placementScheme", "Bearer");
        v.put("tokenExpiredStatuses", "401");
        ProtocolFields.blank(v);
        return v;
    }

    private static String lines(Map<String, String> params) {
        return params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }

    /** HTTP statuses separated by spaces or commas; empty means the default. */
    private static com.fasterxml.jackson.databind.JsonNode statuses(ObjectMapper json, String text) {
        var out = json.createArrayNode();
        for (String s : text.split("[\\s,]+")) {
            if (s.isEmpty()) {
                continue;
            }
            try {
                out.add(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                throw Problem.invalid("tokenExpiredStatuses", "invalid_value", "write HTTP statuses as numbers, e.g. 401 403");
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** One {@code name=value} a line; blank lines are skipped. */
    private static ObjectNode params(ObjectMapper json, String field, String text) {
        ObjectNode out = json.createObjectNode();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw Problem.invalid(field, "invalid_value", "write one parameter a line, as name=value");
            }
            out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return out;
    }
}

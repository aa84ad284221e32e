package dev.keyway.web.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.connection.Access;
import dev.keyway.connection.BasicSettings;
import dev.keyway.connection.Connection;
import dev.keyway.problem.Problem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The form of a basic, token or custom connection to and from the API's JSON body. The password and the token
 * go one way only; custom headers are merged with the stored ones by {@link HeaderRows}.
 */
final class CredentialForm {
    static final Set<String> TYPES = Set.of("basic", "token", "custom");
    /** Non-secret fields, echoed back after a refusal. */
    static final List<String> TEXT = List.of("name", "description", "allowedUrl", "username", "placementMode",
            "placementScheme", "placementHeader", "placementQuery");

    private CredentialForm() {
    }

    /** The JSON body; {@code headers} is the merged custom headers, or null to leave the stored ones alone. */
    static ObjectNode toJson(ObjectMapper json, String type, Form f, boolean creating, Map<String, String> headers) {
        ObjectNode n = json.createObjectNode();
        if (creating) {
            n.put("type", type);
        }
        for (String field : List.of("name", "description", "allowedUrl")) {
            n.put(field, blankToNull(f.get(field)));
        }
        switch (type) {
            case "basic" -> {
                n.put("username", blankToNull(f.get("username")));
                secret(n, "password", f.get(creating ? "password" : "passwordReplace"));
            }
            case "token" -> {
                secret(n, "token", f.get(creating ? "token" : "tokenReplace"));
                n.set("credentialPlacement", placement(json, f));
            }
            default -> {
                if (headers != null) {
                    n.set("headers", HeaderRows.json(json, headers));
                }
            }
        }
        return n;
    }

    /** What the operator typed, to show again after a refusal (no secret). */
    static Map<String, String> values(Form f) {
        Map<String, String> v = new HashMap<>();
        TEXT.forEach(field -> v.put(field, f.get(field)));
        return v;
    }

    /** A stored connection, as its edit form shows it. */
    static Map<String, String> values(Connection c) {
        Map<String, String> v = blank();
        Access a = c.settings().access();
        v.put("name", c.name());
        v.put("description", c.description());
        v.put("allowedUrl", a.allowedUrl() == null ? "" : a.allowedUrl().toString());
        if (c.settings() instanceof BasicSettings b) {
            v.put("username", b.username());
        }
        Access.Placement p = a.placement();
        if (p.inQuery()) {
            v.put("placementMode", "query");
            v.put("placementQuery", p.name());
        } else if (p.name().equalsIgnoreCase("Authorization") && p.scheme() != null) {
            v.put("placementScheme", p.scheme());
        } else {
            v.put("placementMode", "header");
            v.put("placementHeader", p.name());
        }
        return v;
    }

    static Map<String, String> blank() {
        Map<String, String> v = new HashMap<>();
        v.put("placementMode", "authorization");
        v.put("placementScheme", "Bearer");
        return v;
    }

    /** Authorization header with a scheme, a header of its own (the token as is), or a query parameter. */
    private static ObjectNode placement(ObjectMapper json, Form f) {
        ObjectNode p = json.createObjectNode();
        switch (f.get("placementMode")) {
            case "header" -> {
                String name = f.get("placementHeader").strip();
                if (name.isEmpty()) {
                    throw Problem.invalid("credentialPlacement", "required", "type the name of the header that carries the token");
                }
                p.put("in", "header").put("name", name).putNull("scheme");
            }
            case "query" -> p.put("in", "query").put("name", blankToNull(f.get("placementQuery")));
            default -> {
                p.put("in", "header").put("name", "Authorization");
                String scheme = f.get("placementScheme").strip();
                p.put("scheme", scheme.isEmpty() ? "Bearer" : scheme);
            }
        }
        return p;
    }

    private static void secret(ObjectNode n, String member, String value) {
        if (!value.isEmpty()) {
            n.put(member, value);
        }
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s.strip();
    }
}

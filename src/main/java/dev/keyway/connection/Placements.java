package dev.keyway.connection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reading {@code credentialPlacement} and {@code tokenExpiredStatuses}. */
final class Placements {
    static final String TOKEN_CHARS = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Set<String> MEMBERS = Set.of("in", "name", "scheme");

    private Placements() {
    }

    static Access.Placement parse(JsonNode n, String type) {
        if (n == null || n.isNull()) {
            return Access.Placement.BEARER;
        }
        if (!type.equals("oauth2") && !type.equals("token")) {
            throw Problem.invalid("credentialPlacement", "not_applicable", "only oauth2 and token connections place a token");
        }
        if (!n.isObject()) {
            throw Problem.invalid("credentialPlacement", "invalid_type", "credentialPlacement must be an object {in, name, scheme}");
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!MEMBERS.contains(f)) {
                throw Problem.invalid("credentialPlacement", "unknown_field", "credentialPlacement has no member '" + f + "'");
            }
        });
        String in = Fields.optional(n, "in", 10);
        in = in == null ? "header" : in;
        if (!in.equals("header") && !in.equals("query")) {
            throw Problem.invalid("credentialPlacement", "invalid_value", "credentialPlacement.in must be header or query");
        }
        String name = Fields.optional(n, "name", 100);
        name = name == null ? (in.equals("header") ? "Authorization" : "access_token") : name;
        if (!name.matches(TOKEN_CHARS)) {
            throw Problem.invalid("credentialPlacement", "invalid_value", "credentialPlacement.name is not a valid name");
        }
        String scheme = Fields.optional(n, "scheme", 40);
        if (scheme != null && (!scheme.matches(TOKEN_CHARS) || in.equals("query"))) {
            throw Problem.invalid("credentialPlacement", "invalid_value", "credentialPlacement.scheme must be one word, and only for headers");
        }
        if (scheme == null && in.equals("header") && name.equalsIgnoreCase("Authorization") && !n.has("scheme")) {
            scheme = "Bearer";
        }
        return new Access.Placement(in, name, scheme);
    }

    static List<Integer> statuses(JsonNode n) {
        if (n == null || n.isNull()) {
            return Access.DEFAULT_EXPIRED;
        }
        List<Integer> out = new ArrayList<>();
        if (!n.isArray() || n.size() == 0 || n.size() > 10) {
            throw Problem.invalid("tokenExpiredStatuses", "invalid_type", "tokenExpiredStatuses must be a list of 1 to 10 HTTP statuses");
        }
        for (JsonNode s : n) {
            if (!s.isInt() || s.intValue() < 400 || s.intValue() > 599) {
                throw Problem.invalid("tokenExpiredStatuses", "invalid_value", "each status must be an HTTP error status (400-599)");
            }
            out.add(s.intValue());
        }
        return out.stream().distinct().toList();
    }
}

package dev.keyway.connection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.oauth.TokenResponseSettings;
import dev.keyway.problem.Problem;
import java.util.Map;
import java.util.Set;

/** Reading {@code tokenResponse}: {@code {"accessTokenPath", "expiresInUnit", "defaultExpiresInSeconds"}}, all optional. */
final class TokenResponseMembers {
    private static final String FIELD = "tokenResponse";
    private static final Set<String> MEMBERS = Set.of("accessTokenPath", "expiresInUnit", "defaultExpiresInSeconds");

    private TokenResponseMembers() {
    }

    static TokenResponseSettings parse(JsonNode n) {
        if (n == null || n.isNull()) {
            return TokenResponseSettings.standard();
        }
        if (!n.isObject()) {
            throw Problem.invalid(FIELD, "invalid_type", "tokenResponse must be an object");
        }
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (!MEMBERS.contains(e.getKey())) {
                throw Problem.invalid(FIELD + "." + e.getKey(), "unknown_field",
                        "tokenResponse has accessTokenPath, expiresInUnit and defaultExpiresInSeconds");
            }
        }
        String path = Fields.optional(n, "accessTokenPath", 200);
        if (path != null && !path.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*")) {
            throw Problem.invalid(FIELD + ".accessTokenPath", "invalid_value",
                    "accessTokenPath must be member names separated by dots, e.g. authed_user.access_token");
        }
        String unit = Fields.optional(n, "expiresInUnit", 20);
        if (unit != null && !unit.equals(TokenResponseSettings.SECONDS) && !unit.equals(TokenResponseSettings.MILLISECONDS)) {
            throw Problem.invalid(FIELD + ".expiresInUnit", "invalid_value", "expiresInUnit must be seconds or milliseconds");
        }
        JsonNode d = n.get("defaultExpiresInSeconds");
        Long lifetime = null;
        if (d != null && !d.isNull()) {
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.longValue() < 60 || d.longValue() > 31_622_400) {
                throw Problem.invalid(FIELD + ".defaultExpiresInSeconds", "invalid_value",
                        "defaultExpiresInSeconds must be a whole number of seconds from 60 to 31622400 (a year)");
            }
            lifetime = d.longValue();
        }
        return new TokenResponseSettings(path, unit, lifetime);
    }
}

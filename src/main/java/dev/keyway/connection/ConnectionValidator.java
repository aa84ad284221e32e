package dev.keyway.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.oauth.ClientAuth;
import dev.keyway.problem.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Turns a connection's JSON into valid values, or a 400 naming the first field at fault. */
public final class ConnectionValidator {
    static final Set<String> FIELDS = Set.of("type", "name", "description", "clientId", "clientSecret",
            "authorizationUrl", "tokenUrl", "revocationUrl", "issuer", "scopes", "scopeSeparator",
            "clientAuthentication", "pkce", "authorizationParams", "tokenParams");
    private static final Set<String> RESERVED_AUTHORIZATION = Set.of("response_type", "client_id", "redirect_uri",
            "state", "scope", "code_challenge", "code_challenge_method", "request_uri");
    private static final Set<String> RESERVED_TOKEN = Set.of("grant_type", "code", "redirect_uri", "code_verifier",
            "refresh_token", "client_id", "client_secret", "client_assertion", "client_assertion_type");
    private static final Set<String> SEPARATORS = Set.of(" ", ",", "+", ";");

    /** The validated values; the secret travels apart. */
    public record Valid(String name, String description, OAuth2Settings settings) { }

    private final Predicate<URI> httpAllowed;

    /** @param httpAllowed whether a plain-http endpoint is acceptable (development, allowlisted hosts) */
    public ConnectionValidator(Predicate<URI> httpAllowed) {
        this.httpAllowed = httpAllowed;
    }

    public Valid validate(ObjectNode body, boolean secretSet) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw Problem.invalid(field, "unknown_field", "'" + field + "' is not a member of a connection");
            }
        }
        String type = optionalText(body, "type", 20);
        if (type != null && !type.equals("oauth2")) {
            throw Problem.invalid("type", "unsupported_type", "only type 'oauth2' is supported");
        }
        String name = requiredText(body, "name", 200);
        String description = optionalText(body, "description", 2000);
        String clientId = requiredText(body, "clientId", 500);
        ClientAuth auth = clientAuth(body, secretSet);
        OAuth2Settings settings = new OAuth2Settings(clientId,
                url(body, "authorizationUrl", true), url(body, "tokenUrl", true), url(body, "revocationUrl", false),
                optionalText(body, "issuer", 2000), scopes(body), separator(body), auth,
                bool(body, "pkce", true),
                params(body, "authorizationParams", RESERVED_AUTHORIZATION), params(body, "tokenParams", RESERVED_TOKEN));
        return new Valid(name, description == null ? "" : description, settings);
    }

    private static ClientAuth clientAuth(JsonNode body, boolean secretSet) {
        String wire = optionalText(body, "clientAuthentication", 40);
        if (wire == null) {
            return secretSet ? ClientAuth.CLIENT_SECRET_BASIC : ClientAuth.NONE;
        }
        ClientAuth auth = ClientAuth.fromWireName(wire).orElseThrow(() -> Problem.invalid("clientAuthentication",
                "invalid_value", "clientAuthentication must be client_secret_basic, client_secret_post or none"));
        if (auth != ClientAuth.NONE && !secretSet) {
            throw Problem.invalid("clientSecret", "client_secret_required",
                    "clientAuthentication " + wire + " needs a client secret; use 'none' for a public client");
        }
        return auth;
    }

    private static String requiredText(JsonNode body, String field, int max) {
        String s = optionalText(body, field, max);
        if (s == null || s.isBlank()) {
            throw Problem.invalid(field, "required", field + " is required");
        }
        return s;
    }

    static String optionalText(JsonNode body, String field, int max) {
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

    private URI url(JsonNode body, String field, boolean required) {
        String s = required ? requiredText(body, field, 2000) : optionalText(body, field, 2000);
        if (s == null) {
            return null;
        }
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            boolean ok = uri.isAbsolute() && uri.getHost() != null && uri.getRawUserInfo() == null
                    && uri.getRawFragment() == null && (scheme.equals("https") || scheme.equals("http"));
            if (!ok) {
                throw Problem.invalid(field, "invalid_url", field + " must be an absolute http(s) URL with a host, no user info and no fragment");
            }
            if (scheme.equals("http") && !httpAllowed.test(uri)) {
                throw Problem.invalid(field, "https_required", field + " must use https");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw Problem.invalid(field, "invalid_url", field + " is not a valid URL");
        }
    }

    private static List<String> scopes(JsonNode body) {
        JsonNode n = body.get("scopes");
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isTextual()) {
            for (String s : n.textValue().trim().split("[\\s,]+")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        } else if (n.isArray()) {
            for (JsonNode item : n) {
                if (!item.isTextual() || item.textValue().isBlank() || item.textValue().strip().matches(".*\\s.*")) {
                    throw Problem.invalid("scopes", "invalid_value", "each scope must be a non-empty string without spaces");
                }
                out.add(item.textValue().strip());
            }
        } else {
            throw Problem.invalid("scopes", "invalid_type", "scopes must be a list of strings");
        }
        if (out.size() > 100 || out.stream().anyMatch(s -> s.length() > 200)) {
            throw Problem.invalid("scopes", "too_long", "at most 100 scopes of at most 200 characters each");
        }
        return out.stream().distinct().toList();
    }

    private static String separator(JsonNode body) {
        JsonNode n = body.get("scopeSeparator");
        if (n == null || n.isNull()) {
            return " ";
        }
        if (!n.isTextual()) {
            throw Problem.invalid("scopeSeparator", "invalid_type", "scopeSeparator must be a string");
        }
        if (!SEPARATORS.contains(n.textValue())) {
            throw Problem.invalid("scopeSeparator", "invalid_value", "scopeSeparator must be one of ' ', ',', '+', ';'");
        }
        return n.textValue();
    }

    private static boolean bool(JsonNode body, String field, boolean fallback) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw Problem.invalid(field, "invalid_type", field + " must be true or false");
        }
        return n.booleanValue();
    }

    private static Map<String, String> params(JsonNode body, String field, Set<String> reserved) {
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
            if (key.isBlank() || key.length() > 100 || !e.getValue().isTextual() || e.getValue().textValue().length() > 2000) {
                throw Problem.invalid(field, "invalid_value", field + " must map names to strings");
            }
            if (reserved.contains(key)) {
                throw Problem.invalid(field, "reserved_parameter", "'" + key + "' is set by Keyway and cannot be overridden");
            }
            out.put(key, e.getValue().textValue());
        }
        return out;
    }
}

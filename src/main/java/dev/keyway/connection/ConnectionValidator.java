package dev.keyway.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.oauth.AssertionAudience;
import dev.keyway.oauth.ClientAuth;
import dev.keyway.oauth.KeyAlgorithm;
import dev.keyway.oauth.GrantType;
import dev.keyway.problem.Problem;
import dev.keyway.provider.Providers;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Turns a connection's JSON into valid settings of its type, or a 400 naming the first field at fault. */
public final class ConnectionValidator {
    static final Set<String> TYPES = Set.of("oauth2", "basic", "token", "custom");
    private static final Set<String> COMMON = Set.of("type", "name", "description", "allowedUrl", "credentialPlacement",
            "tokenExpiredStatuses");
    private static final Map<String, Set<String>> BY_TYPE = Map.of(
            "oauth2", Set.of("clientId", "clientSecret", "authorizationUrl", "tokenUrl", "revocationUrl", "issuer", "scopes",
                    "scopeSeparator", "clientAuthentication", "pkce", "authorizationParams", "tokenParams", "grantType", "issParameterSupported",
                    "par", "parUrl", "jwksUrl", "resources", "assertionAudience", "dpop", "keyAlgorithm", "tokenResponse",
                    "provider", "variables"),
            "basic", Set.of("username", "password"),
            "token", Set.of("token"),
            "custom", Set.of("headers"));
    private static final Set<String> RESERVED_AUTHORIZATION = Set.of("response_type", "client_id", "redirect_uri",
            "state", "scope", "code_challenge", "code_challenge_method", "request_uri", "nonce");
    private static final Set<String> RESERVED_TOKEN = Set.of("grant_type", "code", "redirect_uri", "code_verifier",
            "refresh_token", "client_id", "client_secret", "client_assertion", "client_assertion_type");
    private static final Set<String> SEPARATORS = Set.of(" ", ",", "+", ";");

    /** The validated values; the secret travels apart. */
    public record Valid(String name, String description, ConnectionSettings settings) { }

    private final Predicate<URI> httpAllowed;
    private final Discoverer discoverer;
    private final Providers providers;

    /** @param httpAllowed whether a plain-http endpoint is acceptable (development, allowlisted hosts) */
    public ConnectionValidator(Predicate<URI> httpAllowed) {
        this(httpAllowed, Discoverer.none());
    }

    /** @param discoverer fills the endpoints of an OAuth2 connection given by its {@code issuer} */
    public ConnectionValidator(Predicate<URI> httpAllowed, Discoverer discoverer) {
        this(httpAllowed, discoverer, new Providers(List.of()));
    }

    /** @param providers the presets a connection may name in its {@code provider} member */
    public ConnectionValidator(Predicate<URI> httpAllowed, Discoverer discoverer, Providers providers) {
        this.httpAllowed = httpAllowed;
        this.discoverer = discoverer;
        this.providers = providers;
    }

    /** {@code merged} (a connection with a patch laid over it) ready for a new provider or new variables. */
    public void rebase(ObjectNode merged, ObjectNode before, ObjectNode patch) {
        PresetMembers.rebase(merged, before, patch, providers);
    }

    /** The type a body asks for: "oauth2" when it says nothing. */
    public static String type(JsonNode body) {
        String type = Fields.optional(body, "type", 20);
        if (type == null) {
            return "oauth2";
        }
        if (!TYPES.contains(type)) {
            throw Problem.invalid("type", "unsupported_type", "type must be oauth2, basic, token or custom");
        }
        return type;
    }

    /**
     * @param secretSet   whether the connection will hold a secret after this write
     * @param headerNames for a custom connection, the names of its (secret) headers
     */
    public Valid validate(ObjectNode given, boolean secretSet, List<String> headerNames) {
        String type = type(given);
        ObjectNode body = type.equals("oauth2") ? PresetMembers.fill(given, providers) : given;
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!COMMON.contains(field) && !BY_TYPE.get(type).contains(field)) {
                throw Problem.invalid(field, "unknown_field", "'" + field + "' is not a member of a " + type + " connection");
            }
        }
        String name = Fields.required(body, "name", 200);
        String description = Fields.optional(body, "description", 2000);
        Access access = access(body, type);
        ConnectionSettings settings = switch (type) {
            case "oauth2" -> oauth2(discovered(body, secretSet), secretSet, access);
            case "basic" -> new BasicSettings(Fields.required(body, "username", 500), access);
            case "token" -> new TokenSettings(access);
            default -> new CustomSettings(headerNames, access);
        };
        if (!type.equals("oauth2") && !secretSet) {
            String secret = switch (type) { case "basic" -> "password"; case "token" -> "token"; default -> "headers"; };
            throw Problem.invalid(secret, "required", secret + " is required");
        }
        return new Valid(name, description == null ? "" : description, settings);
    }

    private OAuth2Settings oauth2(JsonNode body, boolean secretSet, Access access) {
        GrantType grant = grantType(body);
        ClientAuth auth = clientAuth(body, secretSet);
        AssertionAudience audience = assertionAudience(body);
        if (audience == AssertionAudience.ISSUER && Fields.optional(body, "issuer", 2000) == null) {
            throw Problem.invalid("issuer", "required", "assertionAudience issuer needs the issuer member");
        }
        if (!grant.connectStep() && auth == ClientAuth.NONE) {
            throw Problem.invalid("clientSecret", "client_secret_required",
                    "the " + grant.wireName() + " grant needs a client secret");
        }
        OAuth2Settings s = new OAuth2Settings(Fields.required(body, "clientId", 500),
                Fields.url(body, "authorizationUrl", grant.connectStep(), httpAllowed),
                Fields.url(body, "tokenUrl", true, httpAllowed),
                Fields.url(body, "revocationUrl", false, httpAllowed), Fields.optional(body, "issuer", 2000),
                scopes(body), separator(body), auth, Fields.bool(body, "pkce", true),
                Fields.strings(body, "authorizationParams", RESERVED_AUTHORIZATION, 2000),
                Fields.strings(body, "tokenParams", RESERVED_TOKEN, 2000), access, grant,
                Fields.bool(body, "issParameterSupported", false), ProtocolMembers.par(body),
                Fields.url(body, "parUrl", false, httpAllowed), Fields.url(body, "jwksUrl", false, httpAllowed),
                ProtocolMembers.resources(body), audience, Fields.bool(body, "dpop", false), keyAlgorithm(body),
                TokenResponseMembers.parse(body.get("tokenResponse")), Fields.optional(body, "provider", 100),
                Fields.strings(body, "variables", Set.of(), 253));
        ProtocolMembers.check(s);
        return s;
    }

    /** The body, completed from the issuer's metadata when it names an issuer and not all its endpoints. */
    private ObjectNode discovered(ObjectNode body, boolean secretSet) {
        if (!DiscoveredMembers.wanted(body, grantType(body).connectStep())) {
            return body;
        }
        String issuer = Fields.url(body, "issuer", true, httpAllowed).toString();
        return DiscoveredMembers.fill(body, discoverer.discover(issuer), secretSet);
    }

    private static GrantType grantType(JsonNode body) {
        String wire = Fields.optional(body, "grantType", 40);
        return wire == null ? GrantType.AUTHORIZATION_CODE : GrantType.fromWireName(wire).orElseThrow(() -> Problem.invalid(
                "grantType", "invalid_value", "grantType must be authorization_code or client_credentials"));
    }

    private Access access(JsonNode body, String type) {
        URI allowed = Fields.url(body, "allowedUrl", false, httpAllowed);
        if (allowed != null && (allowed.getRawQuery() != null)) {
            throw Problem.invalid("allowedUrl", "invalid_url", "allowedUrl must not have a query");
        }
        return new Access(allowed, Placements.parse(body.get("credentialPlacement"), type), Placements.statuses(body.get("tokenExpiredStatuses")));
    }

    private static AssertionAudience assertionAudience(JsonNode body) {
        String wire = Fields.optional(body, "assertionAudience", 40);
        return wire == null ? AssertionAudience.TOKEN_ENDPOINT : AssertionAudience.fromWireName(wire).orElseThrow(() ->
                Problem.invalid("assertionAudience", "invalid_value", "assertionAudience must be token_endpoint or issuer"));
    }

    private static KeyAlgorithm keyAlgorithm(JsonNode body) {
        String name = Fields.optional(body, "keyAlgorithm", 10);
        return name == null ? KeyAlgorithm.ES256 : KeyAlgorithm.fromName(name).orElseThrow(() ->
                Problem.invalid("keyAlgorithm", "invalid_value", "keyAlgorithm must be ES256 or RS256"));
    }

    private static ClientAuth clientAuth(JsonNode body, boolean secretSet) {
        String wire = Fields.optional(body, "clientAuthentication", 40);
        if (wire == null) {
            return secretSet ? ClientAuth.CLIENT_SECRET_BASIC : ClientAuth.NONE;
        }
        ClientAuth auth = ClientAuth.fromWireName(wire).orElseThrow(() -> Problem.invalid("clientAuthentication",
                "invalid_value", "clientAuthentication must be client_secret_basic, client_secret_post, client_secret_jwt, "
                + "private_key_jwt or none"));
        if (auth.usesSecret() && !secretSet) {
            throw Problem.invalid("clientSecret", "client_secret_required",
                    "clientAuthentication " + wire + " needs a client secret; use 'none' for a public client");
        }
        return auth;
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
}

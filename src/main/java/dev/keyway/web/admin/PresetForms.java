package dev.keyway.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.connection.Discoverer;
import dev.keyway.connection.PresetMembers;
import dev.keyway.oauth.ServerMetadata;
import dev.keyway.problem.Problem;
import dev.keyway.provider.Provider;
import dev.keyway.provider.Providers;
import io.helidon.webserver.http.ServerRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fills the new OAuth2 connection form server-side: from a preset ({@code GET ?provider=id&v.<name>=value}) or from
 * an issuer's metadata (discovery through the egress guard). Everything filled stays editable.
 */
final class PresetForms {
    static final String VARIABLE = "v.";
    /** Hidden: the issuer's token_endpoint_auth_methods_supported, for a form left at the default client authentication. */
    static final String AUTH_METHODS = "authMethods";

    private final Providers providers;
    private final Discoverer discoverer;

    PresetForms(Providers providers, Discoverer discoverer) {
        this.providers = providers;
        this.discoverer = discoverer;
    }

    /** The picker with nothing chosen. */
    PresetPicker none() {
        return new PresetPicker(providers.list(), null, Map.of(), "", null, null, false);
    }

    /** The form's values and picker for {@code ?provider=...}; {@code values} receives what the preset fills. */
    PresetPicker fromQuery(ServerRequest req, Map<String, String> values) {
        String id = req.query().first("provider").orElse("").strip();
        if (id.isEmpty()) {
            return none();
        }
        Provider p = providers.find(id).orElse(null);
        if (p == null) {
            return new PresetPicker(providers.list(), null, Map.of(), "", "provider", "There is no preset '" + id + "'.", false);
        }
        Map<String, String> vars = new LinkedHashMap<>();
        p.variables().forEach(v -> req.query().first(VARIABLE + v.name()).ifPresent(x -> vars.put(v.name(), x.strip())));
        boolean asked = p.variables().isEmpty() || !vars.isEmpty();
        if (!asked) {
            fill(values, p, withoutVariableUrls(p));
            return new PresetPicker(providers.list(), p, vars, "", null, null, false);
        }
        try {
            fill(values, p, PresetMembers.preview(providers, p.id(), vars));
            values.put("provider", p.id());
            vars.forEach((k, v) -> values.put(VARIABLE + k, v));
            return new PresetPicker(providers.list(), p, vars, "", null, null, true);
        } catch (Problem e) {
            fill(values, p, withoutVariableUrls(p));
            return new PresetPicker(providers.list(), p, vars, "", e.field(), e.getMessage(), false);
        }
    }

    /** The form's values and picker after "From issuer URL". */
    PresetPicker fromIssuer(String issuer, Map<String, String> values) {
        String trimmed = issuer.strip();
        try {
            URI uri = URI.create(trimmed);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw Problem.invalid("issuer", "invalid_url", "Write the issuer as an absolute URL, e.g. https://login.example.com");
            }
            ServerMetadata m = discoverer.discover(trimmed);
            values.put("issuer", trimmed);
            put(values, "authorizationUrl", m.authorizationEndpoint());
            put(values, "tokenUrl", m.tokenEndpoint());
            put(values, "revocationUrl", m.revocationEndpoint());
            values.put("issParameterSupported", m.issParameterSupported() ? "on" : "");
            put(values, "parUrl", m.parEndpoint());
            put(values, "jwksUrl", m.jwksUri());
            if (m.parRequired()) {
                values.put("par", "required");
            }
            values.put(AUTH_METHODS, String.join(" ", m.authMethods()));
            return new PresetPicker(providers.list(), null, Map.of(), trimmed, null, null, true);
        } catch (IllegalArgumentException e) {
            return new PresetPicker(providers.list(), null, Map.of(), trimmed, "issuer", "This is not a URL.", false);
        } catch (Problem e) {
            return new PresetPicker(providers.list(), null, Map.of(), trimmed, "issuer", e.getMessage(), false);
        }
    }

    /** The preset's members that need no variable: what can be filled before the variables are known. */
    private ObjectNode withoutVariableUrls(Provider p) {
        Map<String, String> placeholders = p.variables().stream()
                .collect(Collectors.toMap(v -> v.name(), v -> v.example()));
        ObjectNode n = PresetMembers.preview(providers, p.id(), placeholders);
        p.urlTemplates().forEach((member, template) -> {
            if (template.contains("{")) {
                n.remove(member);
            }
        });
        return n;
    }

    /** Form values (as {@link ConnectionForm} reads them) from a connection body's members. */
    private static void fill(Map<String, String> values, Provider p, ObjectNode n) {
        for (String f : List.of("authorizationUrl", "tokenUrl", "revocationUrl", "issuer", "allowedUrl", "clientAuthentication")) {
            values.put(f, n.path(f).asText(""));
        }
        values.put("scopes", join(n.get("scopes"), " "));
        values.put("scopeSeparator", ConnectionForm.SEPARATORS.entrySet().stream()
                .filter(e -> e.getValue().equals(p.scopeSeparator())).map(Map.Entry::getKey).findFirst().orElse("space"));
        values.put("pkce", n.path("pkce").asBoolean(true) ? "on" : "");
        values.put("authorizationParams", lines(n.get("authorizationParams")));
        values.put("tokenParams", lines(n.get("tokenParams")));
        values.put("tokenExpiredStatuses", join(n.get("tokenExpiredStatuses"), " "));
        ProtocolFields.fill(n.get("tokenResponse"), values);
        if (values.get("name") == null || values.get("name").isEmpty()) {
            values.put("name", p.name());
        }
    }

    private static String join(JsonNode array, String separator) {
        if (array == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        array.forEach(x -> b.append(b.isEmpty() ? "" : separator).append(x.asText()));
        return b.toString();
    }

    private static String lines(JsonNode object) {
        if (object == null) {
            return "";
        }
        return object.properties().stream().map(e -> e.getKey() + "=" + e.getValue().asText()).sorted()
                .collect(Collectors.joining("\n"));
    }

    private static void put(Map<String, String> values, String field, URI uri) {
        values.put(field, uri == null ? "" : uri.toString());
    }
}

package dev.keyway.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.problem.Problem;
import dev.keyway.provider.Interpolation;
import dev.keyway.provider.Provider;
import dev.keyway.provider.Providers;
import dev.keyway.provider.Variable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An OAuth2 connection body naming a {@code provider} preset, completed with the preset's members the body does not
 * give (members the caller gave win). Its {@code variables} are checked against their patterns before they go into
 * a URL, so a value cannot add a path, a host part or a query. The result is validated like any body.
 */
public final class PresetMembers {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PresetMembers() {
    }

    /**
     * What a preset gives a new connection with these variables (for a form to show and edit), or a 400
     * ({@code unknown_provider}, {@code provider_variable_invalid} naming {@code variables.<name>}).
     */
    public static ObjectNode preview(Providers providers, String provider, Map<String, String> variables) {
        ObjectNode body = NODES.objectNode().put("provider", provider);
        ObjectNode vars = body.putObject("variables");
        variables.forEach(vars::put);
        return fill(body, providers);
    }

    static ObjectNode fill(ObjectNode body, Providers providers) {
        String id = Fields.optional(body, "provider", 100);
        if (id == null) {
            if (body.hasNonNull("variables") && !body.get("variables").isEmpty()) {
                throw Problem.invalid("variables", "provider_required", "variables need a provider");
            }
            return body;
        }
        Provider p = providers.find(id).orElseThrow(() -> Problem.invalid("provider", "unknown_provider",
                "there is no provider preset '" + id + "' (GET /api/v1/providers lists them)"));
        Map<String, String> values = variables(body, p);
        ObjectNode out = body.deepCopy();
        out.put("provider", p.id());
        ObjectNode vars = out.putObject("variables");
        values.forEach(vars::put);
        members(p, values).properties().forEach(e -> {
            if (!present(out, e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    /** The members a preset gives a connection with these (valid) variables. */
    static ObjectNode members(Provider p, Map<String, String> values) {
        ObjectNode m = NODES.objectNode();
        p.urlTemplates().forEach((member, template) -> m.put(member, Interpolation.apply(template, values)));
        m.set("scopes", strings(p.scopes()));
        m.put("scopeSeparator", p.scopeSeparator());
        m.put("clientAuthentication", p.clientAuthentication());
        m.put("pkce", p.pkceOn());
        m.set("authorizationParams", map(p.authorizationParams()));
        m.set("tokenParams", map(p.tokenParams()));
        if (!p.tokenResponse().isEmpty()) {
            ObjectNode t = m.putObject("tokenResponse");
            p.tokenResponse().forEach((k, v) -> t.set(k, v instanceof Number n ? NODES.numberNode(n.longValue())
                    : NODES.textNode(String.valueOf(v))));
        }
        var statuses = m.putArray("tokenExpiredStatuses");
        p.tokenExpiredStatuses().forEach(statuses::add);
        return m;
    }

    /**
     * An edit that changes the provider or its variables: the members that still hold what the old preset gave
     * (not edited since) are dropped from {@code merged} unless the patch sets them, so the new values fill them.
     */
    static void rebase(ObjectNode merged, ObjectNode before, ObjectNode patch, Providers providers) {
        if (!patch.has("provider") && !patch.has("variables")) {
            return;
        }
        if (patch.has("provider") && patch.get("provider").isNull()) {
            merged.remove("variables"); // no preset any more: its members stay as they are
            return;
        }
        String id = before.path("provider").asText(null);
        providers.find(id).ifPresent(p -> {
            Map<String, String> old = new LinkedHashMap<>();
            before.path("variables").properties().forEach(e -> old.put(e.getKey(), e.getValue().asText()));
            if (!old.keySet().containsAll(p.variables().stream().map(Variable::name).toList())) {
                return;
            }
            members(p, old).properties().forEach(e -> {
                if (!patch.has(e.getKey()) && e.getValue().equals(before.get(e.getKey()))) {
                    merged.remove(e.getKey());
                }
            });
        });
    }

    private static Map<String, String> variables(ObjectNode body, Provider p) {
        Map<String, String> given = Fields.strings(body, "variables", Set.of(), 253);
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : given.keySet()) {
            if (p.variables().stream().noneMatch(v -> v.name().equals(name))) {
                throw Problem.invalid("variables." + name, "provider_variable_invalid",
                        "provider " + p.id() + " has no variable '" + name + "'");
            }
        }
        for (Variable v : p.variables()) {
            String value = given.get(v.name());
            value = value == null ? null : value.strip();
            if (value == null || value.isEmpty()) {
                throw Problem.invalid("variables." + v.name(), "provider_variable_invalid",
                        v.label() + " is required (e.g. " + v.example() + ")");
            }
            if (!v.accepts(value)) {
                throw Problem.invalid("variables." + v.name(), "provider_variable_invalid",
                        v.label() + " is not valid (e.g. " + v.example() + ")");
            }
            out.put(v.name(), value);
        }
        return out;
    }

    private static JsonNode strings(Iterable<String> values) {
        var a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    private static JsonNode map(Map<String, String> values) {
        ObjectNode o = NODES.objectNode();
        values.forEach(o::put);
        return o;
    }

    private static boolean present(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n != null && !n.isNull() && !(n.isTextual() && n.textValue().isBlank());
    }
}

package dev.keyway.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.problem.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hook's {@code custom_data}: name → template, filled from each event. A template that is one
 * placeholder ({@code "{profile.email}"}) takes the value as it is in the event (string, number,
 * object…); text around placeholders makes a string. A path that the event lacks (or holds null)
 * renders the whole value as null. Paths are dot-separated member names from the event's root
 * ({@code profile.email}, {@code event_data.campaign_id}).
 */
public final class CustomData {
    public static final int MAX_ENTRIES = 50;
    public static final int MAX_TEMPLATE = 500;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_$-]+(?:\\.[A-Za-z0-9_$-]+)*)}");
    private static final Pattern ONE = Pattern.compile("^" + PLACEHOLDER.pattern() + "$");

    private record Part(String text, String[] path) { }

    private final Map<String, String> templates;
    private final Map<String, List<Part>> compiled = new LinkedHashMap<>();

    private CustomData(Map<String, String> templates) {
        this.templates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(templates));
        templates.forEach((name, t) -> compiled.put(name, compile(t)));
    }

    public static final CustomData NONE = new CustomData(Map.of());

    public static CustomData of(Map<String, String> templates) {
        return templates.isEmpty() ? NONE : new CustomData(templates);
    }

    /** From a request's {@code customData} member, or a 400: names and templates of bounded length, braces only around paths. */
    public static CustomData read(JsonNode n) {
        if (n == null || n.isNull()) {
            return NONE;
        }
        if (!n.isObject() || n.size() > MAX_ENTRIES) {
            throw Problem.invalid("customData", "invalid_type", "customData must be an object of at most " + MAX_ENTRIES
                    + " templates");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            String name = e.getKey();
            if (name.isBlank() || name.length() > 100) {
                throw Problem.invalid("customData", "invalid_value", "customData names must be 1 to 100 characters");
            }
            if (!e.getValue().isTextual() || e.getValue().textValue().length() > MAX_TEMPLATE) {
                throw Problem.invalid("customData." + name, "invalid_type", "customData." + name
                        + " must be a template string of at most " + MAX_TEMPLATE + " characters");
            }
            String t = e.getValue().textValue();
            String rest = PLACEHOLDER.matcher(t).replaceAll("");
            if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
                throw Problem.invalid("customData." + name, "invalid_template", "customData." + name
                        + ": braces must enclose a dot-separated path such as {profile.email}");
            }
            out.put(name, t);
        }
        return of(out);
    }

    public Map<String, String> templates() {
        return templates;
    }

    public boolean isEmpty() {
        return templates.isEmpty();
    }

    /** The rendered object for {@code event}. */
    public ObjectNode render(JsonNode event) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        compiled.forEach((name, parts) -> out.set(name, render(parts, event)));
        return out;
    }

    private static JsonNode render(List<Part> parts, JsonNode event) {
        if (parts.size() == 1 && parts.getFirst().path() != null) {
            JsonNode v = at(event, parts.getFirst().path());
            return v == null ? NullNode.instance : v;
        }
        StringBuilder s = new StringBuilder();
        for (Part p : parts) {
            if (p.path() == null) {
                s.append(p.text());
                continue;
            }
            JsonNode v = at(event, p.path());
            if (v == null) {
                return NullNode.instance;
            }
            s.append(v.isValueNode() ? v.asText() : v.toString());
        }
        return JsonNodeFactory.instance.textNode(s.toString());
    }

    private static JsonNode at(JsonNode event, String[] path) {
        JsonNode n = event;
        for (String member : path) {
            n = n == null ? null : n.get(member);
        }
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    private static List<Part> compile(String template) {
        List<Part> parts = new ArrayList<>();
        Matcher one = ONE.matcher(template);
        if (one.matches()) {
            return List.of(new Part(null, one.group(1).split("\\.")));
        }
        Matcher m = PLACEHOLDER.matcher(template);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(new Part(template.substring(at, m.start()), null));
            }
            parts.add(new Part(null, m.group(1).split("\\.")));
            at = m.end();
        }
        if (at < template.length()) {
            parts.add(new Part(template.substring(at), null));
        }
        return parts;
    }
}

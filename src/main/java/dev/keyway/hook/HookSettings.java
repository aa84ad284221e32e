package dev.keyway.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.Fields;
import dev.keyway.problem.Problem;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A hook's settings read from a JSON body (create: defaults for what is missing; patch: the current
 * settings for what is missing), or a 400 naming the member at fault.
 *
 * @param eventTypes the event types delivered; {@code "*"} is every type
 * @param successRegex a regex the response body must contain a match of (besides a 2xx), or null
 */
public record HookSettings(String name, boolean active, List<String> eventTypes, Filters filters, URI url,
                           ConnectionId connectionId, int maxBatchSize, int timeoutSeconds, String successRegex,
                           CustomData customData) {
    static final Set<String> FIELDS = Set.of("name", "active", "eventTypes", "filters", "url", "connectionId",
            "maxBatchSize", "timeoutSeconds", "successRegex", "customData");
    public static final int MAX_BATCH = 1000;
    public static final int MAX_TIMEOUT_SECONDS = 3600;
    public static final int MAX_REGEX = 500;
    public static final int DEFAULT_BATCH = 100;
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;

    public HookSettings {
        eventTypes = List.copyOf(eventTypes);
    }

    public static HookSettings read(ObjectNode body, HookSettings current, Predicate<URI> httpAllowed) {
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw Problem.invalid(f, "unknown_field", "unknown field " + (f.length() > 60 ? f.substring(0, 60) : f)
                        + "; the fields are " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        });
        boolean create = current == null;
        String name = Fields.optional(body, "name", 200);
        if (name == null && (create || body.has("name"))) {
            throw Problem.invalid("name", "required", "name is required");
        }
        URI url = body.has("url") || create ? Fields.url(body, "url", true, httpAllowed) : current.url();
        ConnectionId connection = body.has("connectionId")
                ? connectionId(Fields.optional(body, "connectionId", 40))
                : create ? null : current.connectionId();
        List<String> types = body.has("eventTypes") || create ? eventTypes(body.get("eventTypes")) : current.eventTypes();
        Filters filters = body.has("filters") || create ? Filters.read(body.get("filters")) : current.filters();
        int batch = integer(body, "maxBatchSize", 1, MAX_BATCH, create ? DEFAULT_BATCH : current.maxBatchSize());
        int timeout = integer(body, "timeoutSeconds", 1, MAX_TIMEOUT_SECONDS,
                create ? DEFAULT_TIMEOUT_SECONDS : current.timeoutSeconds());
        String regex = body.has("successRegex") || create ? regex(body) : current.successRegex();
        CustomData custom = body.has("customData") || create ? CustomData.read(body.get("customData")) : current.customData();
        boolean active = Fields.bool(body, "active", create || current.active());
        return new HookSettings(name != null ? name : current.name(), active, types, filters, url, connection, batch, timeout,
                regex, custom);
    }

    public HookSettings withActive(boolean active) {
        return new HookSettings(name, active, eventTypes, filters, url, connectionId, maxBatchSize, timeoutSeconds,
                successRegex, customData);
    }

    public HookSettings withName(String name) {
        return new HookSettings(name, active, eventTypes, filters, url, connectionId, maxBatchSize, timeoutSeconds,
                successRegex, customData);
    }

    private static ConnectionId connectionId(String s) {
        return s == null ? null : new ConnectionId(s);
    }

    private static List<String> eventTypes(JsonNode n) {
        if (n == null || n.isNull() || (n.isArray() && n.isEmpty())) {
            throw Problem.invalid("eventTypes", "required", "eventTypes is required: the event types to deliver, or [\"*\"]");
        }
        if (!n.isArray() || n.size() > 100) {
            throw Problem.invalid("eventTypes", "invalid_type", "eventTypes must be an array of at most 100 event types");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode t : n) {
            if (!t.isTextual() || t.textValue().isBlank() || t.textValue().length() > 100) {
                throw Problem.invalid("eventTypes", "invalid_value", "eventTypes must hold event types of 1 to 100 characters");
            }
            out.add(t.textValue().strip());
        }
        return List.copyOf(out);
    }

    private static int integer(JsonNode body, String field, int min, int max, int fallback) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            throw Problem.invalid(field, "invalid_value", field + " must be an integer from " + min + " to " + max);
        }
        return n.intValue();
    }

    private static String regex(JsonNode body) {
        String s = Fields.optional(body, "successRegex", MAX_REGEX);
        if (s == null) {
            return null;
        }
        try {
            Pattern.compile(s);
            return s;
        } catch (PatternSyntaxException e) {
            throw Problem.invalid("successRegex", "invalid_regex", "successRegex is not a valid regular expression: "
                    + e.getDescription());
        }
    }
}

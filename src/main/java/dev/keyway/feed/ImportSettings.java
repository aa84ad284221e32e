package dev.keyway.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.Fields;
import dev.keyway.problem.Problem;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Set;

/**
 * An import's settings read from a JSON body (create: defaults for what is missing; patch: the
 * current settings for what is missing), or a 400 naming the field at fault.
 */
record ImportSettings(String name, URI url, ConnectionId connectionId, ImportMode mode, FeedSchedule schedule,
                      ZoneId timeZone, boolean active) {
    static final Set<String> FIELDS = Set.of("name", "url", "connectionId", "mode", "schedule", "timeZone", "active");
    static final String DEFAULT_SCHEDULE = "every 1h";

    static ImportSettings read(ObjectNode body, FeedImport current) {
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw Problem.invalid(f, "unknown_field", "unknown field " + (f.length() > 60 ? f.substring(0, 60) : f)
                        + "; the fields are " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        });
        String name = Fields.optional(body, "name", 200);
        if (name == null && (current == null || body.has("name"))) {
            throw Problem.invalid("name", "required", "name is required");
        }
        String urlText = Fields.optional(body, "url", 2000);
        if (urlText == null && (current == null || body.has("url"))) {
            throw Problem.invalid("url", "required", "url is required");
        }
        URI url = urlText == null ? current.url() : Fields.url(body, "url", true, any -> true);
        ConnectionId connection = body.has("connectionId")
                ? (Fields.optional(body, "connectionId", 40) == null ? null : new ConnectionId(Fields.optional(body, "connectionId", 40)))
                : current == null ? null : current.connectionId();
        String modeText = Fields.optional(body, "mode", 40);
        ImportMode mode = modeText == null
                ? (current == null ? ImportMode.PRODUCTS_AND_SKUS : current.mode())
                : ImportMode.fromWire(modeText).orElseThrow(() -> Problem.invalid("mode", "invalid_value",
                        "mode must be products_and_skus or skus_only"));
        String zoneText = Fields.optional(body, "timeZone", 60);
        ZoneId zone = zoneText == null ? (current == null ? ZoneId.of("UTC") : current.timeZone()) : zone(zoneText);
        String scheduleText = Fields.optional(body, "schedule", 200);
        scheduleText = scheduleText != null ? scheduleText : current == null ? DEFAULT_SCHEDULE : current.schedule().text();
        StringBuilder why = new StringBuilder();
        FeedSchedule schedule = FeedSchedule.parse(scheduleText, zone, why)
                .orElseThrow(() -> Problem.invalid("schedule", "invalid_schedule", why.toString()));
        boolean active = Fields.bool(body, "active", current == null || current.active());
        return new ImportSettings(name != null ? name : current.name(), url, connection, mode, schedule, zone, active);
    }

    private static ZoneId zone(String s) {
        try {
            return ZoneId.of(s);
        } catch (DateTimeException e) {
            throw Problem.invalid("timeZone", "invalid_time_zone", "timeZone must be an IANA time zone such as Europe/Berlin");
        }
    }
}

package dev.keyway.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.connection.ConnectionId;
import dev.keyway.problem.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
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
        String name = text(body, "name", 200);
        if (name == null && (current == null || body.has("name"))) {
            throw Problem.invalid("name", "required", "name is required");
        }
        String urlText = text(body, "url", 2000);
        if (urlText == null && (current == null || body.has("url"))) {
            throw Problem.invalid("url", "required", "url is required");
        }
        URI url = urlText == null ? current.url() : url(urlText);
        ConnectionId connection = body.has("connectionId")
                ? (text(body, "connectionId", 40) == null ? null : new ConnectionId(text(body, "connectionId", 40)))
                : current == null ? null : current.connectionId();
        String modeText = text(body, "mode", 40);
        ImportMode mode = modeText == null
                ? (current == null ? ImportMode.PRODUCTS_AND_SKUS : current.mode())
                : ImportMode.fromWire(modeText).orElseThrow(() -> Problem.invalid("mode", "invalid_value",
                        "mode must be products_and_skus or skus_only"));
        String zoneText = text(body, "timeZone", 60);
        ZoneId zone = zoneText == null ? (current == null ? ZoneId.of("UTC") : current.timeZone()) : zone(zoneText);
        String scheduleText = text(body, "schedule", 200);
        scheduleText = scheduleText != null ? scheduleText : current == null ? DEFAULT_SCHEDULE : current.schedule().text();
        StringBuilder why = new StringBuilder();
        FeedSchedule schedule = FeedSchedule.parse(scheduleText, zone, why)
                .orElseThrow(() -> Problem.invalid("schedule", "invalid_schedule", why.toString()));
        boolean active = bool(body, "active", current == null || current.active());
        return new ImportSettings(name != null ? name : current.name(), url, connection, mode, schedule, zone, active);
    }

    private static String text(JsonNode body, String field, int max) {
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

    private static URI url(String s) {
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null
                    || !(scheme.equals("https") || scheme.equals("http"))) {
                throw Problem.invalid("url", "invalid_url",
                        "url must be an absolute http(s) URL with a host, no user info and no fragment");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw Problem.invalid("url", "invalid_url", "url is not a valid URL");
        }
    }

    private static ZoneId zone(String s) {
        try {
            return ZoneId.of(s);
        } catch (DateTimeException e) {
            throw Problem.invalid("timeZone", "invalid_time_zone", "timeZone must be an IANA time zone such as Europe/Berlin");
        }
    }
}

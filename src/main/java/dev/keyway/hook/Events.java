package dev.keyway.hook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The platform's message structure, checked per event: an object with {@code event_type} (a
 * string of 1 to 100 characters) and {@code event_date} (RFC 3339 with an offset); where present,
 * {@code profile_id} a string, {@code list_id} and {@code account_id} integers, {@code event_data}
 * an object, {@code subscription} an array. Other members (profile fields, {@code _xxh}, …) pass as they are.
 */
public final class Events {
    public static final int MAX_PER_REQUEST = 1000;
    public static final int MAX_CHARS = 1_000_000;

    /** Why one event of a request was refused; {@code index} is its place in the request (0 for a single object). */
    public record Rejection(int index, String code, String message) { }

    private Events() {
    }

    /** Null when {@code e} is acceptable, else the reason. */
    public static Rejection check(int index, JsonNode e) {
        if (!e.isObject()) {
            return new Rejection(index, "invalid_event", "an event must be a JSON object");
        }
        JsonNode type = e.get("event_type");
        if (type == null || !type.isTextual() || type.textValue().isBlank() || type.textValue().length() > 100) {
            return new Rejection(index, "invalid_event_type", "event_type must be a string of 1 to 100 characters");
        }
        JsonNode date = e.get("event_date");
        if (date == null || !date.isTextual() || !rfc3339(date.textValue())) {
            return new Rejection(index, "invalid_event_date", "event_date must be an RFC 3339 date-time with an offset");
        }
        if (present(e, "profile_id") && !e.get("profile_id").isTextual()) {
            return new Rejection(index, "invalid_profile_id", "profile_id must be a string");
        }
        for (String n : new String[] {"list_id", "account_id"}) {
            if (present(e, n) && !e.get(n).isIntegralNumber()) {
                return new Rejection(index, "invalid_" + n, n + " must be an integer");
            }
        }
        if (present(e, "event_data") && !e.get("event_data").isObject()) {
            return new Rejection(index, "invalid_event_data", "event_data must be an object");
        }
        if (present(e, "subscription") && !e.get("subscription").isArray()) {
            return new Rejection(index, "invalid_subscription", "subscription must be an array");
        }
        return null;
    }

    private static boolean present(JsonNode e, String name) {
        return e.has(name) && !e.get(name).isNull();
    }

    private static boolean rfc3339(String s) {
        if (s.length() > 40 || s.length() < 20 || (s.charAt(10) != 'T' && s.charAt(10) != 't' && s.charAt(10) != ' ')) {
            return false;
        }
        try {
            OffsetDateTime.parse(s.replace(' ', 'T').replace('t', 'T').replace('z', 'Z'), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeParseException ex) {
            return false;
        }
    }
}

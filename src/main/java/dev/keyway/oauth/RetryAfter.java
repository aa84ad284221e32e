package dev.keyway.oauth;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code Retry-After} header (RFC 9110 §10.2.3): a number of seconds or an HTTP date, the latter measured
 * from {@code now} (Keyway's clock). Unreadable → null; a date in the past → zero; absurd values are clamped, the
 * caller caps what it will honour.
 */
final class RetryAfter {
    private static final Duration MAX = Duration.ofDays(365);

    private RetryAfter() {
    }

    static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return v.length() > 12 ? MAX : Duration.ofSeconds(Math.min(Long.parseLong(v), MAX.toSeconds()));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : wait.compareTo(MAX) > 0 ? MAX : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

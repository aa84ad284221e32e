package dev.keyway.oauth;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Tolerant readers for the members of a token response. */
final class TokenMembers {

    /** Longer lifetimes than 100 years are treated as nonsense (unknown expiry). */
    private static final long MAX_SECONDS = 100L * 366 * 24 * 3600;
    /** Epoch values above this (year 5138 in seconds) are taken as milliseconds. */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;
    /** 9999-12-31T23:59:59Z. */
    private static final long LAST_EPOCH_SECOND = 253_402_300_799L;
    private static final Pattern SCOPE_SEPARATORS = Pattern.compile("[\\s,]+");

    private TokenMembers() {
    }

    /** A non-blank string member, else null. */
    static String text(Map<String, Object> m, String name) {
        return m.get(name) instanceof String s && !s.isBlank() ? s : null;
    }

    /** Missing or blank → {@code Bearer}; any case of bearer/BearerToken → {@code Bearer}; dpop → {@code DPoP}. */
    static String tokenType(Object value) {
        String s = value instanceof String str ? str.strip() : "";
        if (s.isEmpty() || s.equalsIgnoreCase("bearer") || s.equalsIgnoreCase("bearertoken")
                || s.equalsIgnoreCase("bearer_token")) {
            return "Bearer";
        }
        return s.equalsIgnoreCase("dpop") ? "DPoP" : s;
    }

    /** {@code expires_in} (number, or string like "3599" / "3599.0"), else absolute {@code expires_at}, else null. */
    static Instant expiresAt(Object expiresIn, Object expiresAtMember, Instant now) {
        BigDecimal in = number(expiresIn);
        if (in != null && in.signum() > 0 && in.compareTo(BigDecimal.valueOf(MAX_SECONDS)) <= 0) {
            return now.plusSeconds(in.longValue());
        }
        BigDecimal at = number(expiresAtMember);
        if (at != null && at.signum() > 0) {
            long epoch = at.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
            long seconds = epoch > MILLIS_THRESHOLD ? epoch / 1000 : epoch;
            return seconds <= LAST_EPOCH_SECOND ? Instant.ofEpochSecond(seconds) : null;
        }
        if (expiresAtMember instanceof String s) {
            try {
                return Instant.parse(s.strip());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** An {@code expires_in} given in milliseconds, as seconds (null when unreadable). */
    static BigDecimal millisToSeconds(Object expiresIn) {
        BigDecimal ms = number(expiresIn);
        return ms == null ? null : ms.movePointLeft(3);
    }

    /** A string split on whitespace and commas (both, mixed: {@code "read, write"}), or a JSON array; absent → null. */
    static List<String> scopes(Object value) {
        if (value instanceof String s) {
            return Arrays.stream(SCOPE_SEPARATORS.split(s)).filter(v -> !v.isEmpty()).distinct().toList();
        }
        if (value instanceof Collection<?> c) {
            return c.stream().filter(String.class::isInstance).map(v -> ((String) v).strip())
                    .filter(v -> !v.isEmpty()).distinct().toList();
        }
        return null;
    }

    private static BigDecimal number(Object value) {
        try {
            if (value instanceof Number n) {
                return new BigDecimal(n.toString());
            }
            if (value instanceof String s && !s.isBlank()) {
                return new BigDecimal(s.strip());
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }
}

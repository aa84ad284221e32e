package dev.keyway.web.admin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the admin pages write times and statuses. */
public final class Fmt {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Fmt() {
    }

    public static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    /** ISO-8601, for {@code <time datetime>}. */
    public static String iso(Instant t) {
        return t == null ? "" : t.toString();
    }

    public static String type(String type) {
        return switch (type) {
            case "oauth2" -> "OAuth2";
            case "basic" -> "Basic";
            case "token" -> "Token";
            case "custom" -> "Custom";
            default -> type;
        };
    }

    public static String status(String wire) {
        return switch (wire) {
            case "connected" -> "Connected";
            case "needs_reconnect" -> "Needs reconnect";
            case "refresh_failing" -> "Refresh failing";
            case "not_connected" -> "Not connected";
            default -> wire;
        };
    }
}

package dev.keyway.oauth;

import java.util.Optional;

/** Whether the Connect start pushes its authorization request first (RFC 9126). */
public enum Par {
    /** Never: the browser carries the parameters (RFC 6749 §4.1.1). */
    OFF("off"),
    /** When the connection knows a PAR endpoint (given, or discovered); otherwise the classic request. */
    WHEN_AVAILABLE("when_available"),
    /** Always (the server requires it, {@code require_pushed_authorization_requests}); a PAR endpoint is required. */
    REQUIRED("required");

    private final String wireName;

    Par(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Case-insensitive, surrounding blanks ignored; empty for null or unknown names. */
    public static Optional<Par> fromWireName(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (Par p : values()) {
            if (p.wireName.equalsIgnoreCase(s.strip())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Whether a Connect pushes its request, given the connection's PAR endpoint (nullable). */
    public boolean pushes(java.net.URI parUrl) {
        return this == REQUIRED || this == WHEN_AVAILABLE && parUrl != null;
    }
}

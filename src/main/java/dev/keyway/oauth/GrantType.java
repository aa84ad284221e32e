package dev.keyway.oauth;

import java.util.Optional;

/** How a connection obtains its tokens (RFC 6749 grant types Keyway speaks). */
public enum GrantType {
    /** RFC 6749 §4.1: an operator signs in once (Connect); tokens are renewed with the refresh token. */
    AUTHORIZATION_CODE("authorization_code", true),
    /** RFC 6749 §4.4: no browser step; the client asks for a new token whenever it needs one. */
    CLIENT_CREDENTIALS("client_credentials", false);

    private final String wireName;
    private final boolean connectStep;

    GrantType(String wireName, boolean connectStep) {
        this.wireName = wireName;
        this.connectStep = connectStep;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether an operator must sign in (Connect) before the connection can hand out tokens. */
    public boolean connectStep() {
        return connectStep;
    }

    /** Case-insensitive, surrounding blanks ignored; empty for null or unknown names. */
    public static Optional<GrantType> fromWireName(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (GrantType g : values()) {
            if (g.wireName.equalsIgnoreCase(s.strip())) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}

package dev.keyway.oauth;

import java.util.Optional;

/** The {@code aud} of a client assertion (RFC 7523 §3): the token endpoint's URL, or the issuer where a server wants that. */
public enum AssertionAudience {
    TOKEN_ENDPOINT("token_endpoint"),
    ISSUER("issuer");

    private final String wireName;

    AssertionAudience(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Case-insensitive; empty for null or unknown names. */
    public static Optional<AssertionAudience> fromWireName(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (AssertionAudience a : values()) {
            if (a.wireName.equalsIgnoreCase(s.strip())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}

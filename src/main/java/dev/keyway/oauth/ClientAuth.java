package dev.keyway.oauth;

import java.util.Optional;

/** How the client authenticates at the token and revocation endpoints (RFC 6749 §2.3, RFC 8414 names). */
public enum ClientAuth {
    /** RFC 6749 §2.3.1: {@code Authorization: Basic base64(urlencode(id):urlencode(secret))}. */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** RFC 6749 §2.3.1: {@code client_id} and {@code client_secret} in the form body. */
    CLIENT_SECRET_POST("client_secret_post"),
    /** Public client: only {@code client_id} in the form body, no secret. */
    NONE("none");

    private final String wireName;

    ClientAuth(String wireName) {
        this.wireName = wireName;
    }

    /** The RFC 8414 {@code token_endpoint_auth_methods_supported} name, e.g. {@code client_secret_basic}. */
    public String wireName() {
        return wireName;
    }

    /** Case-insensitive, surrounding blanks ignored; empty for null or unknown names. */
    public static Optional<ClientAuth> fromWireName(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String wanted = s.strip();
        for (ClientAuth a : values()) {
            if (a.wireName.equalsIgnoreCase(wanted)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}

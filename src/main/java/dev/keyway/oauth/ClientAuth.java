package dev.keyway.oauth;

import java.util.Optional;

/** How the client authenticates at the token and revocation endpoints (RFC 6749 §2.3, RFC 8414 names). */
public enum ClientAuth {
    /** RFC 6749 §2.3.1: {@code Authorization: Basic base64(urlencode(id):urlencode(secret))}. */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** RFC 6749 §2.3.1: {@code client_id} and {@code client_secret} in the form body. */
    CLIENT_SECRET_POST("client_secret_post"),
    /** Public client: only {@code client_id} in the form body, no secret. */
    NONE("none"),
    /** RFC 7523 §2.2 / OpenID Connect Core §9: a JWT signed with a key pair Keyway holds; the server knows the public key. */
    PRIVATE_KEY_JWT("private_key_jwt"),
    /** OpenID Connect Core §9: a JWT signed with HS256, the client secret as the key. */
    CLIENT_SECRET_JWT("client_secret_jwt");

    /** HS256 needs a key of at least 256 bits (RFC 7518 §3.2). */
    public static final int MIN_JWT_SECRET_BYTES = 32;

    private final String wireName;

    ClientAuth(String wireName) {
        this.wireName = wireName;
    }

    /** Whether this method authenticates with the client secret. */
    public boolean usesSecret() {
        return this == CLIENT_SECRET_BASIC || this == CLIENT_SECRET_POST || this == CLIENT_SECRET_JWT;
    }

    /** Whether this method can work with {@code secret}: client_secret_jwt needs {@link #MIN_JWT_SECRET_BYTES} bytes. */
    public boolean acceptsSecret(String secret) {
        return this != CLIENT_SECRET_JWT
                || secret != null && secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= MIN_JWT_SECRET_BYTES;
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

    /**
     * The first of client_secret_basic, client_secret_post, private_key_jwt, none named in {@code supported} (RFC 8414
     * {@code token_endpoint_auth_methods_supported}), the secret-based ones only when {@code secretSet}; empty if none.
     */
    public static Optional<ClientAuth> preferred(java.util.List<String> supported, boolean secretSet) {
        for (ClientAuth a : java.util.List.of(CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, PRIVATE_KEY_JWT, NONE)) {
            if ((secretSet || !a.usesSecret()) && supported.contains(a.wireName())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}

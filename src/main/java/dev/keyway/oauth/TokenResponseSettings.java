package dev.keyway.oauth;

import java.time.Instant;

/**
 * How a server's token responses deviate from RFC 6749 §5.1 (provider quirks, kept as data).
 *
 * @param accessTokenPath         nullable: a dotted path to a nested access token ({@code authed_user.access_token});
 *                                see {@link TokenResponses#parse(OAuthResponse, Instant, TokenResponseSettings)}
 * @param expiresInUnit           {@code seconds} (RFC 6749) or {@code milliseconds}; null means seconds
 * @param defaultExpiresInSeconds nullable: the lifetime assumed when a response gives no expiry; null keeps it
 *                                unknown (the token is refreshed on the connection's token-expired status only)
 */
public record TokenResponseSettings(String accessTokenPath, String expiresInUnit, Long defaultExpiresInSeconds) {
    public static final String SECONDS = "seconds";
    public static final String MILLISECONDS = "milliseconds";
    private static final TokenResponseSettings STANDARD = new TokenResponseSettings(null, SECONDS, null);

    public TokenResponseSettings {
        expiresInUnit = expiresInUnit == null ? SECONDS : expiresInUnit;
        if (!expiresInUnit.equals(SECONDS) && !expiresInUnit.equals(MILLISECONDS)) {
            throw new IllegalArgumentException("expiresInUnit must be seconds or milliseconds");
        }
        if (defaultExpiresInSeconds != null && defaultExpiresInSeconds <= 0) {
            throw new IllegalArgumentException("defaultExpiresInSeconds must be positive");
        }
        if (accessTokenPath != null && !accessTokenPath.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*")) {
            throw new IllegalArgumentException("accessTokenPath must be names separated by dots");
        }
    }

    /** RFC 6749 as written: top-level access_token, expires_in in seconds, no assumed lifetime. */
    public static TokenResponseSettings standard() {
        return STANDARD;
    }

    public boolean quirkless() {
        return equals(STANDARD);
    }
}

package dev.keyway.token;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a consumer gets: a usable access token. toString() never prints it. */
public record AccessToken(String accessToken, String tokenType, Instant expiresAt, List<String> scopes,
                          Map<String, Object> extra) {
    @Override
    public String toString() {
        return "AccessToken[" + tokenType + ", expiresAt=" + expiresAt + "]";
    }
}

package dev.keyway.oauth;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tokens a server issued (RFC 6749 §5.1). {@code toString()} never prints the access token, the refresh token or any
 * value of {@code extra} (which may hold an {@code id_token}): only the names of the extra members.
 *
 * @param tokenType    canonical spelling for the known schemes ({@code Bearer}, {@code DPoP}), see
 *                     {@link TokenResponses}
 * @param expiresAt    nullable: the server did not say
 * @param refreshToken nullable: none issued (on refresh: keep the previous one, {@link #keepRefreshToken})
 * @param scopes       nullable: the server did not say (RFC 6749 §5.1: then it granted what was asked)
 * @param extra        the other members of the response (e.g. {@code instance_url}, {@code id_token}), unmodifiable
 */
public record TokenSet(String accessToken, String tokenType, Instant expiresAt, String refreshToken,
                       List<String> scopes, Map<String, Object> extra) {

    public TokenSet {
        ClientSettings.requireText(accessToken, "accessToken");
        ClientSettings.requireText(tokenType, "tokenType");
        scopes = scopes == null ? null : List.copyOf(scopes);
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** RFC 6750 bearer token (token types are case-insensitive, RFC 6749 §5.1). */
    public boolean isBearer() {
        return "Bearer".equalsIgnoreCase(tokenType);
    }

    /** This set, or when it has no refresh token a copy with the previous one (servers that do not rotate). */
    public TokenSet keepRefreshToken(String previousRefreshToken) {
        return refreshToken != null || previousRefreshToken == null ? this
                : new TokenSet(accessToken, tokenType, expiresAt, previousRefreshToken, scopes, extra);
    }

    /** True if the token is known to expire before {@code instant}; unknown expiry never counts as expired. */
    public boolean expiresBefore(Instant instant) {
        return expiresAt != null && expiresAt.isBefore(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public String toString() {
        return "TokenSet[accessToken=***, tokenType=" + tokenType + ", expiresAt=" + expiresAt + ", refreshToken="
                + (refreshToken == null ? "none" : "***") + ", scopes=" + scopes + ", extra=" + extra.keySet() + "]";
    }
}

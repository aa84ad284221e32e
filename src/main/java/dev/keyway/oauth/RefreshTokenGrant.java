package dev.keyway.oauth;

import com.nimbusds.oauth2.sdk.token.RefreshToken;
import java.net.URI;
import java.util.List;

/** The RFC 6749 §6 refresh request. No {@code scope}: the server keeps the originally granted scope. */
public final class RefreshTokenGrant {

    private RefreshTokenGrant() {
    }

    /** @throws IllegalArgumentException if the refresh token is blank */
    public static OAuthRequest request(ClientSettings c, String refreshToken) {
        return request(c, refreshToken, List.of());
    }

    /** The same, with RFC 8707 resource indicators. */
    public static OAuthRequest request(ClientSettings c, String refreshToken, List<URI> resources) {
        ClientSettings.requireText(refreshToken, "refreshToken");
        return TokenRequests.token(c, new com.nimbusds.oauth2.sdk.RefreshTokenGrant(new RefreshToken(refreshToken)),
                null, resources);
    }
}

package dev.keyway.oauth;

import com.nimbusds.oauth2.sdk.Scope;
import java.net.URI;
import java.util.List;

/**
 * The RFC 6749 §4.4.2 access token request of a confidential client acting for itself: no browser step, no
 * refresh token (§4.4.3: one should not be issued); a new token is simply requested again.
 */
public final class ClientCredentialsGrant {

    private ClientCredentialsGrant() {
    }

    /**
     * @param scopes the scopes to ask for; empty: none sent (the server's default)
     * @throws IllegalArgumentException for a public client (RFC 6749 §4.4: confidential clients only)
     */
    public static OAuthRequest request(ClientSettings c, List<String> scopes) {
        return request(c, scopes, List.of());
    }

    /** The same, with RFC 8707 resource indicators. */
    public static OAuthRequest request(ClientSettings c, List<String> scopes, List<URI> resources) {
        if (c.auth() == ClientAuth.NONE) {
            throw new IllegalArgumentException("the client credentials grant needs client authentication");
        }
        Scope scope = scopes == null || scopes.isEmpty() ? null : new Scope(scopes.toArray(String[]::new));
        return TokenRequests.token(c, new com.nimbusds.oauth2.sdk.ClientCredentialsGrant(), scope, resources);
    }
}

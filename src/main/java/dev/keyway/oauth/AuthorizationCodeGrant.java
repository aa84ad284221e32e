package dev.keyway.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.net.URI;
import java.util.List;

/** The RFC 6749 §4.1.3 access token request (authorization code → tokens), with the RFC 7636 verifier. */
public final class AuthorizationCodeGrant {

    private AuthorizationCodeGrant() {
    }

    /**
     * @param redirectUri  the redirect URI sent in the authorization request (RFC 6749 §4.1.3: must be identical);
     *                     null only when none was sent
     * @param codeVerifier the PKCE verifier, or null when PKCE was off
     * @throws IllegalArgumentException if the code is blank or the verifier is malformed
     */
    public static OAuthRequest request(ClientSettings c, String code, URI redirectUri, String codeVerifier) {
        return request(c, code, redirectUri, codeVerifier, List.of());
    }

    /** The same, with RFC 8707 resource indicators. */
    public static OAuthRequest request(ClientSettings c, String code, URI redirectUri, String codeVerifier,
                                       List<URI> resources) {
        ClientSettings.requireText(code, "code");
        CodeVerifier verifier = codeVerifier == null ? null : new CodeVerifier(codeVerifier);
        return TokenRequests.token(c, new com.nimbusds.oauth2.sdk.AuthorizationCodeGrant(
                new AuthorizationCode(code), redirectUri, verifier), null, resources);
    }
}

package dev.keyway.connection;

import dev.keyway.oauth.ClientAuth;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The non-secret settings of an OAuth2 connection (the client secret is stored apart, sealed). */
public record OAuth2Settings(
        String clientId,
        URI authorizationUrl,
        URI tokenUrl,
        URI revocationUrl,
        String issuer,
        List<String> scopes,
        String scopeSeparator,
        ClientAuth clientAuthentication,
        boolean pkce,
        Map<String, String> authorizationParams,
        Map<String, String> tokenParams,
        Access access) implements ConnectionSettings {

    public OAuth2Settings {
        scopes = List.copyOf(scopes);
        authorizationParams = Map.copyOf(authorizationParams);
        tokenParams = Map.copyOf(tokenParams);
        access = access == null ? Access.none() : access;
    }

    /** Without usage settings (no allowed URL yet). */
    public OAuth2Settings(String clientId, URI authorizationUrl, URI tokenUrl, URI revocationUrl, String issuer,
                          List<String> scopes, String scopeSeparator, ClientAuth clientAuthentication, boolean pkce,
                          Map<String, String> authorizationParams, Map<String, String> tokenParams) {
        this(clientId, authorizationUrl, tokenUrl, revocationUrl, issuer, scopes, scopeSeparator, clientAuthentication,
                pkce, authorizationParams, tokenParams, Access.none());
    }

    @Override
    public String type() {
        return "oauth2";
    }

    /** True when a grant obtained under {@code before} cannot be trusted under these settings. */
    public boolean needsReconnectAfter(OAuth2Settings before) {
        return !clientId.equals(before.clientId)
                || !authorizationUrl.equals(before.authorizationUrl)
                || !tokenUrl.equals(before.tokenUrl)
                || !scopes.equals(before.scopes);
    }
}

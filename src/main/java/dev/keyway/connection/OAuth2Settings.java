package dev.keyway.connection;

import dev.keyway.oauth.AssertionAudience;
import dev.keyway.oauth.ClientAuth;
import dev.keyway.oauth.GrantType;
import dev.keyway.oauth.Par;
import dev.keyway.oauth.KeyAlgorithm;
import dev.keyway.oauth.TokenResponseSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
        Access access,
        GrantType grantType,
        boolean issParameterSupported,
        Par par,
        URI parUrl,
        URI jwksUrl,
        List<URI> resources,
        AssertionAudience assertionAudience,
        boolean dpop,
        KeyAlgorithm keyAlgorithm,
        TokenResponseSettings tokenResponse,
        String provider,
        Map<String, String> variables) implements ConnectionSettings {

    /**
     * {@code authorizationUrl} is null only for a grant type without a Connect step; {@code grantType} null (settings
     * stored before it existed) means authorization code; {@code issParameterSupported}: the server said it sends
     * {@code iss} in authorization responses (RFC 9207), so a callback without one is refused. {@code par} null means
     * {@link Par#WHEN_AVAILABLE}; {@code parUrl}: the PAR endpoint (RFC 9126); {@code jwksUrl}: the keys that sign
     * ID tokens; {@code resources}: RFC 8707 resource indicators; {@code assertionAudience} (null: token endpoint) the
     * {@code aud} of client assertions; {@code dpop}: tokens are bound to a Keyway-held key pair (RFC 9449);
     * {@code keyAlgorithm} (null: ES256) of the key pairs Keyway makes; {@code tokenResponse} null (stored before it
     * existed) means standard; {@code provider} nullable: the preset the connection was made from, with its
     * {@code variables}.
     */
    public OAuth2Settings {
        scopes = List.copyOf(scopes);
        authorizationParams = Map.copyOf(authorizationParams);
        tokenParams = Map.copyOf(tokenParams);
        access = access == null ? Access.none() : access;
        grantType = grantType == null ? GrantType.AUTHORIZATION_CODE : grantType;
        par = par == null ? Par.WHEN_AVAILABLE : par;
        resources = resources == null ? List.of() : List.copyOf(resources);
        assertionAudience = assertionAudience == null ? AssertionAudience.TOKEN_ENDPOINT : assertionAudience;
        keyAlgorithm = keyAlgorithm == null ? KeyAlgorithm.ES256 : keyAlgorithm;
        tokenResponse = tokenResponse == null ? TokenResponseSettings.standard() : tokenResponse;
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    /** Before PAR, ID token keys, resource indicators, client assertions and DPoP (their defaults). */
    public OAuth2Settings(String clientId, URI authorizationUrl, URI tokenUrl, URI revocationUrl, String issuer,
                          List<String> scopes, String scopeSeparator, ClientAuth clientAuthentication, boolean pkce,
                          Map<String, String> authorizationParams, Map<String, String> tokenParams, Access access,
                          GrantType grantType, boolean issParameterSupported) {
        this(clientId, authorizationUrl, tokenUrl, revocationUrl, issuer, scopes, scopeSeparator, clientAuthentication,
                pkce, authorizationParams, tokenParams, access, grantType, issParameterSupported, null, null, null, null,
                null, false, null, null, null, null);
    }

    /** Authorization code, with usage settings. */
    public OAuth2Settings(String clientId, URI authorizationUrl, URI tokenUrl, URI revocationUrl, String issuer,
                          List<String> scopes, String scopeSeparator, ClientAuth clientAuthentication, boolean pkce,
                          Map<String, String> authorizationParams, Map<String, String> tokenParams, Access access) {
        this(clientId, authorizationUrl, tokenUrl, revocationUrl, issuer, scopes, scopeSeparator, clientAuthentication,
                pkce, authorizationParams, tokenParams, access, GrantType.AUTHORIZATION_CODE, false);
    }

    /** Without usage settings (no allowed URL yet). */
    public OAuth2Settings(String clientId, URI authorizationUrl, URI tokenUrl, URI revocationUrl, String issuer,
                          List<String> scopes, String scopeSeparator, ClientAuth clientAuthentication, boolean pkce,
                          Map<String, String> authorizationParams, Map<String, String> tokenParams) {
        this(clientId, authorizationUrl, tokenUrl, revocationUrl, issuer, scopes, scopeSeparator, clientAuthentication,
                pkce, authorizationParams, tokenParams, Access.none(), GrantType.AUTHORIZATION_CODE, false);
    }

    /** Whether a Connect validates an OpenID Connect ID token: {@code openid} is asked for and the issuer is known. */
    public boolean validatesIdToken() {
        return issuer != null && scopes.contains("openid");
    }

    @Override
    public String type() {
        return "oauth2";
    }

    /** True when a grant obtained under {@code before} cannot be trusted under these settings. */
    public boolean needsReconnectAfter(OAuth2Settings before) {
        return !clientId.equals(before.clientId)
                || grantType != before.grantType
                || !Objects.equals(authorizationUrl, before.authorizationUrl)
                || !tokenUrl.equals(before.tokenUrl)
                || !scopes.equals(before.scopes)
                || !resources.equals(before.resources)
                || dpop != before.dpop
                || dpop && keyAlgorithm != before.keyAlgorithm; // a new DPoP key: the bound token is of no use
    }
}

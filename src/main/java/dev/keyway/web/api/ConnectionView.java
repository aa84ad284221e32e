package dev.keyway.web.api;

import dev.keyway.connection.Access;
import dev.keyway.connection.BasicSettings;
import dev.keyway.connection.ConnectedAs;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionEvents;
import dev.keyway.connection.ConnectionKeys;
import dev.keyway.oauth.ClientAuth;
import dev.keyway.connection.CustomSettings;
import dev.keyway.connection.Grant;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.connection.TokenSettings;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A connection as the API shows it: every setting of its type, whether its secret is set, never a secret. */
public final class ConnectionView {
    private ConnectionView() {
    }

    /** What is known of the grant, without its tokens. */
    public record GrantView(Instant expiresAt, List<String> scopes, String tokenType, boolean refreshTokenSet,
                            Instant refreshedAt, int failures, Instant nextAttemptAt) {
        static GrantView of(Grant g) {
            return g == null ? null : new GrantView(g.expiresAt(), g.scopes(), g.tokenType(), g.refreshToken() != null,
                    g.refreshedAt(), g.failures(), g.nextAttemptAt());
        }
    }

    /** @param connectedAs who the grant was made as (OpenID Connect), or null */
    public static Map<String, Object> of(Connection c, URI redirectUri, Grant grant, List<ConnectionEvents.Event> history,
                                         ConnectedAs connectedAs) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", c.id().value());
        v.put("type", c.type());
        v.put("name", c.name());
        v.put("description", c.description());
        switch (c.settings()) {
            case OAuth2Settings s -> oauth2(v, s, c.secretSet(), redirectUri);
            case BasicSettings s -> {
                v.put("username", s.username());
                v.put("passwordSet", c.secretSet());
            }
            case TokenSettings s -> v.put("tokenSet", c.secretSet());
            case CustomSettings s -> v.put("headerNames", s.headerNames());
        }
        Access a = c.settings().access();
        v.put("allowedUrl", a.allowedUrl() == null ? null : a.allowedUrl().toString());
        if (c.type().equals("oauth2") || c.type().equals("token")) {
            v.put("credentialPlacement", a.placement());
        }
        v.put("tokenExpiredStatuses", a.tokenExpiredStatuses());
        v.put("status", c.status().wire());
        v.put("lastError", c.lastError());
        v.put("lastErrorAt", c.lastErrorAt());
        v.put("connectedAt", c.connectedAt());
        v.put("createdAt", c.createdAt());
        v.put("updatedAt", c.updatedAt());
        if (c.type().equals("oauth2")) {
            v.put("grant", GrantView.of(grant));
            v.put("connectedAs", grant == null ? null : connectedAs);
        }
        v.put("history", history);
        return v;
    }

    /**
     * The client-assertion key's public JWK and JWKS URL (private_key_jwt), the DPoP key's public JWK; null members
     * when the connection does not use them.
     */
    static void keys(Map<String, Object> v, OAuth2Settings s, ConnectionKeys.PublicKey client, ConnectionKeys.PublicKey dpop,
                     URI publicUrl) {
        boolean assertion = s.clientAuthentication() == ClientAuth.PRIVATE_KEY_JWT && client != null;
        v.put("publicJwk", assertion ? client.jwk() : null);
        v.put("clientJwksUrl", assertion ? JwksApi.url(publicUrl, client.jwksId()) : null);
        v.put("dpopPublicJwk", s.dpop() && dpop != null ? dpop.jwk() : null);
    }

    private static void oauth2(Map<String, Object> v, OAuth2Settings s, boolean secretSet, URI redirectUri) {
        v.put("clientId", s.clientId());
        v.put("clientSecretSet", secretSet);
        v.put("grantType", s.grantType().wireName());
        v.put("authorizationUrl", s.authorizationUrl() == null ? null : s.authorizationUrl().toString());
        v.put("tokenUrl", s.tokenUrl().toString());
        v.put("revocationUrl", s.revocationUrl() == null ? null : s.revocationUrl().toString());
        v.put("issuer", s.issuer());
        v.put("issParameterSupported", s.issParameterSupported());
        v.put("scopes", s.scopes());
        v.put("scopeSeparator", s.scopeSeparator());
        v.put("clientAuthentication", s.clientAuthentication().wireName());
        v.put("pkce", s.pkce());
        v.put("assertionAudience", s.assertionAudience().wireName());
        v.put("dpop", s.dpop());
        v.put("keyAlgorithm", s.keyAlgorithm().name());
        v.put("authorizationParams", s.authorizationParams());
        v.put("tokenParams", s.tokenParams());
        v.put("tokenResponse", s.tokenResponse());
        v.put("provider", s.provider());
        v.put("variables", s.variables());
        v.put("redirectUri", redirectUri.toString());
        v.put("par", s.par().wireName());
        v.put("parUrl", s.parUrl() == null ? null : s.parUrl().toString());
        v.put("jwksUrl", s.jwksUrl() == null ? null : s.jwksUrl().toString());
        v.put("resources", s.resources().stream().map(URI::toString).toList());
    }
}

package dev.keyway.web.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionKeys;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.web.api.JwksApi;
import java.net.URI;
import java.util.Map;

/**
 * The public keys a connection page shows, as the API does: the private_key_jwt public JWK (pretty JSON) with the
 * JWKS URL to register at the service, and the DPoP public JWK. Null members when the connection uses none.
 */
public record KeyFacts(String publicJwk, String clientJwksUrl, String dpopPublicJwk) {
    static KeyFacts of(Connection c, ConnectionKeys keys, URI publicUrl, ObjectMapper json) {
        if (keys == null || !(c.settings() instanceof OAuth2Settings s)) {
            return null;
        }
        var client = keys.publicKeyInUse(c, ConnectionKeys.Purpose.CLIENT_AUTH).orElse(null);
        var dpop = keys.publicKeyInUse(c, ConnectionKeys.Purpose.DPOP).orElse(null);
        return new KeyFacts(client == null ? null : pretty(json, client.jwk()),
                client == null ? null : JwksApi.url(publicUrl, client.jwksId()),
                dpop == null ? null : pretty(json, dpop.jwk()));
    }

    private static String pretty(ObjectMapper json, Map<String, Object> jwk) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(jwk);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a public JWK that is not JSON", e);
        }
    }
}

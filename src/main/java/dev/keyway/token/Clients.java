package dev.keyway.token;

import com.nimbusds.jose.jwk.JWK;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionKeys;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.oauth.AssertionAudience;
import dev.keyway.oauth.ClientAuth;
import dev.keyway.oauth.DPoPProofs;
import java.net.URI;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.oauth.ClientSettings;

/** The token-endpoint view of a connection. */
public final class Clients {
    private Clients() {
    }

    public static ClientSettings of(Connection c, String clientSecret) {
        return of(c, clientSecret, null);
    }

    /** With the connection's secret and, for private_key_jwt, its signing key (both decrypted here). */
    public static ClientSettings of(Connection c, ConnectionRepository connections) {
        JWK key = c.oauth2().clientAuthentication() == ClientAuth.PRIVATE_KEY_JWT
                ? connections.keys().privateKey(c.id(), ConnectionKeys.Purpose.CLIENT_AUTH) : null;
        return of(c, connections.secret(c.id()), key);
    }

    private static ClientSettings of(Connection c, String clientSecret, JWK signingKey) {
        OAuth2Settings s = c.oauth2();
        URI audience = s.assertionAudience() == AssertionAudience.ISSUER && s.issuer() != null ? URI.create(s.issuer()) : null;
        return new ClientSettings(s.clientId(), clientSecret, s.tokenUrl(), s.clientAuthentication(), s.tokenParams(),
                signingKey, audience);
    }

    /** The connection's DPoP proofs, or null when it does not use DPoP. */
    public static DPoPProofs dpop(Connection c, ConnectionRepository connections) {
        return c.oauth2().dpop() ? connections.keys().proofs(c.id()) : null;
    }
}

package dev.keyway.token;

import dev.keyway.connection.Connection;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.oauth.ClientSettings;

/** The token-endpoint view of a connection. */
public final class Clients {
    private Clients() {
    }

    public static ClientSettings of(Connection c, String clientSecret) {
        OAuth2Settings s = c.oauth2();
        return new ClientSettings(s.clientId(), clientSecret, s.tokenUrl(), s.clientAuthentication(), s.tokenParams());
    }
}

package dev.keyway.token;

import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.ConnectionService;
import dev.keyway.connection.Grant;
import dev.keyway.oauth.OAuthResponse;
import dev.keyway.oauth.Revocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** RFC 7009: revokes the refresh token (which also ends its access tokens), or the access token when there is none. */
public final class GrantRevocation implements ConnectionService.Revoker {
    private static final Logger LOG = LoggerFactory.getLogger(GrantRevocation.class);

    private final TokenEndpoint endpoint;
    private final ConnectionRepository connections;

    public GrantRevocation(TokenEndpoint endpoint, ConnectionRepository connections) {
        this.endpoint = endpoint;
        this.connections = connections;
    }

    @Override
    public void revoke(Connection c, Grant g) {
        boolean refresh = g.refreshToken() != null;
        String token = refresh ? g.refreshToken() : g.accessToken();
        try {
            OAuthResponse r = endpoint.send(Revocation.request(Clients.of(c, connections),
                    c.oauth2().revocationUrl(), token, refresh ? "refresh_token" : "access_token"));
            LOG.info("connection {}: revocation answered HTTP {}", c.id(), r.status());
            if (!Revocation.succeeded(r)) {
                throw new IllegalStateException("revocation endpoint answered HTTP " + r.status());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("revocation endpoint unreachable", e);
        }
    }
}

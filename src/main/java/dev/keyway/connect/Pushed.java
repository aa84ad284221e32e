package dev.keyway.connect;

import dev.keyway.connect.ConnectFlow.ConnectFailure;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionEvents;
import dev.keyway.connection.ConnectionEvents.Kind;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.egress.EgressException;
import dev.keyway.egress.Rule;
import dev.keyway.oauth.AuthorizationSettings;
import dev.keyway.oauth.AuthorizationUrl;
import dev.keyway.oauth.Pkce;
import dev.keyway.oauth.PushedAuthorization;
import dev.keyway.oauth.PushedAuthorization.Result;
import dev.keyway.token.Clients;
import dev.keyway.token.TokenEndpoint;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Connect start of a connection that pushes its authorization request (RFC 9126): POST the parameters to the
 * PAR endpoint through the egress guard, with the client's authentication, and send the browser to the
 * authorization endpoint with only {@code client_id} and {@code request_uri}. A refusal is a {@link ConnectFailure}
 * with the server's OAuth error, recorded as the connection's last error; no grant is written.
 */
final class Pushed {
    private static final Logger LOG = LoggerFactory.getLogger(Pushed.class);
    private static final String HINT = "Check the PAR URL, the client ID and secret, and the redirect URI registered "
            + "with the application; then start Connect again.";

    private final Jdbi jdbi;
    private final ConnectionRepository connections;
    private final ConnectionEvents events;
    private final TokenEndpoint endpoint;
    private final Clock clock;

    Pushed(Jdbi jdbi, ConnectionRepository connections, ConnectionEvents events, TokenEndpoint endpoint, Clock clock) {
        this.jdbi = jdbi;
        this.connections = connections;
        this.events = events;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    URI push(Connection c, AuthorizationSettings request, String state, Pkce pkce, String nonce) {
        var s = c.oauth2();
        Result result;
        try {
            result = PushedAuthorization.parse(endpoint.send(PushedAuthorization.request(
                    Clients.of(c, connections.secret(c.id())), s.parUrl(), request, state, pkce, nonce)));
        } catch (EgressException e) {
            throw failure(c, e.rule() == Rule.TIMEOUT ? "The PAR endpoint did not answer in time."
                    : "Keyway refused to call the PAR URL: " + e.getMessage());
        } catch (IOException e) {
            throw failure(c, "The PAR endpoint could not be reached (" + e.getClass().getSimpleName() + ").");
        } catch (IllegalArgumentException e) {
            throw failure(c, "The pushed request could not be made: " + e.getMessage());
        }
        return switch (result) {
            case Result.Pushed p -> {
                LOG.info("connection {}: authorization request pushed, request_uri valid {} s", c.id(), p.expiresIn());
                yield AuthorizationUrl.pushed(s.authorizationUrl(), s.clientId(), p.requestUri());
            }
            case Result.Refused r -> throw failure(c, "The PAR endpoint refused the request: HTTP " + r.httpStatus() + " "
                    + r.error() + (r.description() == null ? "" : " \u2014 " + r.description()));
        };
    }

    /** The failure, also recorded on the connection (last error, history); its status stays as it was. */
    private ConnectFailure failure(Connection c, String message) {
        jdbi.useTransaction(h -> {
            connections.setStatus(h, c.id(), c.status(), message, clock.instant());
            events.record(h, c.id(), Kind.CONNECT_FAILED, message, "operator");
        });
        LOG.info("connection {}: connect could not start: {}", c.id(), message);
        return new ConnectFailure(message, HINT);
    }
}

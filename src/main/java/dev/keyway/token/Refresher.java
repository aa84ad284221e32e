package dev.keyway.token;

import dev.keyway.connection.ConnectedAs;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionEvents;
import dev.keyway.connection.ConnectionEvents.Kind;
import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.Grant;
import dev.keyway.connection.GrantRepository;
import dev.keyway.connection.Status;
import dev.keyway.egress.EgressException;
import dev.keyway.egress.Rule;
import dev.keyway.oauth.BasicEncodingHint;
import dev.keyway.oauth.ClientSettings;
import dev.keyway.oauth.DPoPProofs;
import dev.keyway.oauth.Failure;
import dev.keyway.oauth.IdTokens;
import dev.keyway.oauth.OAuthRequest;
import dev.keyway.oauth.TokenResponses;
import dev.keyway.oauth.TokenResult;
import dev.keyway.oauth.TokenSet;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One refresh, safe across instances: lock the grant row, re-read it, and call the token endpoint only
 * if nobody else has refreshed meanwhile. The new grant (rotated refresh token included) is committed
 * before the lock is released, so no instance can ever read, and spend, the old refresh token again.
 */
final class Refresher {
    private static final Logger LOG = LoggerFactory.getLogger(Refresher.class);

    /** What a refresh attempt came to. */
    sealed interface Outcome {
        record Fresh(Grant grant, boolean calledServer) implements Outcome { }
        /** {@code current}: null when there is no grant yet; {@code retryAt}: when the next attempt is due (null when none will be made). */
        record Failed(Grant current, Failure failure, String error, Instant retryAt) implements Outcome { }
        record NoGrant() implements Outcome { }
    }

    private final Jdbi jdbi;
    private final ConnectionRepository connections;
    private final GrantRepository grants;
    private final ConnectionEvents events;
    private final TokenEndpoint endpoint;
    private final Clock clock;
    private final IdTokenCheck idTokens;

    Refresher(Jdbi jdbi, ConnectionRepository connections, GrantRepository grants, ConnectionEvents events,
              TokenEndpoint endpoint, Clock clock, IdTokenCheck idTokens) {
        this.jdbi = jdbi;
        this.connections = connections;
        this.grants = grants;
        this.events = events;
        this.endpoint = endpoint;
        this.clock = clock;
        this.idTokens = idTokens;
    }

    /**
     * Refreshes unless the locked, re-read grant already satisfies {@code goodEnough} (another caller or
     * instance refreshed while we waited for the lock).
     */
    Outcome refresh(Connection c, Predicate<Grant> goodEnough, Reason reason) {
        ClientSettings client = Clients.of(c, connections);
        DPoPProofs dpop = Clients.dpop(c, connections);
        Renewal renewal = Renewal.of(c.oauth2().grantType());
        return jdbi.inTransaction(h -> {
            Optional<Grant> locked = grants.lock(h, c.id());
            if (locked.isEmpty() && renewal.firstTokenOnDemand()) {
                connections.lock(h, c.id()); // no grant row to lock yet: the connection's row orders first tokens
                locked = grants.lock(h, c.id());
            }
            if (locked.isEmpty() && !renewal.firstTokenOnDemand()) {
                return new Outcome.NoGrant();
            }
            Grant g = locked.orElse(null); // null: a first token, fetched on demand
            if (g != null && goodEnough.test(g)) {
                LOG.info("connection {}: refresh ({}) skipped, grant v{} is already fresh", c.id(), reason.wire(), g.version());
                return new Outcome.Fresh(g, false);
            }
            Outcome settled = settledMeanwhile(h, c, g, reason);
            if (settled != null) {
                return settled;
            }
            OAuthRequest request = renewal.request(client, c.oauth2(), g);
            if (request == null) {
                String error = renewal.stuck();
                fail(h, c.id(), g, Failure.NEEDS_RECONNECT, error, null);
                return new Outcome.Failed(g, Failure.NEEDS_RECONNECT, error, null);
            }
            LOG.info("connection {}: {} ({})", c.id(), g == null ? "requesting a first token" : "refreshing grant v" + g.version(),
                    reason.wire());
            TokenResult result;
            try {
                result = TokenResponses.parse(endpoint.send(request, () -> renewal.request(client, c.oauth2(), g), dpop),
                        clock.instant(), c.oauth2().tokenResponse());
            } catch (EgressException e) {
                if (e.rule() == Rule.TIMEOUT || e.rule() == Rule.UNRESOLVABLE) { // slow answers and DNS outages may pass
                    return failed(h, c.id(), g, Failure.TRANSIENT, "token endpoint not reached: " + e.getMessage());
                }
                return failed(h, c.id(), g, Failure.NEEDS_RECONNECT, "token URL refused: " + e.getMessage());
            } catch (IOException e) {
                return failed(h, c.id(), g, Failure.TRANSIENT, "token endpoint unreachable: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()));
            }
            if (result instanceof TokenResult.Issued issued && g != null && c.oauth2().validatesIdToken()
                    && issued.tokens().extra().get("id_token") instanceof String idToken) {
                String refused = checkIdToken(h, c, client.clientSecret(), idToken);
                if (refused != null) {
                    return failed(h, c.id(), g, Failure.NEEDS_RECONNECT, refused);
                }
            }
            return switch (result) {
                case TokenResult.Issued issued -> g == null ? first(h, c, issued.tokens(), reason)
                        : refreshed(h, c.id(), g, issued.tokens(), reason);
                case TokenResult.Refused r -> failed(h, c.id(), g, r.failure(), describe(r)
                        + BasicEncodingHint.after(r, client.auth(), client.clientId(), client.clientSecret()), r.retryAfter());
            };
        });
    }

    /**
     * While we waited for the lock another caller or instance may have failed: then the row says so (its
     * status, or a backoff that has not ended) and we take its verdict instead of sending the same refresh
     * token again. A forced refresh still goes through a backoff, never through needs_reconnect.
     */
    private Outcome settledMeanwhile(Handle h, Connection c, Grant g, Reason reason) {
        Connection now = connections.findAny(h, c.id()).orElse(c);
        String error = now.lastError() == null ? "the last refresh failed" : now.lastError();
        if (now.status() == Status.NEEDS_RECONNECT) {
            LOG.info("connection {}: refresh ({}) not sent, the connection needs to be connected again", c.id(), reason.wire());
            return new Outcome.Failed(g, Failure.NEEDS_RECONNECT, error, null);
        }
        if (reason != Reason.FORCED && g != null && g.nextAttemptAt() != null && clock.instant().isBefore(g.nextAttemptAt())) {
            LOG.info("connection {}: refresh ({}) not sent, backing off until {}", c.id(), reason.wire(), g.nextAttemptAt());
            return new Outcome.Failed(g, Failure.TRANSIENT, error, g.nextAttemptAt());
        }
        return null;
    }

    /**
     * An ID token a refresh brought, validated as at Connect but without nonce, and for the same subject (OpenID
     * Connect Core §12.2): null when it passes (who the connection is made as is updated), else why it is refused.
     * When the issuer's keys cannot be read the tokens are kept and who it was made as stays as it was.
     */
    private String checkIdToken(Handle h, Connection c, String secret, String idToken) {
        try {
            IdTokens.Identity id = idTokens.check(c.oauth2(), secret, idToken, null);
            ConnectedAs before = grants.connectedAs(h, c.id()).orElse(null);
            if (before != null && !before.subject().equals(id.subject())) {
                return "the ID token of the refresh names another subject than the one connected: connect again";
            }
            ConnectedAs now = new ConnectedAs(id.subject(), id.email(), id.name(), id.issuer());
            if (!now.equals(before)) {
                grants.setConnectedAs(h, c.id(), now);
            }
            return null;
        } catch (IdTokens.Refused e) {
            return "the ID token of the refresh was refused: " + e.getMessage();
        } catch (IdTokenCheck.KeysUnavailable e) {
            LOG.warn("connection {}: the ID token of the refresh was not checked: {}", c.id(), e.getMessage());
            return null;
        }
    }

    private Outcome refreshed(Handle h, ConnectionId id, Grant old, TokenSet t, Reason reason) {
        Instant now = clock.instant();
        Grant next = grants.save(h, new Grant(id, t.accessToken(), t.refreshToken() != null ? t.refreshToken() : old.refreshToken(),
                t.tokenType(), t.expiresAt(), t.scopes() != null ? t.scopes() : old.scopes(), t.extra(), 0, now, 0, null));
        boolean usable = connections.setRefreshStatus(h, id, Status.CONNECTED, null, now);
        events.record(h, id, Kind.REFRESHED, reason.wire() + (t.refreshToken() != null ? ", refresh token rotated" : ""), "keyway");
        LOG.info("connection {}: refreshed to grant v{} ({}), expires {}", id, next.version(), reason.wire(), next.expiresAt());
        if (!usable) { // edited (or disconnected) while we called: keep the new grant, hand out nothing from it
            LOG.info("connection {}: changed during the refresh, it stays as the change left it", id);
            return new Outcome.Failed(next, Failure.NEEDS_RECONNECT, "the connection changed during the refresh: connect again", null);
        }
        return new Outcome.Fresh(next, true);
    }

    /** A first token of a grant without Connect step: the connection is connected from now on. */
    private Outcome first(Handle h, Connection c, TokenSet t, Reason reason) {
        Instant now = clock.instant();
        Grant next = grants.save(h, new Grant(c.id(), t.accessToken(), t.refreshToken(), t.tokenType(), t.expiresAt(),
                t.scopes() != null ? t.scopes() : c.oauth2().scopes(), t.extra(), 0, now, 0, null));
        connections.markConnected(h, c.id(), now);
        events.record(h, c.id(), Kind.CONNECTED, "first token (" + c.oauth2().grantType().wireName() + ", "
                + reason.wire() + ")", "keyway");
        LOG.info("connection {}: first token, grant v{}, expires {}", c.id(), next.version(), next.expiresAt());
        return new Outcome.Fresh(next, true);
    }

    private Outcome failed(Handle h, ConnectionId id, Grant g, Failure failure, String error) {
        return failed(h, id, g, failure, error, null);
    }

    /** {@code retryAfter}: nullable, the token endpoint's {@code Retry-After}. */
    private Outcome failed(Handle h, ConnectionId id, Grant g, Failure failure, String error, Duration retryAfter) {
        Instant retryAt = fail(h, id, g, failure, error, retryAfter);
        return new Outcome.Failed(g, failure, error, failure == Failure.TRANSIENT ? retryAt : null);
    }

    /** Records the failure; returns when the next attempt is due (the backoff, or the server's later Retry-After). */
    private Instant fail(Handle h, ConnectionId id, Grant g, Failure failure, String error, Duration retryAfter) {
        Instant now = clock.instant();
        Status status = failure == Failure.NEEDS_RECONNECT ? Status.NEEDS_RECONNECT : Status.REFRESH_FAILING;
        Instant retryAt = now.plus(Backoff.after(g == null ? 0 : g.failures(), retryAfter)); // no grant row: nothing to record
        grants.recordFailure(h, id, retryAt);
        if (status == Status.NEEDS_RECONNECT) {
            connections.setStatus(h, id, status, error, now);
        } else {
            connections.setRefreshStatus(h, id, status, error, now); // never turns needs_reconnect into refresh_failing
        }
        events.record(h, id, Kind.REFRESH_FAILED, error, "keyway");
        LOG.warn("connection {}: refresh failed, now {}: {}", id, status.wire(), error);
        return retryAt;
    }

    private static String describe(TokenResult.Refused r) {
        return "token endpoint answered HTTP " + r.httpStatus() + " " + r.error()
                + (r.description() == null ? "" : ": " + r.description());
    }
}

package dev.keyway.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keyway.account.AccountId;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionEvents;
import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.Grant;
import dev.keyway.connection.GrantRepository;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.connection.Status;
import dev.keyway.oauth.Failure;
import dev.keyway.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fresh access tokens. The hot path answers from memory (decrypted token and expiry, keyed by
 * connection) without touching the database; a refresh runs once per connection at a time in this
 * process (callers share one future) and once across instances ({@link Refresher} locks the row). A grant is
 * refreshed once it expires within the skew, or within half its lifetime when that is shorter
 * ({@link Grant#atMostHalfLifetime}): a token that lives 30 s with a 60 s skew is not refreshed at every call.
 */
public final class TokenService {
    /**
     * A token that a "token expired" answer got refreshed less than this long ago is not refreshed again when a
     * service answers a call made with it with that status: the service means something else (e.g. 403 for a
     * missing permission), and its answer stands. A token from Connect or from a timely refresh is refreshed once.
     */
    public static final Duration REJECTED_WHILE_FRESH = Duration.ofSeconds(30);

    /** The grant version a "token expired" answer led to, and when (this instance's memory). */
    private record AfterRejection(long version, Instant at) { }

    private final ConcurrentMap<ConnectionId, AfterRejection> afterRejection = new ConcurrentHashMap<>();
    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

    /**
     * A decrypted, usable token of one account's connection, to be refreshed from {@code refreshFrom} (null: never).
     * Cached briefly so that other instances' edits show.
     */
    private record Cached(AccountId account, AccessToken token, long version, Instant refreshFrom) { }

    private final ConnectionRepository connections;
    private final GrantRepository grants;
    private final Refresher refresher;
    private final Clock clock;
    private final Duration skew;
    private final Cache<ConnectionId, Cached> cache = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterWrite(Duration.ofSeconds(30)).build();
    private final ConcurrentMap<ConnectionId, CompletableFuture<Grant>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService refreshThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final Counter hits;
    private final Counter misses;
    private final MeterRegistry metrics;

    public TokenService(Jdbi jdbi, ConnectionRepository connections, GrantRepository grants, ConnectionEvents events,
                        TokenEndpoint endpoint, Clock clock, Duration skew, MeterRegistry metrics) {
        this(jdbi, connections, grants, events, endpoint, clock, skew, metrics, new IdTokenCheck(endpoint, skew, dev.keyway.connection.Discoverer.none()));
    }

    /** @param idTokens validates the ID tokens refreshes bring (OpenID Connect Core §12.2) */
    public TokenService(Jdbi jdbi, ConnectionRepository connections, GrantRepository grants, ConnectionEvents events,
                        TokenEndpoint endpoint, Clock clock, Duration skew, MeterRegistry metrics, IdTokenCheck idTokens) {
        this.connections = connections;
        this.grants = grants;
        this.refresher = new Refresher(jdbi, connections, grants, events, endpoint, clock, idTokens);
        this.clock = clock;
        this.skew = skew;
        this.metrics = metrics;
        this.hits = Counter.builder("keyway.token.cache").tag("result", "hit").register(metrics);
        this.misses = Counter.builder("keyway.token.cache").tag("result", "miss").register(metrics);
    }

    /**
     * A token valid for at least the skew (capped at half its lifetime), or of unknown expiry, refreshing first when
     * needed.
     */
    public AccessToken token(AccountId account, ConnectionId id) {
        Cached c = cache.getIfPresent(id);
        if (c != null && c.account().equals(account) && before(clock.instant(), c.refreshFrom())) {
            hits.increment();
            return c.token();
        }
        misses.increment();
        Connection connection = usable(account, id);
        Predicate<Grant> fresh = g -> before(clock.instant(), g.refreshFrom(skew));
        Grant current = grants.find(id).orElse(null);
        if (current == null) {
            return remember(account, firstToken(connection, fresh, Reason.FIRST));
        }
        if (fresh.test(current)) {
            return remember(account, current);
        }
        Instant now = clock.instant();
        if (current.nextAttemptAt() != null && now.isBefore(current.nextAttemptAt())) {
            if (validAfter(current.expiresAt(), now)) {
                return remember(account, current); // backing off after a failure; the token still works
            }
            // the failure may have been committed after the connection was read: a definite one says needs_reconnect
            Connection latest = usable(account, id);
            throw Problem.unavailable("refresh_failing", "refreshing the token failed; next attempt at "
                    + current.nextAttemptAt() + (latest.lastError() == null ? "" : ": " + latest.lastError()),
                    Duration.between(now, current.nextAttemptAt()));
        }
        Reason reason = current.expiresBefore(now) ? Reason.EXPIRED : Reason.EXPIRING;
        return remember(account, refreshOnce(connection, fresh, reason));
    }

    /** Refreshes now, whatever the expiry (POST …/refresh); a service's "token expired" answer goes to {@link #afterRejection}. */
    public AccessToken refresh(AccountId account, ConnectionId id, Reason reason) {
        Connection connection = usable(account, id);
        Grant current = grants.find(id).orElse(null);
        if (current == null) {
            return remember(account, firstToken(connection, g -> true, reason));
        }
        return remember(account, refreshOnce(connection, g -> g.version() > current.version(), reason));
    }

    /**
     * A service answered a call made with {@code rejected} (an access token) with the connection's "token expired"
     * status: the token to retry the call with, or empty when the call's answer stands. A token that another refresh
     * has replaced meanwhile is retried with the newer one, without a refresh; the current token, when a rejection
     * got it less than {@link #REJECTED_WHILE_FRESH} ago, is not refreshed again (empty); otherwise it is refreshed once.
     */
    public Optional<AccessToken> afterRejection(AccountId account, ConnectionId id, String rejected) {
        Connection connection = usable(account, id);
        Grant current = grants.find(id).orElse(null);
        if (current == null) {
            return Optional.of(remember(account, firstToken(connection, g -> true, Reason.ON_401)));
        }
        if (!Objects.equals(current.accessToken(), rejected)) {
            LOG.info("connection {}: the rejected token was replaced meanwhile, retrying with grant v{}", id, current.version());
            forget(id);
            return Optional.of(token(account, id));
        }
        AfterRejection last = afterRejection.get(id);
        if (last != null && last.version() == current.version() && clock.instant().isBefore(last.at().plus(REJECTED_WHILE_FRESH))) {
            LOG.info("connection {}: grant v{} was refreshed after a rejection less than {} s ago, not refreshed again", id,
                    current.version(), REJECTED_WHILE_FRESH.toSeconds());
            return Optional.empty();
        }
        Grant fresh = refreshOnce(connection, g -> g.version() > current.version(), Reason.ON_401);
        afterRejection.put(id, new AfterRejection(fresh.version(), clock.instant()));
        return Optional.of(remember(account, fresh));
    }

    /** For the proactive job: refresh a grant that is {@code due}. No account check: Keyway chose the id. */
    public void refreshIfDue(ConnectionId id, Predicate<Grant> due) {
        Connection connection = connections.findAny(id).orElse(null);
        Grant current = grants.find(id).orElse(null);
        if (connection == null || current == null || !(connection.settings() instanceof OAuth2Settings)
                || connection.status() == Status.NEEDS_RECONNECT
                || connection.status() == Status.NOT_CONNECTED || !due.test(current)) {
            return;
        }
        Grant g = refreshOnce(connection, due.negate(), Reason.PROACTIVE);
        remember(connection.account(), g);
    }

    /** Forgets what this process holds for a connection (edited, deleted, reconnected). */
    public void forget(ConnectionId id) {
        cache.invalidate(id);
        afterRejection.remove(id);
    }

    /** No grant stored: a grant type without Connect step fetches one (single-flight as any refresh); others cannot. */
    private Grant firstToken(Connection c, Predicate<Grant> goodEnough, Reason reason) {
        if (c.oauth2().grantType().connectStep()) {
            throw notConnected();
        }
        return refreshOnce(c, goodEnough, reason);
    }

    private Grant refreshOnce(Connection c, Predicate<Grant> goodEnough, Reason reason) {
        CompletableFuture<Grant> mine = new CompletableFuture<>();
        CompletableFuture<Grant> running = inFlight.putIfAbsent(c.id(), mine);
        if (running == null) {
            refreshThreads.execute(() -> {
                // Leave the map before completing: a caller that arrives later must start its own refresh (which
                // re-reads the row and skips the call when the grant is fresh), never join a finished one and get
                // an answer computed before it asked (e.g. a token that has expired since).
                Grant g;
                try {
                    g = settle(c, reason, refresher.refresh(c, goodEnough, reason));
                } catch (Throwable t) {
                    inFlight.remove(c.id(), mine);
                    mine.completeExceptionally(t);
                    return;
                }
                inFlight.remove(c.id(), mine);
                mine.complete(g);
            });
            running = mine;
        }
        try {
            return running.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private Grant settle(Connection c, Reason reason, Refresher.Outcome outcome) {
        String result = switch (outcome) {
            case Refresher.Outcome.Fresh f -> f.calledServer() ? "refreshed" : "reused";
            case Refresher.Outcome.Failed f -> f.failure() == Failure.NEEDS_RECONNECT ? "needs_reconnect" : "failing";
            case Refresher.Outcome.NoGrant n -> "no_grant";
        };
        metrics.counter("keyway.refresh", "outcome", result).increment();
        return switch (outcome) {
            case Refresher.Outcome.Fresh f -> f.grant();
            case Refresher.Outcome.NoGrant n -> throw notConnected();
            case Refresher.Outcome.Failed f when f.failure() == Failure.NEEDS_RECONNECT -> {
                forget(c.id());
                throw Problem.conflict(null, "needs_reconnect", "the connection must be connected again: " + f.error());
            }
            case Refresher.Outcome.Failed f -> {
                boolean mayServeOld = reason == Reason.EXPIRING || reason == Reason.PROACTIVE;
                if (mayServeOld && f.current() != null && validAfter(f.current().expiresAt(), clock.instant())) {
                    yield f.current(); // still valid for a little while: better than nothing
                }
                throw f.retryAt() == null
                        ? Problem.unavailable("refresh_failing", "refreshing the token failed and will be retried: " + f.error())
                        : Problem.unavailable("refresh_failing", "refreshing the token failed and will be retried: " + f.error(),
                                Duration.between(clock.instant(), f.retryAt()));
            }
        };
    }

    private Connection usable(AccountId account, ConnectionId id) {
        Connection c = connections.find(account, id).orElseThrow(() -> Problem.notFound("connection"));
        c.oauth2();
        return switch (c.status()) {
            case NOT_CONNECTED -> {
                if (c.oauth2().grantType().connectStep()) {
                    throw notConnected();
                }
                yield c; // its first token is fetched on demand
            }
            case NEEDS_RECONNECT -> throw Problem.conflict(null, "needs_reconnect",
                    "the connection must be connected again" + (c.lastError() == null ? "" : ": " + c.lastError()));
            default -> c;
        };
    }

    private AccessToken remember(AccountId account, Grant g) {
        AccessToken token = new AccessToken(g.accessToken(), g.tokenType(), g.expiresAt(), g.scopes(), g.extra());
        cache.put(g.connection(), new Cached(account, token, g.version(), g.refreshFrom(skew)));
        return token;
    }

    private static boolean validAfter(Instant expiresAt, Instant horizon) {
        return expiresAt == null || expiresAt.isAfter(horizon);
    }

    /** Whether {@code now} comes before {@code refreshFrom} (null: never due). */
    private static boolean before(Instant now, Instant refreshFrom) {
        return refreshFrom == null || now.isBefore(refreshFrom);
    }

    private static Problem notConnected() {
        return Problem.conflict(null, "not_connected", "the connection has no grant yet: connect it first");
    }
}

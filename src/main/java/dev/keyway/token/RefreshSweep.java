package dev.keyway.token;

import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.Grant;
import dev.keyway.connection.GrantRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proactive refresh: grants that expire within the margin are refreshed before anyone needs them,
 * in bounded batches. A grant's margin is at most half its lifetime ({@link Grant#atMostHalfLifetime}): a token that
 * lives as long as the margin (Keycloak's 300 s) is refreshed once half of it has passed, not at every sweep. Each
 * connection gets a fixed share of jitter (from its id) so that grants issued together are not all refreshed in the
 * same second.
 */
public final class RefreshSweep implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshSweep.class);
    private static final int BATCH = 100;

    private final GrantRepository grants;
    private final TokenService tokens;
    private final Clock clock;
    private final Duration margin;

    public RefreshSweep(GrantRepository grants, TokenService tokens, Clock clock, Duration margin) {
        this.grants = grants;
        this.tokens = tokens;
        this.clock = clock;
        this.margin = margin;
    }

    @Override
    public void run() {
        Instant now = clock.instant();
        List<ConnectionId> due = grants.dueForRefresh(now.plus(margin), now, BATCH);
        for (ConnectionId id : due) {
            try {
                tokens.refreshIfDue(id, g -> due(g, id, now));
            } catch (RuntimeException e) {
                LOG.debug("proactive refresh of {} did not succeed: {}", id, e.getMessage());
            }
        }
    }

    /** Whether {@code g} expires within its margin (at most half its lifetime) less the connection's jitter. */
    private boolean due(Grant g, ConnectionId id, Instant now) {
        Duration lead = g.atMostHalfLifetime(margin);
        return g.expiresAt() != null && !g.expiresAt().isAfter(now.plus(lead).minus(jitter(id, lead)));
    }

    /** Up to a quarter of the grant's margin, fixed per connection. */
    private static Duration jitter(ConnectionId id, Duration lead) {
        long quarter = Math.max(1, lead.toMillis() / 4);
        return Duration.ofMillis(Math.floorMod(id.value().hashCode(), quarter));
    }
}

package dev.keyway.token;

import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.GrantRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proactive refresh: grants that expire within the margin are refreshed before anyone needs them,
 * in bounded batches. Each connection gets a fixed share of jitter (from its id) so that grants
 * issued together are not all refreshed in the same second.
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
            Instant horizon = now.plus(margin).minus(jitter(id));
            try {
                tokens.refreshIfExpiringBefore(id, horizon);
            } catch (RuntimeException e) {
                LOG.debug("proactive refresh of {} did not succeed: {}", id, e.getMessage());
            }
        }
    }

    /** Up to a quarter of the margin, fixed per connection. */
    private Duration jitter(ConnectionId id) {
        long quarter = Math.max(1, margin.toMillis() / 4);
        return Duration.ofMillis(Math.floorMod(id.value().hashCode(), quarter));
    }
}

package dev.keyway.hook;

import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Deletes delivered batches and delivery attempts older than the retention, in slices of {@link #SLICE} rows
 * (short transactions, whatever the backlog). Dead letters stay until replayed or discarded. Safe to run on
 * several instances at once: each slice deletes what is still there.
 */
public final class Retention {
    static final int SLICE = 5_000;

    private final Jdbi jdbi;
    private final Duration keep;
    private final int slice;

    public Retention(Jdbi jdbi, Duration keep) {
        this(jdbi, keep, SLICE);
    }

    Retention(Jdbi jdbi, Duration keep, int slice) {
        this.jdbi = jdbi;
        this.keep = keep;
        this.slice = slice;
    }

    /** The rows deleted: delivered batches and attempts finished before {@code now} − retention. */
    public int prune(Instant now) {
        Instant before = now.minus(keep);
        int deleted = 0;
        for (String sql : new String[] {
                "delete from hook_batches where id in (select id from hook_batches where state = 'delivered' "
                        + "and finished_at < :before order by state, finished_at limit " + slice + ")",
                "delete from hook_deliveries where id in (select id from hook_deliveries where attempted_at < :before "
                        + "order by attempted_at limit " + slice + ")"}) {
            int n;
            do {
                n = jdbi.withHandle(h -> h.createUpdate(sql).bind("before", before).execute());
                deleted += n;
            } while (n == slice);
        }
        return deleted;
    }
}

package dev.keyway.hook;

import dev.keyway.store.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Batches and delivery attempts in the database, and the {@link Chunks} of events waiting for a batch. ORDER BY
 * names every column of the index it follows (hook_id, batch_id, id), so that H2 reads the first rows of the index
 * instead of sorting all waiting chunks. Forming a batch locks the hook's row (one instance forms a hook's batches
 * at a time); claiming one is a compare-and-set on its lease, so that two instances never send the same batch at
 * once (H2 and PostgreSQL alike).
 */
public final class Batches {
    /** A hook's events not yet in a batch. */
    public record Waiting(HookId hook, int count, Instant oldest) { }

    /**
     * A batch leased to this instance: what to send ({@code chunks}: the events' JSON texts joined by commas);
     * {@code lease}: this claim's own lease_owner value, so that a send that outlived its lease cannot record over a later claim.
     */
    public record Claimed(BatchId id, HookId hook, int attempts, Instant createdAt, int items, List<String> chunks,
                          String lease, Instant leaseUntil) { }

    /** At most this many characters of events in a batch formed from waiting chunks (the first chunk always goes). */
    static final long MAX_BATCH_CHARS = 10_000_000;

    private static final String COLUMNS = "id, hook_id, state, items, attempts, created_at, next_attempt_at, lease_until, "
            + "last_status, last_error, finished_at";

    private final Jdbi jdbi;

    public Batches(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Waiting> waiting() {
        return jdbi.withHandle(h -> h.createQuery("select hook_id, sum(items) n, min(received_at) oldest from hook_chunks "
                        + "where batch_id is null group by hook_id")
                .map((rs, ctx) -> new Waiting(new HookId(rs.getString("hook_id")), rs.getInt("n"),
                        rs.getTimestamp("oldest").toInstant())).list());
    }

    /**
     * The hook's first waiting chunks, at most {@code max} (their events, at least {@code max} when a batch
     * can be formed now, and the oldest one's time): an index range, not a scan.
     */
    public Optional<Waiting> waiting(HookId hook, int max) {
        record Row(int items, Instant at) { }
        List<Row> first = jdbi.withHandle(h -> h.createQuery("select items, received_at from hook_chunks where hook_id = :hook "
                        + "and batch_id is null order by hook_id, batch_id, id limit :max").bind("hook", hook.value()).bind("max", max)
                .map((rs, ctx) -> new Row(rs.getInt("items"), rs.getTimestamp("received_at").toInstant())).list());
        return first.isEmpty() ? Optional.empty()
                : Optional.of(new Waiting(hook, first.stream().mapToInt(Row::items).sum(), first.getFirst().at()));
    }

    /** Puts the hook's first waiting chunks, as many as fit in {@code max} events, in a new batch; empty when none waited. */
    public Optional<BatchId> form(HookId hook, int max, Instant now) {
        return jdbi.inTransaction(h -> {
            if (h.createQuery("select id from hooks where id = :id for update").bind("id", hook.value())
                    .mapTo(String.class).findOne().isEmpty()) {
                return Optional.empty();
            }
            List<long[]> waiting = h.createQuery("select id, items, length(events) chars from hook_chunks where hook_id = :hook "
                            + "and batch_id is null order by hook_id, batch_id, id limit :max").bind("hook", hook.value()).bind("max", max)
                    .map((rs, ctx) -> new long[] {rs.getLong("id"), rs.getInt("items"), rs.getLong("chars")}).list();
            List<Long> ids = new java.util.ArrayList<>();
            int items = 0;
            long chars = 0;
            for (long[] chunk : waiting) {
                if (!ids.isEmpty() && (items + chunk[1] > max || chars + chunk[2] > MAX_BATCH_CHARS)) {
                    break;
                }
                ids.add(chunk[0]);
                items += (int) chunk[1];
                chars += chunk[2];
            }
            if (ids.isEmpty()) {
                return Optional.empty();
            }
            BatchId id = BatchId.random();
            h.createUpdate("insert into hook_batches (id, hook_id, state, items, attempts, created_at, next_attempt_at) "
                            + "values (:id, :hook, 'pending', :items, 0, :now, :now)")
                    .bind("id", id.value()).bind("hook", hook.value()).bind("items", items).bind("now", now).execute();
            h.createUpdate("update hook_chunks set batch_id = :batch where id in (<ids>)")
                    .bind("batch", id.value()).bindList("ids", ids).execute();
            return Optional.of(id);
        });
    }

    /**
     * Claims one due batch with a new {@code lease} (owner value) until {@code leaseUntil}: pending, due, not leased (or
     * its lease expired: the instance that held it died), its hook's connection not needing reconnection.
     */
    public Optional<Claimed> claim(java.util.function.Supplier<String> lease, Instant now, Instant leaseUntil) {
        List<String> due = jdbi.withHandle(h -> h.createQuery("select b.id from hook_batches b join hooks k on k.id = b.hook_id "
                        + "left join connections c on c.id = k.connection_id where b.state = 'pending' and b.next_attempt_at <= :now "
                        + "and (b.lease_until is null or b.lease_until < :now) and (c.status is null or c.status <> 'needs_reconnect') "
                        + "order by b.state, b.next_attempt_at limit 8")
                .bind("now", now).mapTo(String.class).list());
        List<String> order = new java.util.ArrayList<>(due);
        java.util.Collections.shuffle(order); // every loop of every instance sees the same first rows: each tries them in its own order
        for (String id : order) {
            String owner = lease.get();
            Optional<Claimed> c = jdbi.inTransaction(h -> {
                // next_attempt_at moves to the lease's end: claims look at due rows only, so leased ones stay out of their range
                int won = h.createUpdate("update hook_batches set lease_owner = :owner, lease_until = :until, next_attempt_at = :until "
                                + "where id = :id and state = 'pending' and (lease_until is null or lease_until < :now)")
                        .bind("owner", owner).bind("until", leaseUntil).bind("id", id).bind("now", now).execute();
                if (won != 1) {
                    return Optional.<Claimed>empty();
                }
                record Row(String hook, int attempts, Instant created, int items) { }
                Row row = h.createQuery("select hook_id, attempts, created_at, items from hook_batches where id = :id").bind("id", id)
                        .map((rs, ctx) -> new Row(rs.getString("hook_id"), rs.getInt("attempts"),
                                rs.getTimestamp("created_at").toInstant(), rs.getInt("items"))).one();
                List<String> chunks = h.createQuery("select events from hook_chunks where batch_id = :id order by id")
                        .bind("id", id).mapTo(String.class).list();
                return Optional.of(new Claimed(new BatchId(id), new HookId(row.hook()), row.attempts(), row.created(), row.items(),
                        chunks, owner, leaseUntil));
            });
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /** Gives back batches this instance leased but will not send (it stops): any instance may claim them at once. */
    public void release(List<Claimed> claimed, Instant now) {
        jdbi.useHandle(h -> claimed.forEach(b -> h.createUpdate("update hook_batches set lease_owner = null, lease_until = null, "
                        + "next_attempt_at = :now where id = :id and lease_owner = :owner")
                .bind("id", b.id().value()).bind("owner", b.lease()).bind("now", now).execute()));
    }

    /** Gives a claimed batch back without counting an attempt (its connection is not connected: held), due again at {@code next}. */
    public void release(BatchId id, String owner, Instant next) {
        jdbi.useHandle(h -> h.createUpdate("update hook_batches set lease_owner = null, lease_until = null, next_attempt_at = :next "
                + "where id = :id and lease_owner = :owner").bind("id", id.value()).bind("owner", owner).bind("next", next).execute());
    }

    /** Records an attempt; false when the lease was lost meanwhile (another instance took the batch over). */
    public boolean delivered(BatchId id, String owner, Delivery d, HookId hook) {
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("update hook_batches set state = 'delivered', attempts = attempts + 1, last_status = :status, "
                            + "last_error = null, finished_at = :at, lease_owner = null, lease_until = null "
                            + "where id = :id and lease_owner = :owner and state = 'pending'")
                    .bind("status", d.statusCode()).bind("at", d.attemptedAt()).bind("id", id.value()).bind("owner", owner)
                    .execute();
            h.createUpdate("delete from hook_chunks where batch_id = :id").bind("id", id.value()).execute();
            log(h, hook, d);
            return n == 1;
        });
    }

    /** A failed attempt: retried at {@code next}, or dead when {@code next} is null. */
    public boolean failed(BatchId id, String owner, Delivery d, HookId hook, Instant next) {
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("update hook_batches set state = :state, attempts = attempts + 1, last_status = :status, "
                            + "last_error = :error, next_attempt_at = :next, finished_at = :finished, lease_owner = null, "
                            + "lease_until = null where id = :id and lease_owner = :owner and state = 'pending'")
                    .bind("state", next == null ? Batch.DEAD : Batch.PENDING).bind("status", d.statusCode())
                    .bind("error", d.excerpt()).bind("next", next == null ? d.attemptedAt() : next)
                    .bind("finished", next == null ? d.attemptedAt() : null).bind("id", id.value()).bind("owner", owner)
                    .execute();
            log(h, hook, d);
            return n == 1;
        });
    }

    private static void log(Handle h, HookId hook, Delivery d) {
        h.createUpdate("insert into hook_deliveries (hook_id, batch_id, attempted_at, items, status_code, latency_ms, outcome, "
                        + "excerpt) values (:hook, :batch, :at, :items, :status, :ms, :outcome, :excerpt)")
                .bind("hook", hook.value()).bind("batch", d.batch().value()).bind("at", d.attemptedAt()).bind("items", d.items())
                .bind("status", d.statusCode()).bind("ms", d.latencyMs()).bind("outcome", d.outcome())
                .bind("excerpt", d.excerpt()).execute();
    }

    /** A dead batch back to pending: attempts reset, due now, same id (Idempotency-Key). False when not a dead batch of the hook. */
    public boolean replay(HookId hook, BatchId id, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("update hook_batches set state = 'pending', attempts = 0, next_attempt_at = :now, "
                        + "created_at = :now, finished_at = null where id = :id and hook_id = :hook and state = 'dead'")
                .bind("now", now).bind("id", id.value()).bind("hook", hook.value()).execute() == 1);
    }

    public boolean discard(HookId hook, BatchId id) {
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("delete from hook_batches where id = :id and hook_id = :hook and state = 'dead'")
                    .bind("id", id.value()).bind("hook", hook.value()).execute();
            if (n == 1) {
                h.createUpdate("delete from hook_chunks where batch_id = :id").bind("id", id.value()).execute();
            }
            return n == 1;
        });
    }

    public Optional<Batch> find(HookId hook, BatchId id) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from hook_batches where id = :id and hook_id = :hook")
                .bind("id", id.value()).bind("hook", hook.value()).map((rs, ctx) -> read(rs)).findOne());
    }

    public List<Batch> list(HookId hook, String state, int limit) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from hook_batches where hook_id = :hook "
                        + (state == null ? "" : "and state = :state ") + "order by created_at desc, id limit :limit")
                .bind("hook", hook.value()).bind("state", state).bind("limit", limit).map((rs, ctx) -> read(rs)).list());
    }

    public List<Delivery> deliveries(HookId hook, int limit) {
        return jdbi.withHandle(h -> h.createQuery("select batch_id, attempted_at, items, status_code, latency_ms, outcome, excerpt "
                        + "from hook_deliveries where hook_id = :hook order by id desc limit :limit")
                .bind("hook", hook.value()).bind("limit", limit)
                .map((rs, ctx) -> new Delivery(new BatchId(rs.getString("batch_id")), rs.getTimestamp("attempted_at").toInstant(),
                        rs.getInt("items"), (Integer) rs.getObject("status_code", Integer.class), rs.getLong("latency_ms"),
                        rs.getString("outcome"), rs.getString("excerpt"))).list());
    }

    /** Counts for {@link HookStats}: waiting events, and pending (not leased), in flight, delivered, dead batches. */
    public HookStats stats(HookId hook, Instant now, boolean held) {
        return jdbi.withHandle(h -> {
            int waiting = h.createQuery("select coalesce(sum(items), 0) from hook_chunks where hook_id = :hook and batch_id is null")
                    .bind("hook", hook.value()).mapTo(Integer.class).one();
            int[] c = new int[4];
            // one :now only: PostgreSQL does not see two bound copies of a CASE as the same GROUP BY expression
            h.createQuery("select state, sum(case when lease_until >= :now then 1 else 0 end) leased, count(*) n "
                            + "from hook_batches where hook_id = :hook group by state")
                    .bind("hook", hook.value()).bind("now", now).map((rs, ctx) -> {
                        String s = rs.getString("state");
                        if (s.equals(Batch.PENDING)) {
                            c[1] += rs.getInt("leased");
                            c[0] += rs.getInt("n") - rs.getInt("leased");
                        } else {
                            c[s.equals(Batch.DELIVERED) ? 2 : 3] += rs.getInt("n");
                        }
                        return s;
                    }).list();
            return new HookStats(waiting, c[0], c[1], c[2], c[3], held);
        });
    }

    private static Batch read(ResultSet rs) throws SQLException {
        return new Batch(new BatchId(rs.getString("id")), new HookId(rs.getString("hook_id")), rs.getString("state"),
                rs.getInt("items"), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("next_attempt_at").toInstant(), Rows.instant(rs.getTimestamp("lease_until")),
                rs.getObject("last_status", Integer.class), rs.getString("last_error"), Rows.instant(rs.getTimestamp("finished_at")));
    }
}

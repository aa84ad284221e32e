package dev.keyway.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.store.Database;
import dev.keyway.testing.Databases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Delivered batches and attempts older than the retention go, in slices; recent ones, pending ones and dead letters stay. */
class RetentionTest {
    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    static final int SLICE = 10;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void oldDeliveredBatchesAndAttemptsAreDeletedAndEverythingElseStays(String database) {
        String url = database.equals("h2") ? Databases.freshH2() : Databases.freshPostgres();
        try (Database db = Database.open(url, Databases.user(url), "")) {
            Jdbi jdbi = db.jdbi();
            Instant old = NOW.minus(Duration.ofDays(8));
            Instant recent = NOW.minus(Duration.ofDays(1));
            jdbi.useHandle(h -> {
                h.execute("insert into accounts (id, name, created_at) values ('acc_1', 'Shop', ?)", old);
                h.execute("insert into hooks (id, account_id, name, active, settings, created_at, updated_at) "
                        + "values ('hook_1', 'acc_1', 'CRM', true, '{}', ?, ?)", old, old);
                var batch = h.prepareBatch("insert into hook_batches (id, hook_id, state, items, created_at, next_attempt_at, "
                        + "finished_at) values (:id, 'hook_1', :state, 1, :at, :at, :finished)");
                for (int i = 0; i < SLICE * 2 + 7; i++) { // more than two slices: the prune goes on until none is left
                    batch.bind("id", "bat_old_" + i).bind("state", "delivered").bind("at", old).bind("finished", old).add();
                }
                batch.bind("id", "bat_recent").bind("state", "delivered").bind("at", recent).bind("finished", recent).add();
                batch.bind("id", "bat_dead").bind("state", "dead").bind("at", old).bind("finished", old).add();
                batch.bind("id", "bat_pending").bind("state", "pending").bind("at", old).bind("finished", (Instant) null).add();
                batch.execute();
                for (Instant at : List.of(old, old, recent)) {
                    h.execute("insert into hook_deliveries (hook_id, batch_id, attempted_at, items, latency_ms, outcome) "
                            + "values ('hook_1', 'bat_x', ?, 1, 5, 'delivered')", at);
                }
            });

            int deleted = new Retention(jdbi, Duration.ofDays(7), SLICE).prune(NOW);

            assertThat(deleted).isEqualTo(SLICE * 2 + 7 + 2);
            List<String> left = jdbi.withHandle(h -> h.createQuery("select id from hook_batches order by id").mapTo(String.class).list());
            assertThat(left).containsExactly("bat_dead", "bat_pending", "bat_recent");
            int attempts = jdbi.withHandle(h -> h.createQuery("select count(*) from hook_deliveries").mapTo(Integer.class).one());
            assertThat(attempts).isEqualTo(1);
        }
    }
}

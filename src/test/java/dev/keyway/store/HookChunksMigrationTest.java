package dev.keyway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Databases;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Upgrading a database whose hooks hold events (one row per event before V8) keeps every event, and each batch its own. */
class HookChunksMigrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void eventsStoredOnePerRowBecomeChunksOfOneAndBatchesKeepTheirEvents(String database) {
        String url = database.equals("h2") ? Databases.freshH2() + Database.H2_OPTIONS : Databases.freshPostgres();
        Flyway.configure().dataSource(url, Databases.user(url), "").locations("classpath:db/migration").target("7").load()
                .migrate();
        Jdbi jdbi = Jdbi.create(url, Databases.user(url), "");
        Timestamp at = Timestamp.from(Instant.parse("2026-11-23T01:00:00Z"));
        jdbi.useHandle(h -> {
            h.execute("insert into accounts (id, name, created_at) values ('acc_1', 'Shop', ?)", at);
            h.execute("insert into hooks (id, account_id, name, active, settings, created_at, updated_at) "
                    + "values ('hook_1', 'acc_1', 'CRM', true, '{}', ?, ?)", at, at);
            h.execute("insert into hook_batches (id, hook_id, state, items, created_at, next_attempt_at) "
                    + "values ('bat_1', 'hook_1', 'dead', 2, ?, ?)", at, at);
            for (String[] item : List.of(new String[] {"bat_1", "{\"n\":1}"}, new String[] {"bat_1", "{\"n\":2}"},
                    new String[] {null, "{\"n\":3}"})) {
                h.execute("insert into hook_items (hook_id, batch_id, received_at, event) values ('hook_1', ?, ?, ?)",
                        item[0], at, item[1]);
            }
        });

        Flyway.configure().dataSource(url, Databases.user(url), "").locations("classpath:db/migration").load().migrate();

        List<Map<String, Object>> chunks = jdbi.withHandle(h -> h.createQuery(
                "select batch_id, items, events from hook_chunks where hook_id = 'hook_1' order by id").mapToMap().list());
        assertThat(chunks).extracting(c -> c.get("batch_id"), c -> ((Number) c.get("items")).intValue(), c -> c.get("events"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bat_1", 1, "{\"n\":1}"),
                        org.assertj.core.groups.Tuple.tuple("bat_1", 1, "{\"n\":2}"),
                        org.assertj.core.groups.Tuple.tuple(null, 1, "{\"n\":3}"));
    }
}

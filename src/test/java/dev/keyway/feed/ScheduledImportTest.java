package dev.keyway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.testing.Api;
import dev.keyway.testing.Databases;
import dev.keyway.testing.FeedServer;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.Yml;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Imports run on their schedule by db-scheduler: once per slot across instances; a run cut off by a crash runs again. */
class ScheduledImportTest {
    FeedServer feed;

    @BeforeEach
    void feed() {
        feed = new FeedServer().serve(Yml.feed().offer("1", null, "Boot", "10", true).xml());
    }

    @AfterEach
    void stopFeed() {
        feed.close();
    }

    static KeywayUnderTest.Builder scheduling(String database) {
        return KeywayUnderTest.builder().database(database).env("KEYWAY_SCHEDULER", "true")
                .env("KEYWAY_REFRESH_SWEEP_SECONDS", "1"); // the scheduler's polling interval
    }

    static JsonNode runs(Api api, String id) {
        return api.get("/api/v1/imports/" + id + "/runs").json().get("items");
    }

    @Test
    void aNewImportRunsOnItsScheduleOnceAcrossTwoInstances() {
        String database = Databases.freshPostgres();
        try (KeywayUnderTest one = scheduling(database).start(); KeywayUnderTest two = scheduling(database).start()) {
            Api api = one.newAccount("Market");
            String id = api.post("/api/v1/imports", Map.of("name", "Feed", "url", feed.url(), "schedule", "every 6h")).text("id");

            await().atMost(Duration.ofSeconds(30)).until(() -> runs(api, id).size() == 1
                    && !runs(api, id).get(0).get("status").asText().equals("running"));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> runs(api, id).size() == 1);

            JsonNode run = runs(api, id).get(0);
            assertThat(run.get("trigger").asText()).isEqualTo("schedule");
            assertThat(run.get("status").asText()).isEqualTo("succeeded");
            assertThat(feed.requests()).hasSize(1);
            Instant next = one.keyway().database().jdbi().withHandle(h -> h.createQuery(
                    "select execution_time from scheduled_tasks where task_name = :task and task_instance = :id")
                    .bind("task", ImportSchedules.TASK).bind("id", id).mapTo(Instant.class).one());
            assertThat(next).as("the next slot").isAfter(Instant.now().plus(Duration.ofHours(5)));
        }
    }

    @Test
    void aRunCutOffByACrashIsMarkedFailedAndRunsAgain() {
        String database = Databases.freshH2();
        String id;
        Api api;
        try (KeywayUnderTest stopped = KeywayUnderTest.builder().database(database).start()) {
            api = stopped.newAccount("Market");
            id = api.post("/api/v1/imports", Map.of("name", "Feed", "url", feed.url(), "schedule", "every 6h")).text("id");
            // what a crash mid-run leaves: a run still "running", and db-scheduler's execution picked by a dead instance
            stopped.keyway().database().jdbi().useHandle(h -> {
                h.createUpdate("insert into import_runs (id, import_id, account_id, trigger_kind, status, started_at) "
                                + "select 'run_cut', id, account_id, 'schedule', 'running', :at from feed_imports where id = :id")
                        .bind("id", id).bind("at", Instant.now().minusSeconds(600)).execute();
                h.createUpdate("update scheduled_tasks set picked = true, picked_by = 'crashed-instance', "
                                + "last_heartbeat = :old, execution_time = :old where task_instance = :id")
                        .bind("id", id).bind("old", Instant.now().minus(Duration.ofHours(1))).execute();
            });
        }

        try (KeywayUnderTest restarted = scheduling(database).start()) {
            Api again = new Api(restarted.base(), apiKey(api));
            await().atMost(Duration.ofSeconds(60)).until(() -> runs(again, id).size() == 2
                    && runs(again, id).get(0).get("status").asText().equals("succeeded"));

            JsonNode cut = runs(again, id).get(1);
            assertThat(cut.get("id").asText()).isEqualTo("run_cut");
            assertThat(cut.get("status").asText()).isEqualTo("failed");
            assertThat(cut.get("error").asText()).contains("cut off");
        }
    }

    @Test
    void aManualRunCutOffByACrashIsMarkedFailedOnRestartWhileALiveOneIsLeftRunning() {
        String database = Databases.freshH2();
        String id;
        Api api;
        try (KeywayUnderTest stopped = KeywayUnderTest.builder().database(database).start()) {
            api = stopped.newAccount("Market");
            id = api.post("/api/v1/imports", Map.of("name", "Feed", "url", feed.url(), "schedule", "every 6h")).text("id");
            // a crash mid-run leaves a "Run now" still running with a stale heartbeat; another instance's run beats
            stopped.keyway().database().jdbi().useHandle(h -> {
                for (Object[] run : new Object[][] {{"run_cut", Instant.now().minusSeconds(600)}, {"run_alive", Instant.now()}}) {
                    h.createUpdate("insert into import_runs (id, import_id, account_id, trigger_kind, status, started_at, "
                                    + "heartbeat_at) select :run, id, account_id, 'manual', 'running', :at, :at from feed_imports "
                                    + "where id = :id")
                            .bind("run", (String) run[0]).bind("id", id).bind("at", (Instant) run[1]).execute();
                }
            });
        }

        try (KeywayUnderTest restarted = KeywayUnderTest.builder().database(database).start()) {
            Api again = new Api(restarted.base(), apiKey(api));
            Map<String, JsonNode> byId = new java.util.HashMap<>();
            runs(again, id).forEach(r -> byId.put(r.get("id").asText(), r));

            assertThat(byId.get("run_cut").get("status").asText()).isEqualTo("failed");
            assertThat(byId.get("run_cut").get("error").asText()).contains("cut off");
            assertThat(byId.get("run_cut").get("finishedAt").isNull()).isFalse();
            assertThat(byId.get("run_alive").get("status").asText()).isEqualTo("running");
        }
    }

    private static String apiKey(Api api) {
        try {
            var f = Api.class.getDeclaredField("apiKey");
            f.setAccessible(true);
            return (String) f.get(api);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.keyway.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keyway.store.Database;
import dev.keyway.testing.Databases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several intake requests are committed in one transaction; one that cannot be stored fails alone. */
class IntakeWriterTest {
    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    final Database db = Database.open(Databases.freshH2(), "sa", "");
    final Jdbi jdbi = db.jdbi();
    final AtomicInteger told = new AtomicInteger();
    final IntakeWriter writer = new IntakeWriter(new Chunks(jdbi), new Handoff("ins_a", Duration.ofMinutes(2),
            Duration.ofMinutes(1), 1_000_000), (waiting, at, handed, unleased) -> told.incrementAndGet(),
            Clock.fixed(NOW, java.time.ZoneOffset.UTC), false);

    IntakeWriterTest() {
        jdbi.useHandle(h -> {
            h.execute("insert into accounts (id, name, created_at) values ('acc_1', 'Shop', ?)", NOW);
            h.execute("insert into hooks (id, account_id, name, active, settings, created_at, updated_at) "
                    + "values ('hook_1', 'acc_1', 'CRM', true, '{}', ?, ?)", NOW, NOW);
        });
    }

    @AfterEach
    void close() {
        writer.close();
        db.close();
    }

    CompletableFuture<Void> post(String hook, int events) {
        List<String> texts = java.util.stream.IntStream.range(0, events).mapToObj(i -> "{\"n\":" + i + "}").toList();
        return CompletableFuture.runAsync(() -> writer.write(Chunks.cut(new HookId(hook), texts, 100)),
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    }

    @Test
    void requestsWaitingTogetherAreCommittedAsOneGroupAndABadOneFailsAlone() {
        CompletableFuture<Void> first = post("hook_1", 3);
        CompletableFuture<Void> deleted = post("hook_gone", 2); // its hook was deleted: the foreign key refuses it
        CompletableFuture<Void> third = post("hook_1", 100);
        await().until(() -> writer.waiting() == 3);

        writer.commitWaiting();

        assertThat(first).succeedsWithin(Duration.ofSeconds(5));
        assertThat(third).succeedsWithin(Duration.ofSeconds(5));
        assertThat(deleted).failsWithin(Duration.ofSeconds(5));
        int stored = jdbi.withHandle(h -> h.createQuery("select coalesce(sum(items), 0) from hook_chunks").mapTo(Integer.class).one());
        assertThat(stored).as("the good requests' events, nothing of the bad one").isEqualTo(103);
        int batches = jdbi.withHandle(h -> h.createQuery("select count(*) from hook_batches").mapTo(Integer.class).one());
        assertThat(batches).as("the full request is a batch at once").isEqualTo(1);
        assertThat(told.get()).as("the loops hear of each commit").isPositive();
    }

    @Test
    void afterTheWriterStoppedARequestIsRefusedAsUnavailableAndNothingIsStored() {
        writer.close();

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> writer.write(
                Chunks.cut(new HookId("hook_1"), List.of("{}"), 100)));

        assertThat(refused).isInstanceOfSatisfying(dev.keyway.problem.Problem.class,
                p -> assertThat(p.code()).isEqualTo("stopping"));
        int stored = jdbi.withHandle(h -> h.createQuery("select count(*) from hook_chunks").mapTo(Integer.class).one());
        assertThat(stored).isZero();
    }
}

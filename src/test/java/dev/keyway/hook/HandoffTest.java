package dev.keyway.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches handed over in memory: bounded, first in first out, and never sent on a lease too short to finish the send. */
class HandoffTest {
    static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");
    static final Duration SEND = Duration.ofSeconds(30);

    static Batches.Claimed batch(String id, Instant leaseUntil) {
        return new Batches.Claimed(new BatchId(id), new HookId("hook_1"), 0, NOW, 1, List.of("{}"), "ins_a.1", leaseUntil);
    }

    @Test
    void whenTheRoomIsFullTheNextBatchGetsNoLeaseUntilOneIsTaken() {
        Handoff handoff = new Handoff("ins_a", Duration.ofSeconds(90), SEND, 4);
        Instant until = handoff.reserve(NOW, 2).orElseThrow();
        handoff.reserve(NOW, 2).orElseThrow();

        assertThat(handoff.reserve(NOW, 2)).as("full: the batch is stored unleased, for any instance to claim").isEmpty();
        handoff.put(batch("bat_1", until));
        assertThat(handoff.take(NOW)).get().extracting(b -> b.id().value()).isEqualTo("bat_1");
        assertThat(handoff.reserve(NOW, 2)).isPresent();
        assertThat(until).as("it may wait, then still be sent").isEqualTo(NOW.plusSeconds(90).plus(SEND));
    }

    @Test
    void aBatchWhoseLeaseEndsBeforeASendCouldFinishIsLeftToTheDatabaseClaim() {
        Handoff handoff = new Handoff("ins_a", Duration.ofSeconds(90), SEND, 8);
        handoff.reserve(NOW, 2);
        handoff.reserve(NOW, 2);
        handoff.put(batch("bat_late", NOW.plusSeconds(20)));
        handoff.put(batch("bat_ok", NOW.plusSeconds(90)));

        assertThat(handoff.take(NOW)).get().extracting(b -> b.id().value()).isEqualTo("bat_ok");
        assertThat(handoff.take(NOW)).isEmpty();
        assertThat(handoff.size()).isZero();
    }

    @Test
    void drainingGivesBackEveryBatchStillInMemoryAndItsRoom() {
        Handoff handoff = new Handoff("ins_a", Duration.ofSeconds(90), SEND, 4);
        Instant until = handoff.reserve(NOW, 2).orElseThrow();
        handoff.reserve(NOW, 2).orElseThrow();
        handoff.put(batch("bat_1", until));
        handoff.put(batch("bat_2", until));

        assertThat(handoff.drain()).extracting(b -> b.id().value()).containsExactly("bat_1", "bat_2");
        assertThat(handoff.reserve(NOW, 4)).as("all the room is free again").isPresent();
        assertThat(handoff.nextLease()).isNotEqualTo(handoff.nextLease()).startsWith("ins_a.");
    }
}

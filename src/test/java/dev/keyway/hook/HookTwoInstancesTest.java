package dev.keyway.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.crypto.tink.KeysetHandle;
import dev.keyway.crypto.Keysets;
import dev.keyway.testing.Api;
import dev.keyway.testing.Databases;
import dev.keyway.testing.HookSink;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.PlatformEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Two Keyway instances on one PostgreSQL database share a hook's deliveries; no batch is sent by both. */
class HookTwoInstancesTest {

    @Test
    void twoInstancesDeliverEveryEventOnceAndNeverTheSameBatchTwice() {
        String url = Databases.freshPostgres();
        KeysetHandle keyset = Keysets.generate();
        try (HookSink sink = new HookSink();
             KeywayUnderTest one = KeywayUnderTest.builder().database(url).keyset(keyset).env("KEYWAY_HOOK_POLL_MILLIS", "20").start();
             KeywayUnderTest two = KeywayUnderTest.builder().database(url).keyset(keyset).env("KEYWAY_HOOK_POLL_MILLIS", "20").start()) {
            String key = one.keyway().accounts().create("Two instances").apiKey();
            Api apiOne = new Api(one.base(), key);
            Api apiTwo = new Api(two.base(), key);
            Api.Answer hook = apiOne.post("/api/v1/hooks", Map.of("name", "CRM", "eventTypes", List.of("open"), "url", sink.url(),
                    "maxBatchSize", 5, "timeoutSeconds", 1));
            assertThat(hook.status()).isEqualTo(201);

            int events = 0;
            for (int r = 0; r < 40; r++) {
                Api.Answer a = (r % 2 == 0 ? apiOne : apiTwo).post("/api/v1/events", PlatformEvents.opens(events, 13));
                assertThat(a.json().get("queued").asInt()).as(a.body()).isEqualTo(13);
                events += 13;
            }
            int total = events;

            await().atMost(Duration.ofSeconds(60)).until(() -> sink.events().size() >= total);
            Map<String, Long> perKey = sink.received().stream()
                    .collect(Collectors.groupingBy(rq -> rq.header("idempotency-key"), Collectors.counting()));
            assertThat(perKey).as("each batch sent once").allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
            Map<String, Long> perEvent = sink.events().stream()
                    .collect(Collectors.groupingBy(e -> e.get("profile_id").asText(), Collectors.counting()));
            assertThat(perEvent).hasSize(total).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
            String stats = "/api/v1/hooks/" + hook.text("id") + "/stats";
            await().until(() -> apiTwo.get(stats).json().get("delivered").asInt() == perKey.size());
            assertThat(apiOne.get(stats).json().get("pendingEvents").asInt()).as("counted on PostgreSQL too").isZero();
        }
    }
}

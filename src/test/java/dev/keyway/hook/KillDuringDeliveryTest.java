package dev.keyway.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.crypto.Keysets;
import dev.keyway.testing.Api;
import dev.keyway.testing.ChildKeyway;
import dev.keyway.testing.Databases;
import dev.keyway.testing.HookSink;
import dev.keyway.testing.PlatformEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A Keyway process killed with SIGKILL while events are being posted and a batch is in flight to a slow
 * service, then restarted on the same H2 file: every acknowledged event arrives (duplicates allowed).
 */
class KillDuringDeliveryTest {

    @Test
    void everyAcknowledgedEventArrivesAfterAKillMinus9AndARestart() throws Exception {
        Path log = Files.createTempFile("keyway-child-", ".log");
        Map<String, String> env = Map.of("KEYWAY_DB_URL", Databases.freshH2(), "KEYWAY_KEYSET", Keysets.toJson(Keysets.generate()),
                "KEYWAY_EGRESS_ALLOWLIST", "127.0.0.1", "KEYWAY_SCHEDULER", "false", "KEYWAY_HOOK_LEASE_SECONDS", "2",
                "KEYWAY_TOKEN_CALL_TIMEOUT_SECONDS", "1", // leases outlast the longest send: 2 x (1 s request + 1 s token call)
                "KEYWAY_HOOK_RETRY_BASE_MILLIS", "100", "KEYWAY_HOOK_POLL_MILLIS", "50", "KEYWAY_LOG_LEVEL", "INFO");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (HookSink sink = new HookSink().hold()) {
            ChildKeyway first = ChildKeyway.start(env, "Killed", log);
            Api api = new Api(first.base(), first.apiKey());
            assertThat(api.post("/api/v1/hooks", Map.of("name", "CRM", "eventTypes", List.of("open"), "url", sink.url(),
                    "maxBatchSize", 10, "timeoutSeconds", 1)).status()).isEqualTo(201);
            AtomicBoolean killed = new AtomicBoolean();
            Thread poster = Thread.ofVirtual().start(() -> {
                for (int n = 0; !killed.get(); n += 10) {
                    List<Map<String, Object>> events = PlatformEvents.opens(n, 10);
                    try {
                        Api.Answer a = api.post("/api/v1/events", events);
                        if (a.status() == 200 && a.json().get("queued").asInt() == 10) {
                            events.forEach(e -> acknowledged.add((String) e.get("profile_id")));
                        }
                    } catch (RuntimeException connectionLost) {
                        return;
                    }
                }
            });
            await().until(() -> sink.received().size() >= 2 && acknowledged.size() >= 200);

            first.kill();
            killed.set(true);
            poster.join();
            sink.release();

            try (ChildKeyway second = ChildKeyway.start(env, null, log)) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(received(sink)).as("log: " + log)
                        .containsAll(acknowledged));
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(200);
    }

    private static Set<String> received(HookSink sink) {
        Set<String> ids = new HashSet<>();
        for (JsonNode e : sink.events()) {
            ids.add(e.get("profile_id").asText());
        }
        return ids;
    }
}

package dev.keyway.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.testing.Api;
import dev.keyway.testing.HookSink;
import dev.keyway.testing.HookSink.Reply;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.PlatformEvents;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events posted to Keyway arrive at a real receiving server on loopback: batching, custom_data, success, retries, dead letters. */
class HookDeliveryTest {
    static MutableClock clock = new MutableClock();
    static KeywayUnderTest keyway;
    Api api;
    HookSink sink;

    @BeforeAll
    static void start() {
        // a clock with nanoseconds that the database (microseconds) rounds up: due times must still be due at once
        clock.advance(Duration.ofNanos(999 - clock.instant().getNano() % 1000));
        keyway = KeywayUnderTest.builder().clock(clock).env("KEYWAY_HOOK_RETRY_BASE_MILLIS", "0")
                .env("KEYWAY_HOOK_MAX_ATTEMPTS", "3").env("KEYWAY_HOOK_POLL_MILLIS", "50").start();
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    @BeforeEach
    void sink() {
        api = keyway.newAccount("Deliveries " + System.nanoTime());
        sink = new HookSink();
    }

    @AfterEach
    void stopSink() {
        sink.close();
    }

    String hook(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "CRM", "eventTypes", List.of("open"), "url", sink.url(),
                "maxBatchSize", 3, "timeoutSeconds", 60));
        body.putAll(extra);
        Api.Answer created = api.post("/api/v1/hooks", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("id");
    }

    JsonNode stats(String hook) {
        return api.get("/api/v1/hooks/" + hook + "/stats").json();
    }

    @Test
    void fullBatchesGoAtOnceAndTheRestWhenTheOldestEventHasWaitedTheTimeout() {
        String hook = hook(Map.of());

        Api.Answer taken = api.post("/api/v1/events", PlatformEvents.opens(0, 7));

        assertThat(taken.json().get("queued").asInt()).isEqualTo(7);
        await().until(() -> sink.received().size() == 2);
        assertThat(sink.received()).allSatisfy(r -> assertThat(r.body()).hasSize(3));
        assertThat(stats(hook).get("pendingEvents").asInt()).as("the seventh waits for the timeout").isEqualTo(1);

        clock.advance(Duration.ofSeconds(60));

        await().until(() -> sink.received().size() == 3);
        assertThat(sink.received().get(2).body()).hasSize(1);
        assertThat(sink.received()).as("each batch in order; batches may go in parallel")
                .extracting(r -> r.body().findValuesAsText("profile_id").toString())
                .containsExactlyInAnyOrder("[p0, p1, p2]", "[p3, p4, p5]", "[p6]");
        await().until(() -> stats(hook).get("delivered").asInt() == 3);
        assertThat(sink.received()).allSatisfy(r -> {
            assertThat(r.header("idempotency-key")).startsWith("bat_");
            assertThat(r.header("x-keyway-timestamp")).isNotBlank();
            assertThat(r.header("content-type")).isEqualTo("application/json");
        });
    }

    @Test
    void eventsOfSeveralRequestsAreJoinedIntoABatchButARequestsEventsAreNotSplitToFillOne() {
        String hook = hook(Map.of());

        api.post("/api/v1/events", PlatformEvents.open(0));
        api.post("/api/v1/events", PlatformEvents.open(1));
        api.post("/api/v1/events", PlatformEvents.opens(2, 2));

        await().until(() -> sink.received().size() == 1);
        assertThat(sink.received().getFirst().body().findValuesAsText("profile_id")).containsExactly("p0", "p1");
        assertThat(stats(hook).get("pendingEvents").asInt()).as("the third request's two events wait together").isEqualTo(2);

        clock.advance(Duration.ofSeconds(60));

        await().until(() -> sink.received().size() == 2);
        assertThat(sink.received().get(1).body().findValuesAsText("profile_id")).containsExactly("p2", "p3");
        await().until(() -> stats(hook).get("delivered").asInt() == 2);
        assertThat(stats(hook).get("pendingEvents").asInt()).isZero();
    }

    @Test
    void onlyTheHooksEventTypesAndFiltersAreDelivered() {
        hook(Map.of("maxBatchSize", 1, "filters", Map.of("campaignIds", List.of(101))));

        Api.Answer taken = api.post("/api/v1/events", List.of(PlatformEvents.open(0), PlatformEvents.open(1),
                PlatformEvents.event("click", "p9", "x@example.com", 101)));

        assertThat(taken.json().get("accepted").asInt()).isEqualTo(3);
        assertThat(taken.json().get("queued").asInt()).isEqualTo(1);
        await().until(() -> sink.received().size() == 1);
        assertThat(sink.events().getFirst().get("profile_id").asText()).isEqualTo("p1");
    }

    @Test
    void customDataIsRenderedPerEventAndAMissingValueIsNull() {
        hook(Map.of("maxBatchSize", 2, "customData", Map.of("email", "{profile.email}", "campaign", "{event_data.campaign_id}",
                "phone", "{profile.phone}", "label", "campaign {event_data.campaign_id} for {profile_id}")));

        api.post("/api/v1/events", PlatformEvents.opens(0, 2));

        await().until(() -> sink.received().size() == 1);
        JsonNode first = sink.events().getFirst();
        assertThat(first.get("event_type").asText()).as("the event as the platform sent it").isEqualTo("open");
        JsonNode custom = first.get("custom_data");
        assertThat(custom.get("email").asText()).isEqualTo("user0@example.com");
        assertThat(custom.get("campaign").isNumber()).as("a lone placeholder keeps the type").isTrue();
        assertThat(custom.get("campaign").asLong()).isEqualTo(100);
        assertThat(custom.get("phone").isNull()).isTrue();
        assertThat(custom.get("label").asText()).isEqualTo("campaign 100 for p0");
        assertThat(sink.events().get(1).get("custom_data").get("email").asText()).isEqualTo("user1@example.com");
    }

    @Test
    void aResponseNotMatchingTheSuccessRegexIsRetriedWithTheSameIdempotencyKey() {
        String hook = hook(Map.of("maxBatchSize", 1, "successRegex", "\"status\"\\s*:\\s*\"OK\""));
        sink.answer(n -> n == 0 ? new Reply(200, "{\"status\":\"ERROR\"}") : Reply.OK);

        api.post("/api/v1/events", PlatformEvents.open(0));

        await().until(() -> stats(hook).get("delivered").asInt() == 1);
        assertThat(sink.received()).hasSize(2);
        assertThat(sink.received().get(1).header("idempotency-key")).isEqualTo(sink.received().get(0).header("idempotency-key"));
        JsonNode log = api.get("/api/v1/hooks/" + hook + "/deliveries").json().get("items");
        assertThat(log).extracting(d -> d.get("outcome").asText()).containsExactly("delivered", "failed");
        assertThat(log.get(1).get("statusCode").asInt()).isEqualTo(200);
        assertThat(log.get(1).get("excerpt").asText()).contains("ERROR");
    }

    @Test
    void serverErrorsAreRetriedUntilDeliveredOncePerAttemptWithTheSameIdempotencyKey() {
        String hook = hook(Map.of("maxBatchSize", 2));
        sink.answer(n -> n < 2 ? new Reply(500, "busy") : Reply.OK);

        api.post("/api/v1/events", PlatformEvents.opens(0, 2));

        await().until(() -> stats(hook).get("delivered").asInt() == 1);
        assertThat(sink.received()).hasSize(3);
        assertThat(sink.received()).extracting(r -> r.header("idempotency-key")).containsOnly(
                sink.received().getFirst().header("idempotency-key"));
        assertThat(sink.received()).extracting(r -> r.header("x-keyway-attempt")).containsExactly("1", "2", "3");
        JsonNode log = api.get("/api/v1/hooks/" + hook + "/deliveries").json().get("items");
        assertThat(log).extracting(d -> d.get("outcome").asText()).containsExactly("delivered", "failed", "failed");
        assertThat(log).allSatisfy(d -> assertThat(d.get("latencyMs").asLong()).isNotNegative());
    }

    @Test
    void aBatchThatKeepsFailingIsDeadThenReplayedAndDelivered() {
        String hook = hook(Map.of("maxBatchSize", 1));
        sink.answer(n -> new Reply(503, "{\"error\":\"down for maintenance\"}"));

        api.post("/api/v1/events", PlatformEvents.open(0));

        await().until(() -> stats(hook).get("dead").asInt() == 1);
        assertThat(sink.received()).as("three attempts (KEYWAY_HOOK_MAX_ATTEMPTS)").hasSize(3);
        JsonNode dead = api.get("/api/v1/hooks/" + hook + "/batches?state=dead").json().get("items").get(0);
        assertThat(dead.get("lastStatus").asInt()).isEqualTo(503);
        assertThat(dead.get("lastError").asText()).contains("down for maintenance");
        assertThat(dead.get("attempts").asInt()).isEqualTo(3);

        sink.answer(n -> Reply.OK);
        Api.Answer replayed = api.post("/api/v1/hooks/" + hook + "/batches/" + dead.get("id").asText() + "/replay", null);

        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        await().until(() -> stats(hook).get("delivered").asInt() == 1);
        assertThat(sink.received()).hasSize(4);
        assertThat(sink.received().get(3).header("idempotency-key")).isEqualTo(dead.get("id").asText());
        assertThat(stats(hook).get("dead").asInt()).isZero();
        assertThat(api.post("/api/v1/hooks/" + hook + "/batches/" + dead.get("id").asText() + "/replay", null).text("code"))
                .as("a delivered batch is not replayed").isEqualTo("not_dead");
    }

    @Test
    void aBatchThatFailsInsideKeywayCountsItsAttemptsAndEndsDeadInsteadOfLoopingForever() {
        String hook = hook(Map.of("maxBatchSize", 1, "customData", Map.of("email", "{profile.email}")));
        org.jdbi.v3.core.Jdbi.create(keyway.databaseUrl(), "sa", "").useHandle(h -> {
            h.execute("insert into hook_batches (id, hook_id, state, items, attempts, created_at, next_attempt_at) "
                    + "values ('bat_broken', ?, 'pending', 1, 0, ?, ?)", hook, clock.instant().minusSeconds(1), clock.instant().minusSeconds(1));
            h.execute("insert into hook_chunks (hook_id, batch_id, received_at, items, events) values (?, 'bat_broken', ?, 1, ?)",
                    hook, clock.instant(), "{not json");
        });

        await().until(() -> stats(hook).get("dead").asInt() == 1);
        JsonNode log = api.get("/api/v1/hooks/" + hook + "/deliveries").json().get("items");
        assertThat(log).extracting(d -> d.get("outcome").asText()).containsExactly("dead", "failed", "failed");
        assertThat(log.get(0).get("excerpt").asText()).isEqualTo("failed inside Keyway: JsonParseException");
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void aDeadBatchCanBeDiscarded() {
        String hook = hook(Map.of("maxBatchSize", 1));
        sink.answer(n -> new Reply(400, "bad"));
        api.post("/api/v1/events", PlatformEvents.open(0));
        await().until(() -> stats(hook).get("dead").asInt() == 1);
        String batch = api.get("/api/v1/hooks/" + hook + "/batches?state=dead").json().get("items").get(0).get("id").asText();

        assertThat(api.delete("/api/v1/hooks/" + hook + "/batches/" + batch).status()).isEqualTo(204);

        assertThat(stats(hook).get("dead").asInt()).isZero();
        assertThat(api.get("/api/v1/hooks/" + hook + "/batches").json().get("items")).isEmpty();
    }

    @Test
    void goodEventsAreKeptAndBadOnesRefusedWithAReasonEach() {
        hook(Map.of("maxBatchSize", 2));
        Map<String, Object> noDate = new HashMap<>(PlatformEvents.open(1));
        noDate.put("event_date", "yesterday");
        Map<String, Object> badList = new HashMap<>(PlatformEvents.open(2));
        badList.put("list_id", "one");

        Api.Answer taken = api.post("/api/v1/events", List.of(PlatformEvents.open(0), noDate, badList, "not an event",
                PlatformEvents.open(3)));

        assertThat(taken.status()).isEqualTo(200);
        assertThat(taken.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(taken.json().get("rejected")).extracting(r -> r.get("index").asInt() + " " + r.get("code").asText())
                .containsExactly("1 invalid_event_date", "2 invalid_list_id", "3 invalid_event");
        await().until(() -> sink.received().size() == 1);
        assertThat(sink.events()).extracting(e -> e.get("profile_id").asText()).containsExactly("p0", "p3");
        assertThat(api.post("/api/v1/events", "[").text("code")).isEqualTo("invalid_json");
        assertThat(api.post("/api/v1/events", "[]").text("code")).isEqualTo("invalid_events");
    }

    @Test
    void theTestEndpointSendsOneSampleNowAndShowsRequestAndResponse() {
        String connection = api.post("/api/v1/connections", Map.of("type", "token", "name", "Sink token", "description", "",
                "token", "s3cret-token", "allowedUrl", sink.base())).text("id");
        String hook = hook(Map.of("connectionId", connection, "customData", Map.of("email", "{profile.email}")));

        Api.Answer test = api.post("/api/v1/hooks/" + hook + "/test", null);

        assertThat(test.status()).as(test.body()).isEqualTo(200);
        assertThat(sink.received()).hasSize(1);
        assertThat(sink.received().getFirst().header("authorization")).isEqualTo("Bearer s3cret-token");
        assertThat(test.body()).doesNotContain("s3cret-token");
        assertThat(test.json().get("request").get("headers").get("Authorization").asText()).isEqualTo("****");
        assertThat(test.json().get("request").get("body").get(0).get("custom_data").get("email").asText())
                .isEqualTo("sample@example.com");
        assertThat(test.json().get("response").get("status").asInt()).isEqualTo(200);
        assertThat(test.json().get("response").get("success").asBoolean()).isTrue();
        assertThat(test.json().get("response").get("excerpt").asText()).contains("OK");
        assertThat(stats(hook).get("delivered").asInt()).as("not stored").isZero();
    }
}

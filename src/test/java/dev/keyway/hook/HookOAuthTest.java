package dev.keyway.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Browser;
import dev.keyway.testing.Connections;
import dev.keyway.testing.HookSink;
import dev.keyway.testing.HookSink.Reply;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.PlatformEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hooks authorized by an oauth2 connection connected against mock-oauth2-server: refresh on 401, held while it needs reconnection. */
class HookOAuthTest {
    static AuthServer as;
    static KeywayUnderTest keyway;
    Api api;
    HookSink sink;

    @BeforeAll
    static void start() {
        as = new AuthServer();
        keyway = KeywayUnderTest.builder().env("KEYWAY_HOOK_POLL_MILLIS", "50").env("KEYWAY_HOOK_RETRY_BASE_MILLIS", "0").start();
    }

    @AfterAll
    static void stop() {
        keyway.close();
        as.close();
    }

    @BeforeEach
    void sink() {
        api = keyway.newAccount("OAuth hooks " + System.nanoTime());
        sink = new HookSink();
    }

    @AfterEach
    void stopSink() {
        sink.close();
    }

    String connected() {
        String id = api.post("/api/v1/connections", Connections.against(as).with("allowedUrl", sink.base()).body()).text("id");
        connect(id);
        return id;
    }

    void connect(String connection) {
        String link = api.post("/api/v1/connections/" + connection + "/connect", Map.of()).text("connectUrl");
        assertThat(new Browser().connect(link, "operator@crm.test").statusCode()).isEqualTo(200);
    }

    String hook(String connection) {
        Api.Answer created = api.post("/api/v1/hooks", Map.of("name", "CRM", "eventTypes", List.of("open"), "url", sink.url(),
                "connectionId", connection, "maxBatchSize", 2, "timeoutSeconds", 3600));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("id");
    }

    String token(String connection) {
        return api.get("/api/v1/connections/" + connection + "/token").text("accessToken");
    }

    JsonNode stats(String hook) {
        return api.get("/api/v1/hooks/" + hook + "/stats").json();
    }

    @Test
    void theServicesTokenExpiredStatusLeadsToOneRefreshAndTheBatchIsDelivered() {
        String connection = connected();
        String hook = hook(connection);
        String first = token(connection);
        as.drainRequests();
        sink.answerBy(r -> ("Bearer " + first).equals(r.header("authorization")) ? new Reply(401, "{\"error\":\"expired\"}") : Reply.OK);

        api.post("/api/v1/events", PlatformEvents.opens(0, 2));

        await().until(() -> stats(hook).get("delivered").asInt() == 1);
        assertThat(sink.received()).hasSize(2);
        assertThat(sink.received().get(0).header("authorization")).isEqualTo("Bearer " + first);
        assertThat(sink.received().get(1).header("authorization")).startsWith("Bearer ").isNotEqualTo("Bearer " + first);
        assertThat(sink.received().get(1).header("idempotency-key")).isEqualTo(sink.received().get(0).header("idempotency-key"));
        assertThat(as.tokenRequests()).as("one refresh").isEqualTo(1);
        JsonNode log = api.get("/api/v1/hooks/" + hook + "/deliveries").json().get("items");
        assertThat(log).extracting(d -> d.get("outcome").asText()).as("one attempt: refresh and retry inside it").containsExactly("delivered");
    }

    @Test
    void aConnectionThatNeedsReconnectionHoldsItsHooksBatchesUntilItIsConnectedAgain() {
        String connection = connected();
        String hook = hook(connection);
        Api.Answer edited = api.patch("/api/v1/connections/" + connection, Map.of("scopes", List.of("openid", "crm.write")));
        assertThat(edited.text("status")).isEqualTo("needs_reconnect");

        api.post("/api/v1/events", PlatformEvents.opens(0, 4));

        await().until(() -> stats(hook).get("pendingBatches").asInt() == 2);
        JsonNode held = stats(hook);
        assertThat(held.get("held").asBoolean()).isTrue();
        assertThat(held.get("heldBatches").asInt()).isEqualTo(2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> sink.received().isEmpty());
        assertThat(api.get("/api/v1/hooks/" + hook + "/deliveries").json().get("items")).as("no attempt counted").isEmpty();

        connect(connection);

        await().until(() -> stats(hook).get("delivered").asInt() == 2);
        assertThat(sink.events()).hasSize(4);
        assertThat(stats(hook).get("held").asBoolean()).isFalse();
        assertThat(sink.received()).allSatisfy(r -> assertThat(r.header("authorization")).isEqualTo("Bearer " + token(connection)));
    }
}

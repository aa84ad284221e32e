package dev.keyway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Browser;
import dev.keyway.testing.Connections;
import dev.keyway.testing.FeedServer;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.Yml;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A feed behind the bearer token of an oauth2 connection connected against mock-oauth2-server, and behind a static token. */
class ProtectedFeedTest {
    static AuthServer as;
    static MutableClock clock = new MutableClock();
    static KeywayUnderTest keyway;
    Api api;
    FeedServer feed;

    @BeforeAll
    static void start() {
        as = new AuthServer();
        keyway = KeywayUnderTest.builder().clock(clock).start();
    }

    @AfterAll
    static void stop() {
        keyway.close();
        as.close();
    }

    @BeforeEach
    void feed() {
        api = keyway.newAccount("Market " + System.nanoTime());
        feed = new FeedServer().serve(Yml.feed().offer("1", null, "Boot", "10", true).offer("2", null, "Cap", "5", true).xml());
    }

    @AfterEach
    void stopFeed() {
        feed.close();
    }

    String connected() {
        Api.Answer created = api.post("/api/v1/connections", Connections.against(as).with("allowedUrl", feed.base()).body());
        String id = created.text("id");
        String link = api.post("/api/v1/connections/" + id + "/connect", Map.of()).text("connectUrl");
        assertThat(new Browser().connect(link, "operator@market.test").statusCode()).isEqualTo(200);
        as.drainRequests();
        return id;
    }

    String token(String connection) {
        return api.get("/api/v1/connections/" + connection + "/token").text("accessToken");
    }

    JsonNode importAndRun(String connection) {
        String id = api.post("/api/v1/imports", Map.of("name", "Feed", "url", feed.url(), "connectionId", connection)).text("id");
        return api.post("/api/v1/imports/" + id + "/run", null).json();
    }

    @Test
    void theFeedIsFetchedWithTheConnectionsBearerToken() {
        String connection = connected();
        String token = token(connection);
        feed.authorize(("Bearer " + token)::equals);

        JsonNode run = importAndRun(connection);

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("created").asInt()).isEqualTo(2);
        assertThat(as.tokenRequests()).as("no refresh needed").isZero();
    }

    @Test
    void anExpiredTokenIsRefreshedWithoutAnyoneThereAndTheRunSucceeds() {
        String connection = connected();
        String expired = token(connection);
        feed.authorize(a -> a != null && a.startsWith("Bearer ") && !a.equals("Bearer " + expired));
        clock.advance(Duration.ofHours(3));

        JsonNode run = importAndRun(connection);

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(as.tokenRequests()).as("one refresh").isEqualTo(1);
        assertThat(feed.requests()).hasSize(1);
        assertThat(feed.requests().getFirst().header("authorization")).isEqualTo("Bearer " + token(connection));
    }

    @Test
    void theConnectionsExpiredStatusLeadsToOneRefreshAndOneRetry() {
        String connection = connected();
        String first = token(connection);
        feed.authorize(a -> !("Bearer " + first).equals(a)); // the service considers the token expired

        JsonNode run = importAndRun(connection);

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("created").asInt()).isEqualTo(2);
        assertThat(feed.requests()).hasSize(2);
        assertThat(feed.requests().get(1).header("authorization")).isNotEqualTo("Bearer " + first);
        assertThat(as.tokenRequests()).as("one refresh").isEqualTo(1);
    }

    @Test
    void aStaticTokenConnectionPlacesItsToken() {
        String connection = api.post("/api/v1/connections", Map.of("type", "token", "name", "Feed token", "description", "",
                "token", "t0ken-value", "allowedUrl", feed.base())).text("id");
        feed.authorize("Bearer t0ken-value"::equals);

        JsonNode run = importAndRun(connection);

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
    }
}

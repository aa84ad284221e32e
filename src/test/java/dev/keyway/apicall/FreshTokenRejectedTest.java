package dev.keyway.apicall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.connection.ConnectionId;
import dev.keyway.testing.Api;
import dev.keyway.testing.ConnectedConnection;
import dev.keyway.testing.FakeTokenServer;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.SecondTokenService;
import dev.keyway.testing.MutableClock;
import dev.keyway.token.Reason;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A "token expired" status for a token that is not expired: a service that answers 403 for a missing permission, with
 * tokenExpiredStatuses [401, 403]. A token refreshed less than 30 s ago is not refreshed again; one that another
 * instance has replaced meanwhile is retried with the newer one, without a refresh.
 */
class FreshTokenRejectedTest {
    static MutableClock clock = new MutableClock();
    static KeywayUnderTest keyway;
    static Api api;
    static String apiKey;
    final MockWebServer upstream = new MockWebServer();
    final FakeTokenServer fake = FakeTokenServer.rotating();

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().clock(clock).start();
        apiKey = keyway.keyway().accounts().create("Rejected tokens").apiKey();
        api = new Api(keyway.base(), apiKey);
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    @AfterEach
    void stopServers() {
        upstream.close();
        fake.close();
    }

    private ConnectedConnection connected(Function<RecordedRequest, Integer> answer) throws Exception {
        upstream.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                int code = answer.apply(r);
                return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                        .body("{\"status\": " + code + "}").build();
            }
        });
        upstream.start(InetAddress.getByName("127.0.0.1"), 0);
        return ConnectedConnection.via(api, fake, Map.of("allowedUrl", "http://127.0.0.1:" + upstream.getPort() + "/api",
                "tokenExpiredStatuses", List.of(401, 403)));
    }

    private static Api.Answer call(ConnectedConnection c) {
        return api.post(c.path() + "/requests", Map.of("url", "/contacts"));
    }

    @Test
    void whenAServiceKeepsAnswering403ThenOnlyTheFirstCallRefreshesAndEveryCallGetsThe403() throws Exception {
        ConnectedConnection c = connected(r -> 403);
        clock.advance(Duration.ofMinutes(5)); // the token from Connect is no longer fresh

        for (int i = 0; i < 10; i++) {
            Api.Answer answer = call(c);
            assertThat(answer.status()).as("call %d", i).isEqualTo(200);
            assertThat(answer.json().get("status").asInt()).as("call %d", i).isEqualTo(403);
        }

        assertThat(fake.refreshRequests()).isEqualTo(1);
        assertThat(upstream.getRequestCount()).as("one retry, after the one refresh").isEqualTo(11);
        assertThat(c.status()).isEqualTo("connected");
    }

    @Test
    void whenA401ComesMoreThan30SecondsAfterTheRefreshThenItRefreshesAgain() throws Exception {
        ConnectedConnection c = connected(r -> 401);
        clock.advance(Duration.ofMinutes(5));
        call(c);
        clock.advance(Duration.ofSeconds(10));
        call(c);
        assertThat(fake.refreshRequests()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(25));
        Api.Answer answer = call(c);

        assertThat(answer.json().get("status").asInt()).isEqualTo(401);
        assertThat(fake.refreshRequests()).isEqualTo(2);
    }

    @Test
    void whenTheRejectedTokenWasReplacedMeanwhileThenTheCallIsRetriedWithTheNewOneWithoutARefresh() throws Exception {
        ConnectedConnection c = connected(r -> ("Bearer " + fake.onlyFamily().latestAccessToken())
                .equals(r.getHeaders().get("Authorization")) ? 200 : 401);
        clock.advance(Duration.ofMinutes(5));
        String held = c.token().text("accessToken"); // this instance now holds the token from Connect
        refreshOnAnotherInstance(new ConnectionId(c.id()));
        assertThat(fake.onlyFamily().latestAccessToken()).isNotEqualTo(held);

        Api.Answer answer = call(c);

        assertThat(answer.json().get("status").asInt()).isEqualTo(200);
        assertThat(fake.refreshRequests()).as("only the other instance's").isEqualTo(1);
        assertThat(upstream.getRequestCount()).isEqualTo(2);
    }

    @Test
    void whenTheProxysCallIsRejectedRightAfterConnectThenItRefreshesOnceAndTheNextRejectionIsPassedOn() throws Exception {
        ConnectedConnection c = connected(r -> 403); // the token from Connect is seconds old: still refreshed once

        HttpResponse<String> first = proxied(c);
        HttpResponse<String> second = proxied(c);

        assertThat(first.statusCode()).isEqualTo(403);
        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(second.body()).isEqualTo("{\"status\": 403}");
        assertThat(fake.refreshRequests()).as("one refresh, after the first rejection").isEqualTo(1);
        assertThat(upstream.getRequestCount()).as("the first call retried once, the second not").isEqualTo(3);
    }

    private static HttpResponse<String> proxied(ConnectedConnection c) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keyway.base() + "/api/v1/proxy/" + c.id() + "/contacts"))
                .header("X-API-Key", apiKey).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Refreshes through a second token service over the same database: what another Keyway instance does. */
    private static void refreshOnAnotherInstance(ConnectionId id) {
        SecondTokenService other = SecondTokenService.over(keyway, clock);
        other.tokens().refresh(other.connections().findAny(id).orElseThrow().account(), id, Reason.FORCED);
    }
}

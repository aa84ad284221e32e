package dev.keyway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Connections;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.Operator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Liveness, readiness and Prometheus metrics, without an API key. */
class OpsTest {
    static AuthServer as;
    static KeywayUnderTest keyway;
    static Api anonymous;

    @BeforeAll
    static void start() {
        as = new AuthServer();
        keyway = KeywayUnderTest.builder().start();
        anonymous = keyway.anonymous();
    }

    @AfterAll
    static void stop() {
        keyway.close();
        as.close();
    }

    @Test
    void unknownPathOutsideTheApiIsA404NotA500() {
        Api.Answer a = anonymous.get("/no/such/page");
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.text("code")).isEqualTo("not_found");
    }

    @Test
    void healthIsUp() {
        Api.Answer health = anonymous.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
    }

    @Test
    void readyIsUpWithTheDatabaseUp() {
        Api.Answer ready = anonymous.get("/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.text("status")).isEqualTo("UP");
        assertThat(ready.text("database")).isEqualTo("UP");
    }

    @Test
    void readyIs503WhenTheDatabaseIsGoneWhileHealthStaysUp() {
        try (KeywayUnderTest broken = KeywayUnderTest.builder().start()) {
            broken.keyway().database().close();

            Api.Answer ready = broken.anonymous().get("/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.text("status")).isEqualTo("DOWN");
            assertThat(ready.text("database")).isEqualTo("DOWN");
            assertThat(broken.anonymous().get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void metricsArePrometheusTextWithTokenCacheRefreshesAndTokenEndpointLatency() {
        Operator operator = new Operator(keyway.newAccount("Acme"));
        String id = operator.connected(Connections.against(as));
        operator.accessToken(id); // miss: read from the database
        operator.accessToken(id); // hit
        Api.Answer refreshed = operator.api().post("/api/v1/connections/" + id + "/refresh", Map.of());
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);

        Api.Answer metrics = anonymous.get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        String text = metrics.body();
        assertThat(text).contains("# TYPE keyway_token_cache_total counter")
                .contains("# TYPE keyway_refresh_total counter")
                .contains("# TYPE keyway_token_endpoint_seconds histogram");
        assertThat(value(text, "keyway_token_cache_total", "result=\"hit\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "keyway_token_cache_total", "result=\"miss\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "keyway_refresh_total", "outcome=\"refreshed\"")).isEqualTo(1);
        assertThat(value(text, "keyway_token_endpoint_seconds_count", "")).as("code exchange and refresh").isGreaterThanOrEqualTo(2);
        assertThat(value(text, "keyway_token_endpoint_seconds_sum", "")).isGreaterThan(0);
        assertThat(text).contains("keyway_token_endpoint_seconds_bucket{");
        assertThat(text).doesNotContain(operator.accessToken(id));
    }

    @Test
    void opsEndpointsNeedNoKeyAndCarryTheSecurityHeaders() {
        for (String path : List.of("/health", "/ready", "/metrics")) {
            Api.Answer answer = anonymous.get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.raw().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(answer.raw().headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        }
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label}. */
    private static double value(String text, String name, String label) {
        return text.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + " " + label + " in\n" + text));
    }
}

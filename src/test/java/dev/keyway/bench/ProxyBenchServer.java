package dev.keyway.bench;

import dev.keyway.testing.Api;
import dev.keyway.testing.KeywayUnderTest;
import io.helidon.webserver.WebServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts what bench/proxy-throughput.sh measures: a small upstream (Helidon, answering a 1 KiB JSON
 * body on /v1/items) and Keyway (fresh H2) with a token connection whose allowedUrl is that
 * upstream, both in this JVM. Prints one line "BENCH base=… key=… connection=… upstream=… pid=…" and
 * waits to be killed.
 * Not a test: run by the script only.
 */
public final class ProxyBenchServer {
    private ProxyBenchServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        byte[] body = ("{\"items\": \"" + "x".repeat(1000) + "\"}").getBytes(StandardCharsets.UTF_8);
        // UPSTREAM_MS: the upstream's own service time (a real API takes milliseconds, not microseconds)
        long serviceMillis = Long.parseLong(System.getenv().getOrDefault("UPSTREAM_MS", "0"));
        WebServer upstream = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.get("/v1/items", (req, res) -> {
                    if (serviceMillis > 0) {
                        Thread.sleep(serviceMillis); // simulated service time of the upstream, not a wait for anything
                    }
                    res.header("Content-Type", "application/json");
                    res.send(body);
                })).build().start();
        String upstreamBase = "http://127.0.0.1:" + upstream.port();
        KeywayUnderTest keyway = KeywayUnderTest.builder().env("KEYWAY_LOG_LEVEL", "WARN").start();
        var created = keyway.keyway().accounts().create("bench");
        Api api = new Api(keyway.base(), created.apiKey());
        String id = api.post("/api/v1/connections", Map.of("type", "token", "name", "bench", "token", "bench-token",
                "allowedUrl", upstreamBase + "/v1")).text("id");
        if (api.post("/api/v1/connections/" + id + "/requests", Map.of("url", "/items")).json().get("status").asInt() != 200) {
            throw new IllegalStateException("bench setup failed: the upstream is not reachable through Keyway");
        }
        System.out.println("BENCH base=" + keyway.base() + " key=" + created.apiKey() + " connection=" + id
                + " upstream=" + upstreamBase + " pid=" + ProcessHandle.current().pid());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}

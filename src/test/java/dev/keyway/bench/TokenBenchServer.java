package dev.keyway.bench;

import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Browser;
import dev.keyway.testing.Connections;
import dev.keyway.testing.KeywayUnderTest;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts what bench/token-throughput.sh measures: mock-oauth2-server and Keyway (fresh H2), one
 * connected connection. Prints one line "BENCH base=… key=… connection=…" and waits to be killed.
 * Not a test: run by the script only.
 */
public final class TokenBenchServer {
    private TokenBenchServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        AuthServer as = new AuthServer();
        KeywayUnderTest keyway = KeywayUnderTest.builder().env("KEYWAY_LOG_LEVEL", "WARN").start();
        var created = keyway.keyway().accounts().create("bench");
        Api api = new Api(keyway.base(), created.apiKey());
        String id = api.post("/api/v1/connections", Connections.against(as).body()).text("id");
        String connectUrl = api.post("/api/v1/connections/" + id + "/connect", Map.of()).text("connectUrl");
        int status = new Browser().connect(connectUrl, "bench").statusCode();
        if (status != 200 || api.get("/api/v1/connections/" + id + "/token").status() != 200) {
            throw new IllegalStateException("bench setup failed: connect answered " + status);
        }
        System.out.println("BENCH base=" + keyway.base() + " key=" + created.apiKey() + " connection=" + id);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}

package dev.keyway.apicall;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.keyway.testing.Api;
import dev.keyway.testing.KeywayUnderTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 200 MB through the proxy each way, generated and consumed on the fly (nothing stores it). Halfway
 * through, a full GC and the live heap of this JVM — Keyway, the upstream and the client all run
 * here — must stay far below the body size: nothing holds the body whole.
 */
class ProxyStreamingTest {
    static final long SIZE = 200L * 1024 * 1024;
    static final long HALF = SIZE / 2;
    static final long BOUND = 48L * 1024 * 1024;
    static KeywayUnderTest keyway;
    static HttpServer upstream;
    static String key;
    static String id;
    static final AtomicLong uploadHeapAtHalf = new AtomicLong(-1);

    @BeforeAll
    static void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        upstream.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        upstream.createContext("/v1/download", exchange -> {
            exchange.sendResponseHeaders(200, SIZE);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (long sent = 0; sent < SIZE; sent += chunk.length) {
                    fill(chunk, sent);
                    out.write(chunk);
                }
            }
        });
        upstream.createContext("/v1/upload", exchange -> {
            long received = 0;
            boolean intact = true;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = exchange.getRequestBody()) {
                for (int n; (n = in.read(buffer)) > 0; received += n) {
                    intact &= matches(buffer, n, received);
                    if (received < HALF && received + n >= HALF) {
                        uploadHeapAtHalf.set(liveHeap());
                    }
                }
            }
            byte[] answer = (received + " " + intact).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        upstream.createContext("/v1/broken", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[256 * 1024]);
            out.flush();
            throw new IllegalStateException("the upstream dies mid-body"); // the JDK server drops the connection
        });
        upstream.createContext("/v1/short", exchange -> {
            exchange.sendResponseHeaders(200, 1000); // declares 1000 bytes, sends 10
            exchange.getResponseBody().write(new byte[10]);
            exchange.getResponseBody().flush();
            throw new IllegalStateException("the upstream dies mid-body");
        });
        upstream.start();
        keyway = KeywayUnderTest.builder().start();
        key = keyway.keyway().accounts().create("Acme").apiKey();
        Api.Answer created = new Api(keyway.base(), key).post("/api/v1/connections", Map.of("type", "token", "name", "files",
                "token", "tok-1", "allowedUrl", "http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1"));
        id = created.text("id");
    }

    @AfterAll
    static void stop() {
        keyway.close();
        upstream.stop(0);
    }

    @Test
    void aLargeDownloadStreamsThroughWithBoundedMemory() throws Exception {
        long before = liveHeap();
        HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(keyway.base() + "/api/v1/proxy/" + id + "/download")).header("X-API-Key", key).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        long received = 0;
        long atHalf = -1;
        boolean intact = true;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = answer.body()) {
            for (int n; (n = in.read(buffer)) > 0; received += n) {
                intact &= matches(buffer, n, received);
                if (received < HALF && received + n >= HALF) {
                    atHalf = liveHeap();
                }
            }
        }

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(received).isEqualTo(SIZE);
        assertThat(intact).as("every byte arrived unchanged").isTrue();
        assertThat(atHalf - before).as("live heap growth halfway through 200 MB").isLessThan(BOUND);
    }

    @Test
    void aLargeChunkedUploadStreamsThroughWithBoundedMemory() throws Exception {
        long before = liveHeap();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keyway.base() + "/api/v1/proxy/" + id + "/upload")).header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofInputStream(Generated::new)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(SIZE + " true");
        assertThat(uploadHeapAtHalf.get() - before).as("live heap growth halfway through 200 MB").isLessThan(BOUND);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/broken", "/short"})
    void anUpstreamThatDiesMidBodyIsATruncatedAnswerNotACompleteOne(String path) {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(keyway.base() + "/api/v1/proxy/" + id + path)).header("X-API-Key", key).build(),
                HttpResponse.BodyHandlers.ofByteArray()));

        assertThat(failure).as("the client must see the failure, not a complete short body").isInstanceOf(IOException.class);
    }

    /** Live objects only: after a full collection. */
    static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void fill(byte[] chunk, long offset) {
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) ((offset + i) % 251);
        }
    }

    static boolean matches(byte[] buffer, int n, long offset) {
        for (int i = 0; i < n; i++) {
            if (buffer[i] != (byte) ((offset + i) % 251)) {
                return false;
            }
        }
        return true;
    }

    /** SIZE bytes of the pattern, made as they are read. */
    static final class Generated extends InputStream {
        private long position;

        @Override
        public int read() {
            return position < SIZE ? (int) (position++ % 251) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= SIZE) {
                return -1;
            }
            int n = (int) Math.min(len, SIZE - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) ((position + i) % 251);
            }
            position += n;
            return n;
        }
    }
}

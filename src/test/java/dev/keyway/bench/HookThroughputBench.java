package dev.keyway.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.keyway.crypto.Keysets;
import dev.keyway.testing.ChildKeyway;
import dev.keyway.testing.Databases;
import dev.keyway.testing.PlatformEvents;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What bench/hooks-throughput.sh measures, in one run on one machine: (1) baseline — the sink's raw accept rate
 * (arrays of 100 events posted straight to it); (2) end to end — events posted to a Keyway process
 * (fresh H2, one hook, batch size 100) and delivered to the sink, per second from the first post to the
 * last delivery; (3) kill -9 — a Keyway process killed while events are posted and delivered,
 * restarted on the same file: acknowledged events that never arrived. Not a test: run by the script only.
 */
public final class HookThroughputBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Events per POST (BENCH_EVENTS_PER_POST, default 100 = one full batch per request; fewer: batches joined from requests). */
    private static final int PER_REQUEST = Integer.parseInt(System.getenv().getOrDefault("BENCH_EVENTS_PER_POST", "100"));
    private static final int POSTERS = 8;

    /** Counts events received (and their ids, for the loss count). */
    static final class Sink implements AutoCloseable {
        final HttpServer server;
        final AtomicLong events = new AtomicLong();
        final Set<String> ids = ConcurrentHashMap.newKeySet();
        volatile boolean keepIds;

        Sink() throws Exception {
            // a receiving service answers without Nagle's delay: the JDK server writes the head and the body apart,
            // and without TCP_NODELAY each answer's body waits for Keyway's delayed ACK (~40 ms per batch)
            System.setProperty("sun.net.httpserver.nodelay", "true");
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 200);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", ex -> {
                try (ex; JsonParser p = JSON.getFactory().createParser(ex.getRequestBody())) {
                    long n = 0;
                    if (p.nextToken() == JsonToken.START_ARRAY) {
                        for (JsonToken t; (t = p.nextToken()) == JsonToken.START_OBJECT; n++) {
                            if (keepIds) {
                                ids.add(JSON.<com.fasterxml.jackson.databind.JsonNode>readTree(p).get("profile_id").asText());
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    events.addAndGet(n);
                    byte[] ok = "{\"status\":\"OK\"}".getBytes();
                    ex.sendResponseHeaders(200, ok.length);
                    ex.getResponseBody().write(ok);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/in";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path log = Files.createTempFile("keyway-bench-", ".log");
        try (Sink sink = new Sink()) {
            double baseline = rate(sink.url(), null, seconds, sink, new AtomicBoolean()).perSecond;
            System.out.printf("baseline (sink accepts arrays of %d directly): %10.0f events/s%n", PER_REQUEST, baseline);

            Map<String, String> env = env();
            try (ChildKeyway k = ChildKeyway.start(env, "bench", log)) {
                hook(k, sink.url());
                rate(k.base() + "/api/v1/events", k.apiKey(), 3, sink, new AtomicBoolean()); // warm-up
                awaitDelivered(sink, sink.events.get(), 60);
                sink.events.set(0);
                java.time.Duration cpu0 = k.cpu();
                Run r = rate(k.base() + "/api/v1/events", k.apiKey(), seconds, sink, new AtomicBoolean());
                long t0 = r.startNanos;
                awaitDelivered(sink, r.acknowledged, 120);
                double e2e = r.acknowledged / ((System.nanoTime() - t0) / 1e9);
                double cpuPerEvent = (k.cpu().minus(cpu0).toNanos() / 1e3) / Math.max(1, r.acknowledged);
                System.out.printf("ingest (acknowledged by Keyway):              %10.0f events/s%n", r.perSecond);
                System.out.printf("end to end (posted -> delivered, batch 100, %d per post): %10.0f events/s  (%d events)%n", PER_REQUEST, e2e,
                        r.acknowledged);
                System.out.printf("Keyway process CPU per event (ingest + delivery): %.1f us, i.e. %.0f events/s per core%n",
                        cpuPerEvent, 1e6 / cpuPerEvent);
                System.out.printf("ratio end-to-end/baseline: %.2f; target >= 20000 events/s: %s%n", e2e / baseline,
                        e2e >= 20000 ? "met" : "not met");
            }
            if (System.getenv("BENCH_SKIP_KILL") == null) {
                killRun(sink, log);
            }
        }
        System.exit(0);
    }

    private static void killRun(Sink sink, Path log) throws Exception {
        sink.keepIds = true;
        sink.ids.clear();
        Map<String, String> env = env();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ChildKeyway first = ChildKeyway.start(env, "bench", log);
        String key = first.apiKey();
        hook(first, sink.url());
        AtomicBoolean stop = new AtomicBoolean();
        Thread posting = Thread.ofVirtual().start(() -> {
            try {
                rate(first.base() + "/api/v1/events", key, 30, sink, stop, acknowledged);
            } catch (Exception ignored) {
                // the process was killed
            }
        });
        while (acknowledged.size() < 50_000) {
            Thread.sleep(50); // bench pacing, not a test
        }
        first.kill();
        stop.set(true);
        posting.join();
        try (ChildKeyway second = ChildKeyway.start(env, null, log)) {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!sink.ids.containsAll(acknowledged) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }
        long lost = acknowledged.stream().filter(id -> !sink.ids.contains(id)).count();
        System.out.printf("kill -9 run: %d events acknowledged before the kill, %d lost after restart (target 0)%n",
                acknowledged.size(), lost);
    }

    private static Map<String, String> env() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("KEYWAY_DB_URL", database(), "KEYWAY_KEYSET", Keysets.toJson(Keysets.generate()),
                "KEYWAY_EGRESS_ALLOWLIST", "127.0.0.1", "KEYWAY_SCHEDULER", "false", "KEYWAY_LOG_LEVEL", "WARN",
                "KEYWAY_HOOK_LEASE_SECONDS", "10", "KEYWAY_TOKEN_CALL_TIMEOUT_SECONDS", "2"));
        env.put("KEYWAY_DB_USER", Databases.user(env.get("KEYWAY_DB_URL")));
        if (System.getenv("BENCH_CHILD_JAVA_OPTIONS") != null) { // e.g. a flight recording of the Keyway process
            env.put("JAVA_TOOL_OPTIONS", System.getenv("BENCH_CHILD_JAVA_OPTIONS"));
        }
        return env;
    }

    /** BENCH_DB=postgres: a fresh database on the local PostgreSQL; otherwise a fresh H2 file. */
    private static String database() {
        return "postgres".equals(System.getenv("BENCH_DB")) ? Databases.freshPostgres()
                : Databases.freshH2() + System.getenv().getOrDefault("BENCH_DB_OPTIONS", "");
    }

    private static void hook(ChildKeyway k, String url) throws Exception {
        String body = JSON.writeValueAsString(Map.of("name", "bench", "eventTypes", List.of("open"), "url", url,
                "maxBatchSize", 100, "timeoutSeconds", 1));
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(k.base() + "/api/v1/hooks"))
                .header("Authorization", "Bearer " + k.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("hook not created: " + r.body());
        }
    }

    private static void awaitDelivered(Sink sink, long count, int maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        while (sink.events.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(5); // bench pacing, not a test
        }
        if (sink.events.get() < count) {
            System.out.println("WARNING: only " + sink.events.get() + " of " + count + " events delivered in " + maxSeconds + " s");
        }
    }

    record Run(long acknowledged, double perSecond, long startNanos) { }

    private static Run rate(String url, String key, int seconds, Sink sink, AtomicBoolean stop) throws Exception {
        return rate(url, key, seconds, sink, stop, null);
    }

    /** POSTERS clients post arrays of PER_REQUEST events for {@code seconds}; counts what was answered 200. */
    private static Run rate(String url, String key, int seconds, Sink sink, AtomicBoolean stop, Set<String> ids)
            throws Exception {
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < POSTERS; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end && !stop.get()) {
                    long from = next.getAndAdd(PER_REQUEST);
                    List<Map<String, Object>> events = PlatformEvents.opens((int) from, PER_REQUEST);
                    try {
                        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(events)));
                        if (key != null) {
                            b.header("Authorization", "Bearer " + key);
                        }
                        HttpResponse<Void> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 200) {
                            acknowledged.addAndGet(PER_REQUEST);
                            if (ids != null) {
                                events.forEach(e -> ids.add((String) e.get("profile_id")));
                            }
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        return new Run(acknowledged.get(), acknowledged.get() / took, start);
    }
}

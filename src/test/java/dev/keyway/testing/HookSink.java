package dev.keyway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A service receiving hook deliveries on 127.0.0.1 (JDK HttpServer, a virtual thread per request):
 * records every POST (headers, the JSON array body) and answers what {@link #answer} says for the
 * n-th request (0-based); by default 200 {"status":"OK"}.
 */
public final class HookSink implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received: header name (lower case) to first value, and the body. */
    public record Received(Map<String, String> headers, JsonNode body) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    /** What to answer. */
    public record Reply(int status, String body) {
        public static final Reply OK = new Reply(200, "{\"status\":\"OK\"}");
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Integer, Reply> answer = n -> Reply.OK;
    private volatile Function<Received, Reply> byRequest;
    private volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);

    public HookSink() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 100);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/in";
    }

    public String url() {
        return base() + "/events";
    }

    /** The n-th request's answer (0-based, counting every request received). */
    public HookSink answer(Function<Integer, Reply> answer) {
        this.answer = answer;
        this.byRequest = null;
        return this;
    }

    /** An answer chosen from the request (its headers). */
    public HookSink answerBy(Function<Received, Reply> byRequest) {
        this.byRequest = byRequest;
        return this;
    }

    /** From now on, requests are received (and counted) but not answered until {@link #release()}: a slow service. */
    public HookSink hold() {
        gate = new java.util.concurrent.CountDownLatch(1);
        return this;
    }

    public HookSink release() {
        gate.countDown();
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Every event received, in order of arrival, duplicates included. */
    public List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        received.forEach(r -> r.body().forEach(out::add));
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            Received r = new Received(headers, JSON.readTree(body.length == 0 ? "null".getBytes() : body));
            int n;
            synchronized (received) {
                n = received.size();
                received.add(r);
            }
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Function<Received, Reply> by = byRequest;
            Reply reply = by != null ? by.apply(r) : answer.apply(n);
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

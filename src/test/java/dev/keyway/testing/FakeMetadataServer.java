package dev.keyway.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Authorization server metadata on 127.0.0.1 (a JDK HttpServer): serves scripted documents at exact paths, 404
 * elsewhere, and records the paths asked for. For what mock-oauth2-server cannot be made to say (another issuer,
 * {@code authorization_response_iss_parameter_supported}, RFC 8414 paths).
 */
public final class FakeMetadataServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    public FakeMetadataServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            asked.add(path);
            String doc = documents.get(path);
            byte[] out = (doc == null ? "{\"error\":\"not found\"}" : doc).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(doc == null ? 404 : 200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    /** {@code http://127.0.0.1:port} followed by {@code path} (e.g. "/tenant-a", or "" for the bare origin). */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves {@code json} at {@code path} from now on. */
    public FakeMetadataServer serve(String path, String json) {
        documents.put(path, json);
        return this;
    }

    /** The paths asked for so far, oldest first. */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.keyway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;

/**
 * A product feed served over HTTP on 127.0.0.1 (JDK HttpServer) at {@link #url()}: answers the
 * current feed with a strong ETag, 304 to a matching If-None-Match, 401 when the Authorization
 * header does not pass {@link #authorize}; records every request's headers.
 */
public final class FeedServer implements AutoCloseable {
    /** One request as received: header name (lower case) to first value. */
    public record Seen(String method, String path, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile byte[] feed = new byte[0];
    private volatile boolean gzipFile;
    private volatile Predicate<String> authorization = a -> true;
    private volatile boolean validators = true;

    public FeedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/feeds/catalog.xml";
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/feeds";
    }

    public FeedServer serve(String xml) {
        this.feed = xml.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** Serves the feed as a .gz file (gzip bytes, Content-Type application/gzip, no Content-Encoding). */
    public FeedServer gzipFile(boolean on) {
        this.gzipFile = on;
        return this;
    }

    /** Off: no ETag, so every request reads the whole feed (no 304). */
    public FeedServer validators(boolean on) {
        this.validators = on;
        return this;
    }

    /** Requests whose Authorization header (null when absent) fails {@code accepted} get a 401. */
    public FeedServer authorize(Predicate<String> accepted) {
        this.authorization = accepted;
        return this;
    }

    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange x) throws IOException {
        Map<String, String> headers = new java.util.HashMap<>();
        x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
        seen.add(new Seen(x.getRequestMethod(), x.getRequestURI().getPath(), headers));
        try (x) {
            if (!authorization.test(headers.get("authorization"))) {
                x.sendResponseHeaders(401, -1);
                return;
            }
            byte[] body = feed;
            String etag = "\"" + sha256(body) + (gzipFile ? "-gz" : "") + "\"";
            if (validators) {
                x.getResponseHeaders().add("ETag", etag);
            }
            if (validators && etag.equals(headers.get("if-none-match"))) {
                x.sendResponseHeaders(304, -1);
                return;
            }
            if (gzipFile) {
                ByteArrayOutputStream packed = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
                    gz.write(body);
                }
                body = packed.toByteArray();
                x.getResponseHeaders().add("Content-Type", "application/gzip");
            } else {
                x.getResponseHeaders().add("Content-Type", "application/xml; charset=utf-8");
            }
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

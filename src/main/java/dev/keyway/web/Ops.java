package dev.keyway.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Liveness, readiness, metrics, the OpenAPI document, and a hello-world baseline for benchmarks. */
public final class Ops {
    private final Jdbi jdbi;
    private final PrometheusMeterRegistry metrics;
    private final Http http;
    private final byte[] openapi = resource("/openapi.json");
    private final byte[] css = resource("/static/keyway.css");

    public Ops(Jdbi jdbi, PrometheusMeterRegistry metrics, Http http) {
        this.jdbi = jdbi;
        this.metrics = metrics;
        this.http = http;
    }

    public void health(ServerRequest req, ServerResponse res) {
        http.ok(res, Map.of("status", "UP"));
    }

    public void ready(ServerRequest req, ServerResponse res) {
        try {
            jdbi.withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one());
            http.ok(res, Map.of("status", "UP", "database", "UP"));
        } catch (RuntimeException e) {
            http.send(res, Status.SERVICE_UNAVAILABLE_503, Map.of("status", "DOWN", "database", "DOWN"));
        }
    }

    public void metrics(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        res.send(Http.utf8(metrics.scrape()));
    }

    public void openapi(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(openapi);
    }

    /** The same JSON machinery as the token endpoint, minus the work: the benchmark's baseline. */
    public void hello(ServerRequest req, ServerResponse res) {
        http.ok(res, Map.of("hello", "world"));
    }

    public void css(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/css; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
        res.send(css);
    }

    private static byte[] resource(String name) {
        try (InputStream in = Ops.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.keyway.egress;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * Streamed hops: the request body is copied from an {@link InputStream} as OkHttp writes it, the
 * response body is handed over unread. Bounded by idle timeouts (connect, each read, each write),
 * not by a whole-call deadline, so that a long transfer that keeps moving is not cut. Same DNS and
 * socket guards as the buffered client; its own, larger connection pool (a proxy keeps many
 * connections to few hosts busy).
 */
final class Streams {
    private static final Set<String> BODY_REQUIRED = Set.of("POST", "PUT", "PATCH", "PROPPATCH", "REPORT");

    private final OkHttpClient base;
    private final Map<Duration, OkHttpClient> byIdleTimeout = new ConcurrentHashMap<>();

    Streams(OkHttpClient guarded) {
        this.base = guarded.newBuilder().connectionPool(new ConnectionPool(256, 2, TimeUnit.MINUTES)).build();
    }

    StreamedResponse open(EgressRequest request, HttpUrl url, InputStream body, long contentLength, Duration idle)
            throws IOException {
        OkHttpClient client = byIdleTimeout.size() > 64 ? withTimeouts(idle)
                : byIdleTimeout.computeIfAbsent(idle, this::withTimeouts);
        Request.Builder builder = new Request.Builder().url(url);
        request.headers().forEach((name, values) -> values.forEach(value -> builder.addHeader(name, value)));
        MediaType type = request.header("Content-Type").map(MediaType::parse).orElse(null);
        RequestBody requestBody = body != null ? new StreamBody(body, contentLength, type)
                : request.body() != null ? new OneShotBody(request.body(), type)
                : BODY_REQUIRED.contains(request.method()) ? new OneShotBody(new byte[0], type)
                : null;
        Call call = client.newCall(builder.method(request.method(), requestBody).build());
        long start = System.nanoTime();
        try {
            Response response = call.execute();
            return new StreamedResponse(response.code(), response.headers().toMultimap(), response.body().byteStream());
        } catch (IOException failure) {
            throw Exchange.translate(failure, start + idle.toNanos(), url.host());
        }
    }

    /**
     * OkHttp bounds each read twice: okio's timeout (its watchdog closes the socket) and the socket's
     * SO_TIMEOUT. On a virtual thread a socket read with SO_TIMEOUT is a timed park, which schedules
     * and cancels a timer on every read: measured at ~35 µs of a ~145 µs proxied request. The
     * SO_TIMEOUT is cleared, on plain and TLS sockets alike, once OkHttp has set it for the exchange
     * (connecting and the TLS handshake keep it: they run before this interceptor); okio's timeout,
     * the same {@code idle}, still bounds every read of the response's head and body, and closing an
     * {@code SSLSocket} from the watchdog unblocks a read waiting on it, on platform and virtual
     * threads ({@code StreamIdleTimeoutTest}, {@code TlsStreamIdleTimeoutTest}). Package-private for
     * {@code StreamSoTimeoutTest}.
     */
    OkHttpClient withTimeouts(Duration idle) {
        return base.newBuilder().connectTimeout(idle).readTimeout(idle).writeTimeout(idle)
                .addNetworkInterceptor(chain -> {
                    chain.connection().socket().setSoTimeout(0);
                    return chain.proceed(chain.request());
                }).build();
    }

    /** A one-shot body read from a stream while OkHttp writes it; {@code length} is -1 when unknown (chunked). */
    private static final class StreamBody extends RequestBody {
        private final InputStream in;
        private final long length;
        private final MediaType type;

        StreamBody(InputStream in, long length, MediaType type) {
            this.in = in;
            this.length = length;
            this.type = type;
        }

        @Override
        public MediaType contentType() {
            return type;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            try (Source source = Okio.source(in)) {
                sink.writeAll(source);
            }
        }
    }
}

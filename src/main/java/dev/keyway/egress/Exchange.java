package dev.keyway.egress;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/** One hop: an OkHttp call bounded by the remaining time, its body read within the size cap. */
final class Exchange {
    private static final Set<String> BODY_REQUIRED = Set.of("POST", "PUT", "PATCH", "PROPPATCH", "REPORT");

    private Exchange() {}

    static EgressResponse run(OkHttpClient client, EgressRequest request, HttpUrl url, long deadlineNanos,
            long maxBytes) throws IOException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw new EgressException(Rule.TIMEOUT, "no time left before calling " + url.host());
        }
        Call call = client.newCall(toOkHttp(request, url));
        call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
        try (Response response = call.execute()) {
            byte[] body = read(response, maxBytes, url.host());
            return new EgressResponse(response.code(), response.headers().toMultimap(), body,
                    response.request().url().uri());
        } catch (IOException failure) {
            throw translate(failure, deadlineNanos, url.host());
        }
    }

    private static Request toOkHttp(EgressRequest request, HttpUrl url) {
        Request.Builder builder = new Request.Builder().url(url);
        request.headers().forEach((name, values) -> values.forEach(value -> builder.addHeader(name, value)));
        MediaType type = request.header("Content-Type").map(MediaType::parse).orElse(null);
        byte[] body = request.body();
        if (body == null && BODY_REQUIRED.contains(request.method())) {
            body = new byte[0];
        }
        return builder.method(request.method(), body == null ? null : new OneShotBody(body, type)).build();
    }

    private static byte[] read(Response response, long maxBytes, String host) throws IOException {
        long cap = Math.min(maxBytes, Integer.MAX_VALUE - 16);
        ResponseBody body = response.body();
        if (promisesBody(response) && body.contentLength() > cap) {
            throw new EgressException(Rule.RESPONSE_TOO_LARGE,
                    "response from " + host + " declares " + body.contentLength() + " bytes, cap " + cap);
        }
        BufferedSource source = body.source();
        if (source.request(cap + 1)) {
            throw new EgressException(Rule.RESPONSE_TOO_LARGE, "response from " + host + " exceeds " + cap + " bytes");
        }
        return source.readByteArray();
    }

    /** HEAD, 1xx, 204 and 304 may declare a Content-Length they never send. */
    private static boolean promisesBody(Response response) {
        int code = response.code();
        return !response.request().method().equals("HEAD") && code >= 200 && code != 204 && code != 304;
    }

    /**
     * A refusal from inside OkHttp (DNS step, socket check) comes back as itself; a failure at or
     * after the deadline (OkHttp's call timeout) or a socket connect timeout as {@link Rule#TIMEOUT};
     * other failures, including an interrupted thread, unchanged.
     */
    static IOException translate(IOException failure, long deadlineNanos, String host) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (Throwable candidate : Stream.concat(Stream.of(t), Stream.of(t.getSuppressed())).toList()) {
                if (candidate instanceof EgressException refused) {
                    return refused;
                }
                if (candidate.getCause() instanceof EgressException refused) {
                    return refused;
                }
            }
        }
        boolean late = System.nanoTime() - deadlineNanos >= 0;
        if ((failure instanceof SocketTimeoutException || late) && !Thread.currentThread().isInterrupted()) {
            return new EgressException(Rule.TIMEOUT, "call to " + host + " timed out", failure);
        }
        return failure;
    }
}

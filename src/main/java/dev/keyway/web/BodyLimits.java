package dev.keyway.web;

import dev.keyway.web.api.ProxyApi;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.OptionalLong;

/**
 * Request body sizes. The server accepts up to {@link #SERVER_MAX_BYTES} so that the proxy can
 * stream large uploads; every other route takes at most {@link #MAX_BYTES}, declared up front
 * (a chunked body of unknown length is refused with 411 there), since those handlers read bodies whole.
 */
public final class BodyLimits implements Filter {
    public static final long SERVER_MAX_BYTES = 16L * 1024 * 1024 * 1024;
    public static final long MAX_BYTES = 1024 * 1024;

    private final Http http;

    BodyLimits(Http http) {
        this.http = http;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!req.path().rawPath().startsWith(ProxyApi.PREFIX)) {
            OptionalLong length = req.headers().contentLength();
            if (req.headers().contains(HeaderValues.TRANSFER_ENCODING_CHUNKED) && length.isEmpty()) {
                res.header(HeaderNames.CONNECTION, "close");
                http.send(res, Status.LENGTH_REQUIRED_411, Http.error("length_required",
                        "send the body with a Content-Length (chunked bodies are accepted by the proxy only)", null));
                return;
            }
            if (length.isPresent() && length.getAsLong() > MAX_BYTES) {
                res.header(HeaderNames.CONNECTION, "close");
                http.send(res, Status.REQUEST_ENTITY_TOO_LARGE_413, Http.error("body_too_large",
                        "the body is larger than " + MAX_BYTES + " bytes", null));
                return;
            }
        }
        chain.proceed();
    }
}

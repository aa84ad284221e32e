package dev.keyway.token;

import dev.keyway.egress.EgressClient;
import dev.keyway.egress.EgressRequest;
import dev.keyway.egress.EgressResponse;
import dev.keyway.oauth.OAuthRequest;
import dev.keyway.oauth.OAuthResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;

/** Sends the protocol's requests (token, revocation, PAR, JWKS) through the egress guard, with a bounded time. */
public final class TokenEndpoint {
    private final EgressClient egress;
    private final Duration timeout;
    private final Timer latency;

    public TokenEndpoint(EgressClient egress, Duration timeout, MeterRegistry metrics) {
        this.egress = egress;
        this.timeout = timeout;
        this.latency = Timer.builder("keyway.token.endpoint").description("time spent calling token endpoints")
                .publishPercentileHistogram().register(metrics);
    }

    public OAuthResponse send(OAuthRequest request) throws IOException {
        EgressRequest out = new EgressRequest(request.method(), request.url(), request.headers(),
                "GET".equals(request.method()) ? null : request.body(), timeout, false);
        long start = System.nanoTime();
        try {
            EgressResponse in = egress.send(out);
            return new OAuthResponse(in.status(), in.contentType(), in.body());
        } finally {
            latency.record(Duration.ofNanos(System.nanoTime() - start));
        }
    }
}

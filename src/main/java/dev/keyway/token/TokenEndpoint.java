package dev.keyway.token;

import dev.keyway.egress.EgressClient;
import dev.keyway.egress.EgressRequest;
import dev.keyway.egress.EgressResponse;
import dev.keyway.oauth.DPoPProofs;
import dev.keyway.oauth.OAuthRequest;
import dev.keyway.oauth.OAuthResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends the protocol's requests (token, revocation, PAR, JWKS) through the egress guard, with a bounded time. */
public final class TokenEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);

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
        return answer(exchange(request));
    }

    /**
     * A token request with a DPoP proof (RFC 9449 §5) when {@code dpop} is not null. The server's {@code DPoP-Nonce}
     * is remembered; when it refuses with {@code use_dpop_nonce} (§8) the request is made again by {@code again} (a new
     * client assertion: its jti must not repeat) and sent once more with a new proof carrying the nonce (nothing was
     * spent: the server refused before looking at the grant).
     */
    public OAuthResponse send(OAuthRequest request, Supplier<OAuthRequest> again, DPoPProofs dpop) throws IOException {
        if (dpop == null) {
            return send(request);
        }
        EgressResponse in = exchange(request.withHeader(DPoPProofs.HEADER, dpop.proof(request.method(), request.url(), null)));
        boolean newNonce = dpop.remember(request.url(), in.header(DPoPProofs.NONCE_HEADER).orElse(null));
        OAuthResponse r = answer(in);
        if (!DPoPProofs.asksForNonce(r) || !newNonce) {
            return r;
        }
        LOG.info("token endpoint {} asked for a DPoP nonce: sending the request once more with it", request.url().getHost());
        OAuthRequest second = again.get();
        in = exchange(second.withHeader(DPoPProofs.HEADER, dpop.proof(second.method(), second.url(), null)));
        dpop.remember(request.url(), in.header(DPoPProofs.NONCE_HEADER).orElse(null));
        return answer(in);
    }

    private EgressResponse exchange(OAuthRequest request) throws IOException {
        EgressRequest out = new EgressRequest(request.method(), request.url(), request.headers(),
                "GET".equals(request.method()) ? null : request.body(), timeout, false);
        long start = System.nanoTime();
        try {
            return egress.send(out);
        } finally {
            latency.record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static OAuthResponse answer(EgressResponse in) {
        return new OAuthResponse(in.status(), in.contentType(), in.body(), in.headers());
    }
}

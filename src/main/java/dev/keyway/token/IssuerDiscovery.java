package dev.keyway.token;

import dev.keyway.connection.Discoverer;
import dev.keyway.egress.EgressClient;
import dev.keyway.egress.EgressRequest;
import dev.keyway.egress.EgressResponse;
import dev.keyway.oauth.Discovery;
import dev.keyway.oauth.DiscoveryException;
import dev.keyway.oauth.OAuthRequest;
import dev.keyway.oauth.OAuthResponse;
import dev.keyway.oauth.ServerMetadata;
import dev.keyway.problem.Problem;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches an issuer's metadata through the egress guard: the OpenID Connect location, then the RFC 8414 one. Every
 * failure is the caller's 400 ({@code discovery_failed}, or {@code issuer_mismatch} when a document names another
 * issuer), never a 500.
 */
public final class IssuerDiscovery implements Discoverer {
    private static final Logger LOG = LoggerFactory.getLogger(IssuerDiscovery.class);

    private final EgressClient egress;
    private final Duration timeout;

    public IssuerDiscovery(EgressClient egress, Duration timeout) {
        this.egress = egress;
        this.timeout = timeout;
    }

    @Override
    public ServerMetadata discover(String issuer) {
        List<URI> urls;
        try {
            urls = Discovery.metadataUrls(issuer);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("issuer", DiscoveryException.FAILED, e.getMessage());
        }
        List<String> why = new ArrayList<>();
        DiscoveryException mismatch = null;
        for (URI url : urls) {
            try {
                ServerMetadata m = Discovery.parse(issuer, fetch(Discovery.request(url)));
                LOG.info("discovered the metadata of {} at {}", issuer, url);
                return m;
            } catch (DiscoveryException e) {
                mismatch = e.code().equals(DiscoveryException.ISSUER_MISMATCH) ? e : mismatch;
                why.add(url.getRawPath() + ": " + e.getMessage());
            } catch (IOException e) {
                why.add(url.getRawPath() + ": not reached (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage()) + ")");
            }
        }
        if (mismatch != null) {
            throw Problem.invalid("issuer", DiscoveryException.ISSUER_MISMATCH, mismatch.getMessage());
        }
        throw Problem.invalid("issuer", DiscoveryException.FAILED,
                "no usable metadata for " + issuer + ": " + String.join("; ", why));
    }

    private OAuthResponse fetch(OAuthRequest r) throws IOException {
        EgressResponse in = egress.send(new EgressRequest(r.method(), r.url(), r.headers(), null, timeout, true));
        return new OAuthResponse(in.status(), in.contentType(), in.body());
    }
}

package dev.keyway.egress;

import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one outbound HTTP client for account-driven requests. Thread-safe; share one instance (it
 * holds one OkHttp connection pool).
 *
 * <p>{@link #send} throws {@link EgressException} when the guard refuses the URL or a redirect hop
 * ({@link EgressException#rule()} says why), when a cap is hit, and on timeouts: a call that
 * outlives its timeout, and socket connect/read timeouts, become {@link Rule#TIMEOUT}. Other
 * network failures stay plain {@link IOException}s. Nothing is retried: OkHttp's silent retry is
 * off, so a refresh-token POST is never sent twice by this client.
 *
 * <p>A host name is refused if any of its addresses is refused (not only the one dialled), unless
 * the name or the address is allowlisted.
 */
public final class EgressClient {
    private static final Logger log = LoggerFactory.getLogger(EgressClient.class);

    private final EgressPolicy policy;
    private final Gate gate;
    private final OkHttpClient client;
    private final Streams streams;

    /** System DNS, real sockets. */
    public EgressClient(EgressPolicy policy) {
        this(policy, Resolver.system(), Connector.direct());
    }

    /** Injected DNS, and a connector that may record and refuse instead of connecting. */
    public EgressClient(EgressPolicy policy, Resolver resolver, Connector connector) {
        this(policy, resolver, connector, null);
    }

    /**
     * For tests only: {@code trust}, when not null, replaces the platform's trusted certificates
     * (a test's loopback HTTPS service with a certificate of its own); null keeps the platform's.
     */
    EgressClient(EgressPolicy policy, Resolver resolver, Connector connector, X509TrustManager trust) {
        this.policy = policy;
        this.gate = new Gate(Allowlist.parse(policy.allowlist()), resolver);
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if (trust != null) {
            builder.sslSocketFactory(Tls.socketFactory(trust), trust);
        }
        this.client = builder
                .dns(new GuardedDns(gate))
                .socketFactory(new GuardedSocketFactory(gate, connector))
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                // a request that failed on a pooled connection the service had closed goes again on a fresh one (and
                // a failed connect tries the name's next validated address); bodies are one-shot (OneShotBody), so a
                // request with a body is never sent twice
                .retryOnConnectionFailure(true)
                .cookieJar(CookieJar.NO_COOKIES)
                .cache(null)
                .readTimeout(Duration.ZERO) // the per-call timeout bounds everything
                .writeTimeout(Duration.ZERO)
                .build();
        this.streams = new Streams(client);
    }

    public EgressResponse send(EgressRequest request) throws IOException {
        try {
            return follow(request);
        } catch (EgressException refused) {
            log.info("egress {} refused: {}", request, refused.getMessage());
            throw refused;
        }
    }

    /**
     * Opens a streamed exchange: the same URL, DNS and socket checks as {@link #send}, but no
     * redirect is followed (a 3xx comes back as it is), the response body is not read (the caller
     * streams and closes it, no size cap), and the request's timeout (or the policy default) bounds
     * connecting and each read and write rather than the whole call. {@code body}, when not null,
     * is copied as it is sent ({@code contentLength} -1: chunked) and cannot be sent twice;
     * otherwise the request's own byte body, if any, is sent.
     */
    public StreamedResponse open(EgressRequest request, InputStream body, long contentLength) throws IOException {
        Duration idle = request.timeout() != null ? request.timeout() : policy.defaultTimeout();
        try {
            return streams.open(request, admit(request.url()), body, contentLength, idle);
        } catch (EgressException refused) {
            log.info("egress {} refused: {}", request, refused.getMessage());
            throw refused;
        }
    }

    private EgressResponse follow(EgressRequest request) throws IOException {
        Duration timeout = request.timeout() != null ? request.timeout() : policy.defaultTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpUrl url = admit(request.url());
        String origin = Urls.origin(url);
        EgressRequest current = request;
        for (int followed = 0; ; followed++) {
            EgressResponse response = Exchange.run(client, current, url, deadline, policy.maxResponseBytes());
            Optional<String> location = response.header("Location");
            if (!current.followRedirects() || !Redirects.isRedirect(response.status()) || location.isEmpty()) {
                return response;
            }
            if (followed >= policy.maxRedirects()) {
                throw new EgressException(Rule.TOO_MANY_REDIRECTS, "more than " + policy.maxRedirects()
                        + " redirects, last from " + url.host());
            }
            HttpUrl next = url.resolve(location.get());
            if (next == null) {
                throw new EgressException(Rule.SCHEME, "redirect from " + url.host() + " to a non-http(s) location");
            }
            current = Redirects.next(current, response.status(), next.uri(), !Urls.origin(next).equals(origin));
            url = admit(current.url());
        }
    }

    /** Scheme and host checks before anything touches the network. */
    private HttpUrl admit(URI uri) throws EgressException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new EgressException(Rule.SCHEME, "only absolute http and https URLs are allowed, not '" + scheme + "'");
        }
        HttpUrl url = ParsedUrls.parse(uri.toString());
        if (url == null) {
            throw new EgressException(Rule.SCHEME, "not a valid " + scheme + " URL: " + Urls.redacted(uri));
        }
        gate.checkHost(url.host());
        return url;
    }
}

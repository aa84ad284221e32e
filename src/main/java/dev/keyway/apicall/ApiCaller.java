package dev.keyway.apicall;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keyway.account.AccountId;
import dev.keyway.connection.Access;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.egress.EgressClient;
import dev.keyway.egress.EgressRequest;
import dev.keyway.egress.EgressResponse;
import dev.keyway.oauth.DPoPProofs;
import dev.keyway.problem.Problem;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs one API call with a connection's credentials (POST …/requests): the URL must be under the
 * connection's allowed URL; the service's answer comes back whatever its status. When an oauth2
 * connection's service answers one of its "token expired" statuses, the token is refreshed once and
 * the call retried once; the second answer is returned as it is. A token obtained less than 30 s before is not
 * refreshed: then the first answer is returned as it is.
 */
public final class ApiCaller {
    public static final Duration HELD = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ApiCaller.class);

    private final ConnectionRepository connections;
    private final Credentials credentials;
    private final EgressClient egress;
    private final ObjectMapper json;
    private final Cache<ConnectionId, Connection> held = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(HELD).build();

    public ApiCaller(ConnectionRepository connections, Credentials credentials, EgressClient egress, ObjectMapper json) {
        this.connections = connections;
        this.credentials = credentials;
        this.egress = egress;
        this.json = json;
    }

    /**
     * The account's connection, or 404 (also for another account's id). Held in memory for a few
     * seconds (the proxy's hot path); this instance's edits forget it at once ({@link #forget}),
     * another instance's show within {@link #HELD}.
     */
    public Connection connection(AccountId account, ConnectionId id) {
        Connection c = held.get(id, k -> connections.findAny(k).orElse(null));
        if (c == null || !c.account().equals(account)) {
            throw Problem.notFound("connection");
        }
        return c;
    }

    /** Forgets what this process holds for a connection (edited, deleted). */
    public void forget(ConnectionId id) {
        held.invalidate(id);
        credentials.forget(id);
    }

    public CallResult call(Connection c, CallRequest r) {
        Access access = c.settings().access();
        URI target = withQuery(AllowedUrls.resolve(access.allowedUrl(), r.url(), "url"), r.query());
        refuseCredentialNames(c, r);
        long start = System.nanoTime();
        Credential credential = credentials.of(c);
        EgressResponse answer = send(credential.applyTo(request(r, target)));
        if (credential.retryWithNonce(target, answer.status(), answer.header("WWW-Authenticate"), answer.header(DPoPProofs.NONCE_HEADER))) {
            LOG.info("connection {}: the service asked for a DPoP nonce, sending once more with it", c.id());
            answer = send(credential.applyTo(request(r, target)));
        }
        if (c.settings() instanceof OAuth2Settings && access.tokenExpiredStatuses().contains(answer.status())) {
            LOG.info("connection {} answered {}: retrying once with a newer token (none when a rejection just refreshed this one)", c.id(),
                    answer.status());
            Credential next = credentials.afterExpiry(c, credential).orElse(null);
            if (next != null) { // none: a rejection refreshed this token moments ago, the answer stands
                answer = send(next.applyTo(request(r, target)));
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return CallResult.of(answer.status(), answer.headers(), answer.body(), answer.contentType(), ms, json);
    }

    private static EgressRequest request(CallRequest r, URI target) {
        return new EgressRequest(r.method(), target, r.headers(), r.body(), r.timeout(), r.followRedirects());
    }

    private EgressResponse send(EgressRequest request) {
        try {
            return egress.send(request);
        } catch (IOException e) {
            throw EgressProblems.of(e, "url");
        }
    }

    private static void refuseCredentialNames(Connection c, CallRequest r) {
        Credentials.Names names = Credentials.names(c);
        for (String h : r.headers().keySet()) {
            if (names.headers().contains(HeaderRules.lower(h))) {
                throw Problem.invalid("headers", "forbidden_header", "the connection sets " + h + " itself");
            }
        }
        for (Map.Entry<String, String> q : r.query()) {
            if (names.query().contains(q.getKey())) {
                throw Problem.invalid("query", "forbidden_parameter", "the connection sets the query parameter " + q.getKey() + " itself");
            }
        }
        HttpUrl url = HttpUrl.parse(r.url().contains("://") ? r.url() : "http://x/" + r.url());
        if (url != null && names.query().stream().anyMatch(n -> url.queryParameter(n) != null)) {
            throw Problem.invalid("url", "forbidden_parameter", "the connection sets its query parameter itself");
        }
    }

    private static URI withQuery(URI url, List<Map.Entry<String, String>> query) {
        if (query.isEmpty()) {
            return url;
        }
        HttpUrl.Builder b = HttpUrl.get(url.toString()).newBuilder();
        query.forEach(q -> b.addQueryParameter(q.getKey(), q.getValue()));
        return b.build().uri();
    }
}

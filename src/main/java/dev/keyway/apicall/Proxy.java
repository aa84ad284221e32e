package dev.keyway.apicall;

import dev.keyway.connection.Access;
import dev.keyway.connection.Connection;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.egress.EgressClient;
import dev.keyway.egress.EgressRequest;
import dev.keyway.egress.StreamedResponse;
import dev.keyway.oauth.DPoPProofs;
import dev.keyway.problem.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transparent proxy: forwards a caller's request to the connection's allowed URL + path with
 * the connection's credentials, and hands back the service's answer unread, for the web layer to
 * stream. Redirects are not followed (a 3xx goes back to the caller as it is).
 *
 * <p>A request body of known length up to {@link #REPLAYABLE_BYTES} is read first, so that it can
 * be sent again: only then (or without a body) does a "token expired" status of an oauth2
 * connection lead to one refresh and one retry. A larger or chunked body is streamed as it
 * arrives, never held whole, and cannot be resent: the service's answer is returned as it is.
 */
public final class Proxy {
    public static final int REPLAYABLE_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(Proxy.class);

    private final Credentials credentials;
    private final EgressClient egress;

    public Proxy(Credentials credentials, EgressClient egress) {
        this.credentials = credentials;
        this.egress = egress;
    }

    /** The caller's response must close what this returns. */
    public StreamedResponse forward(Connection c, ProxyRequest in) {
        if (in.body() != null && (in.method().equals("GET") || in.method().equals("HEAD"))) {
            throw Problem.invalid("body", "body_not_allowed", in.method() + " requests carry no body through the proxy");
        }
        Access access = c.settings().access();
        String relative = in.path().isEmpty() ? "/" : in.path();
        URI target = AllowedUrls.resolve(access.allowedUrl(), relative + (in.rawQuery().isEmpty() ? "" : "?" + in.rawQuery()), "path");
        byte[] small = replayable(in);
        EgressRequest request = ProxyHeaders.request(in, target, Credentials.names(c), small);
        boolean retryable = in.body() == null || small != null;
        Credential credential = credentials.of(c);
        StreamedResponse answer = open(credential.applyTo(request), small == null ? in.body() : null, in.contentLength());
        if (credential.retryWithNonce(target, answer.status(), answer.header("WWW-Authenticate"),
                answer.header(DPoPProofs.NONCE_HEADER)) && retryable) {
            LOG.info("connection {}: the service asked for a DPoP nonce through the proxy, sending once more with it", c.id());
            close(answer);
            answer = open(credential.applyTo(request), null, -1);
        }
        if (retryable && c.settings() instanceof OAuth2Settings && access.tokenExpiredStatuses().contains(answer.status())) {
            LOG.info("connection {} answered {} through the proxy: retrying once with a newer token (none when a rejection just refreshed this one)",
                    c.id(), answer.status());
            Credential next;
            try {
                next = credentials.afterExpiry(c, credential).orElse(null);
            } catch (RuntimeException e) {
                close(answer);
                throw e;
            }
            if (next != null) { // none: a rejection refreshed this token moments ago, the answer stands
                close(answer);
                answer = open(next.applyTo(request), null, -1);
            }
        }
        return answer;
    }

    private static byte[] replayable(ProxyRequest in) {
        if (in.body() == null || in.contentLength() < 0 || in.contentLength() > REPLAYABLE_BYTES) {
            return null;
        }
        try {
            return in.body().readNBytes((int) in.contentLength());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StreamedResponse open(EgressRequest request, InputStream body, long length) {
        try {
            return egress.open(request, body, length);
        } catch (IOException e) {
            throw EgressProblems.of(e, "path");
        }
    }

    private static void close(StreamedResponse answer) {
        try {
            answer.close();
        } catch (IOException ignored) {
            // the connection is dropped; nothing to tell the caller
        }
    }
}

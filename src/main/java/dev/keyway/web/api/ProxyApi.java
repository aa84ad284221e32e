package dev.keyway.web.api;

import dev.keyway.account.AccountId;
import dev.keyway.apicall.ApiCaller;
import dev.keyway.apicall.HeaderRules;
import dev.keyway.apicall.Proxy;
import dev.keyway.apicall.ProxyRequest;
import dev.keyway.connection.Connection;
import dev.keyway.egress.StreamedResponse;
import io.helidon.http.Header;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/proxy/{id}/…}, any method: the request goes to the connection's allowed URL + the
 * rest of the path, with its credentials; the answer streams back (status, headers minus hop-by-hop
 * ones, body copied as it arrives, never held whole).
 */
public final class ProxyApi {
    public static final String PREFIX = "/api/v1/proxy/";
    /** An answer of known length up to this is read first and sent in one write; larger ones stream. */
    static final int SMALL_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ProxyApi.class);

    private final ApiCaller connections;
    private final Proxy proxy;

    public ProxyApi(ApiCaller connections, Proxy proxy) {
        this.connections = connections;
        this.proxy = proxy;
    }

    public void forward(ServerRequest req, ServerResponse res, AccountId account) throws IOException {
        Connection c = connections.connection(account, ConnectionsApi.id(req));
        String method = req.prologue().method().text();
        try (StreamedResponse answer = proxy.forward(c, inbound(req, method))) {
            res.status(answer.status());
            Set<String> hop = HeaderRules.hopByHop(answer.headers().getOrDefault("connection", List.of()));
            answer.headers().forEach((name, values) -> {
                if (!hop.contains(name)) {
                    res.header(name, values.toArray(String[]::new));
                }
            });
            boolean bodyless = method.equals("HEAD") || answer.status() == 204 || answer.status() == 304 || answer.status() < 200;
            if (bodyless) {
                res.send();
                return;
            }
            long length = answer.header("content-length").map(Long::parseLong).orElse(-1L);
            if (length >= 0 && length <= SMALL_BYTES) { // known and small: one write, like any other answer
                byte[] body;
                try (InputStream in = answer.body()) {
                    body = in.readNBytes((int) length);
                } catch (IOException broken) {
                    LOG.info("proxied answer of connection {} ended early: {}", c.id(), broken.toString());
                    throw new CloseConnectionException("the proxied answer ended early", broken);
                }
                if (body.length < length) {
                    LOG.info("proxied answer of connection {} ended early: {} of {} bytes", c.id(), body.length, length);
                    throw new CloseConnectionException("the proxied answer ended early");
                }
                res.send(body);
                return;
            }
            OutputStream out = res.outputStream();
            try (InputStream in = answer.body()) {
                in.transferTo(out);
            } catch (IOException broken) { // the service or the caller went away mid-body: no clean end, close the connection
                LOG.info("proxied answer of connection {} ended early: {}", c.id(), broken.toString());
                throw new CloseConnectionException("the proxied answer ended early", broken);
            }
            out.close();
        }
    }

    private static ProxyRequest inbound(ServerRequest req, String method) {
        String raw = req.path().rawPath();
        int slash = raw.indexOf('/', PREFIX.length());
        String path = slash < 0 ? "" : raw.substring(slash);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header h : req.headers()) {
            headers.put(h.name(), h.allValues());
        }
        boolean hasBody = req.content().hasEntity();
        return new ProxyRequest(method, path, req.query().rawValue(), headers,
                hasBody ? req.content().inputStream() : null, req.headers().contentLength().orElse(-1));
    }
}

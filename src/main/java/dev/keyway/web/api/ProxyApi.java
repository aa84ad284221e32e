package dev.keyway.web.api;

import dev.keyway.account.AccountId;
import dev.keyway.apicall.ApiCaller;
import dev.keyway.apicall.Proxy;
import dev.keyway.apicall.ProxyRequest;
import dev.keyway.connection.Connection;
import dev.keyway.egress.StreamedResponse;
import io.helidon.http.Header;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/proxy/{id}/…}, any method: the request goes to the connection's allowed URL + the
 * rest of the path, with its credentials; the answer streams back (status, headers minus hop-by-hop
 * ones, body copied as it arrives, never held whole; see {@link ProxiedAnswer}).
 */
public final class ProxyApi {
    public static final String PREFIX = "/api/v1/proxy/";

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
            ProxiedAnswer.write(answer, method, res, c.id());
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

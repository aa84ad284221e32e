package dev.keyway.web.api;

import dev.keyway.apicall.HeaderRules;
import dev.keyway.connection.ConnectionId;
import dev.keyway.egress.StreamedResponse;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the service's answer to the caller: status, headers minus hop-by-hop ones, and the body —
 * one write when its length is known and at most {@link #SMALL_BYTES}, otherwise copied as it
 * arrives. An answer that ends early closes the caller's connection, so that a cut body never
 * looks complete.
 */
final class ProxiedAnswer {
    static final int SMALL_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ProxiedAnswer.class);

    private ProxiedAnswer() {
    }

    static void write(StreamedResponse answer, String method, ServerResponse res, ConnectionId id) {
        res.status(answer.status());
        Set<String> hop = HeaderRules.hopByHop(answer.headers().getOrDefault("connection", List.of()));
        answer.headers().forEach((name, values) -> {
            if (!hop.contains(name)) {
                res.header(name, values.toArray(String[]::new));
            }
        });
        if (method.equals("HEAD") || answer.status() == 204 || answer.status() == 304 || answer.status() < 200) {
            res.send();
            return;
        }
        long length = length(answer);
        try (InputStream in = answer.body()) {
            if (length >= 0 && length <= SMALL_BYTES) {
                byte[] body = in.readNBytes((int) length);
                if (body.length < length) {
                    throw new IOException(body.length + " of " + length + " bytes");
                }
                res.send(body);
                return;
            }
            OutputStream out = res.outputStream();
            in.transferTo(out);
            out.close();
        } catch (IOException broken) { // the service or the caller went away mid-body
            LOG.info("proxied answer of connection {} ended early: {}", id, broken.toString());
            throw new CloseConnectionException("the proxied answer ended early", broken);
        }
    }

    private static long length(StreamedResponse answer) {
        try {
            return answer.header("content-length").map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }
}

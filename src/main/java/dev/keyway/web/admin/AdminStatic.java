package dev.keyway.web.admin;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The admin UI's stylesheet and its one small script (no inline script anywhere: the CSP forbids it). */
final class AdminStatic {
    private final byte[] css = resource("/static/admin.css");
    private final byte[] js = resource("/static/admin.js");

    void css(ServerRequest req, ServerResponse res) {
        send(res, "text/css; charset=utf-8", css);
    }

    void js(ServerRequest req, ServerResponse res) {
        send(res, "text/javascript; charset=utf-8", js);
    }

    private static void send(ServerResponse res, String type, byte[] body) {
        res.header(HeaderNames.CONTENT_TYPE, type);
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.send(body);
    }

    private static byte[] resource(String name) {
        try (InputStream in = AdminStatic.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

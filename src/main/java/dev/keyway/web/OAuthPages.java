package dev.keyway.web;

import dev.keyway.connect.Callback;
import dev.keyway.connect.ConnectFlow;
import dev.keyway.connect.ConnectFlow.ConnectFailure;
import dev.keyway.oauth.CallbackParams;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The browser side of Connect: the one-time link, and the callback from the service. */
public final class OAuthPages {
    static final String COOKIE = "keyway_connect";

    private final ConnectFlow flow;
    private final Callback callback;
    private final TemplateEngine templates;
    private final boolean secureCookies;

    public OAuthPages(ConnectFlow flow, Callback callback, TemplateEngine templates, URI publicUrl) {
        this.flow = flow;
        this.callback = callback;
        this.templates = templates;
        this.secureCookies = "https".equalsIgnoreCase(publicUrl.getScheme());
    }

    /** GET /oauth2/connect/{link}: bind this browser, then off to the service. */
    public void open(ServerRequest req, ServerResponse res) {
        try {
            ConnectFlow.Opened opened = flow.open(req.path().pathParameters().get("link"));
            res.headers().addCookie(SetCookie.builder(COOKIE, opened.browserBinding())
                    .path("/oauth2").httpOnly(true).secure(secureCookies).sameSite(SetCookie.SameSite.LAX)
                    .maxAge(Duration.ofMinutes(10)).build());
            res.status(Status.FOUND_302).header(HeaderNames.LOCATION, opened.authorizationUrl().toString()).send();
        } catch (ConnectFailure f) {
            page(res, Status.BAD_REQUEST_400, new ResultPage(false, "Connect could not start", f.getMessage(), f.hint(),
                    f.backUrl()));
        }
    }

    /** GET /oauth2/callback: the service sends the browser back here. */
    public void callback(ServerRequest req, ServerResponse res) {
        Map<String, String> query = new HashMap<>();
        for (String name : req.query().names()) {
            query.put(name, req.query().first(name).orElse(null));
        }
        String binding = req.headers().cookies().first(COOKIE).orElse(null);
        res.headers().addCookie(SetCookie.builder(COOKIE, "").path("/oauth2").httpOnly(true).secure(secureCookies)
                .sameSite(SetCookie.SameSite.LAX).expires(Instant.EPOCH).build()); // Helidon drops a zero Max-Age
        try {
            Callback.Connected done = callback.handle(CallbackParams.fromQuery(query), binding);
            if (done.returnUrl() != null) {
                String sep = done.returnUrl().getRawQuery() == null ? "?" : "&";
                res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION,
                        done.returnUrl() + sep + "connectionId=" + done.connection().id() + "&status=connected").send();
                return;
            }
            page(res, Status.OK_200, new ResultPage(true, "Connected",
                    "The connection \u201c" + done.connection().name() + "\u201d is connected.", null));
        } catch (ConnectFailure f) {
            page(res, Status.BAD_REQUEST_400, new ResultPage(false, "Connect failed", f.getMessage(), f.hint(), f.backUrl()));
        }
    }

    private void page(ServerResponse res, Status status, ResultPage page) {
        StringOutput out = new StringOutput();
        templates.render("connect/result.jte", page, out);
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Http.utf8(out.toString()));
    }
}

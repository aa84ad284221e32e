package dev.keyway.web.admin;

import dev.keyway.account.Session;
import dev.keyway.account.Sessions;
import dev.keyway.crypto.Tokens;
import dev.keyway.problem.Problem;
import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.time.Instant;

/**
 * The operator's session: read from an HttpOnly, SameSite=Lax cookie (Secure when Keyway is served over
 * https), required by every admin page. Every POST must carry the session's CSRF token ({@code _csrf}):
 * missing or wrong is a 403. A connection of another account is a 404, as if it did not exist.
 */
final class AdminAuth {
    static final String COOKIE = "keyway_session";
    static final String CSRF_FIELD = "_csrf";

    /** A page for a signed-in operator. */
    @FunctionalInterface
    interface Page {
        void handle(ServerRequest req, ServerResponse res, Session session) throws Exception;
    }

    /** A form post of a signed-in operator whose CSRF token was checked. */
    @FunctionalInterface
    interface Action {
        void handle(ServerRequest req, ServerResponse res, Session session, Form form) throws Exception;
    }

    private final Sessions sessions;
    private final Pages pages;
    private final boolean secure;

    AdminAuth(Sessions sessions, Pages pages, URI publicUrl) {
        this.sessions = sessions;
        this.pages = pages;
        this.secure = "https".equalsIgnoreCase(publicUrl.getScheme());
    }

    Handler page(Page page) {
        return (req, res) -> {
            Session s = session(req).orElse(null);
            if (s == null) {
                Pages.redirect(res, "/admin/sign-in");
                return;
            }
            guarded(res, s, () -> page.handle(req, res, s));
        };
    }

    Handler action(Action action) {
        return (req, res) -> {
            Form form = form(req);
            Session s = session(req).orElse(null);
            if (s == null) {
                pages.render(res, Status.FORBIDDEN_403, "error", new ErrorView(null, "Signed out",
                        "Your session has ended. Sign in again, then repeat what you were doing."));
                return;
            }
            if (!Tokens.same(form.get(CSRF_FIELD), s.csrfToken())) {
                pages.render(res, Status.FORBIDDEN_403, "error", new ErrorView(s, "Refused",
                        "This form is out of date or did not come from Keyway. Reload the page and try again."));
                return;
            }
            guarded(res, s, () -> action.handle(req, res, s, form));
        };
    }

    java.util.Optional<Session> session(ServerRequest req) {
        return sessions.find(req.headers().cookies().first(COOKIE).orElse(null));
    }

    String cookieValue(ServerRequest req) {
        return req.headers().cookies().first(COOKIE).orElse(null);
    }

    SetCookie cookie(String value, boolean clear) {
        SetCookie.Builder b = SetCookie.builder(COOKIE, value).path("/admin").httpOnly(true).secure(secure)
                .sameSite(SetCookie.SameSite.LAX);
        return (clear ? b.expires(Instant.EPOCH) : b).build(); // Helidon drops a zero Max-Age
    }

    boolean secure() {
        return secure;
    }

    static Form form(ServerRequest req) {
        boolean isForm = req.headers().contentType()
                .map(t -> t.mediaType().text().equalsIgnoreCase("application/x-www-form-urlencoded")).orElse(false);
        return isForm && req.content().hasEntity() ? Form.parse(req.content().as(byte[].class)) : new Form(java.util.Map.of());
    }

    private interface Work {
        void run() throws Exception;
    }

    private void guarded(ServerResponse res, Session s, Work work) throws Exception {
        try {
            work.run();
        } catch (Problem p) {
            if (p.kind() != Problem.Kind.NOT_FOUND) {
                throw p;
            }
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            pages.render(res, Status.NOT_FOUND_404, "error", new ErrorView(s, "Not found",
                    "There is no such " + p.getMessage().replace(" not found", "") + " in your account."));
        }
    }
}

package dev.keyway.web.admin;

import dev.keyway.account.Session;
import dev.keyway.account.Sessions;
import dev.keyway.account.SignInThrottle;
import dev.keyway.account.User;
import dev.keyway.account.Users;
import dev.keyway.crypto.Tokens;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sign in and sign out. Before a session exists, the sign-in form is protected by a double-submit
 * token: a random value in an HttpOnly cookie that the form must repeat (no login CSRF).
 */
final class SignInPages {
    private static final String PRE_COOKIE = "keyway_signin";

    private final Users users;
    private final Sessions sessions;
    private final SignInThrottle throttle;
    private final AdminAuth auth;
    private final Pages pages;

    SignInPages(Users users, Sessions sessions, SignInThrottle throttle, AdminAuth auth, Pages pages) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.auth = auth;
        this.pages = pages;
    }

    void show(ServerRequest req, ServerResponse res) {
        if (auth.session(req).isPresent()) {
            Pages.redirect(res, "/admin/connections");
            return;
        }
        String notice = req.query().first("notice").orElse("").equals("signed-out") ? "You are signed out." : null;
        form(res, Status.OK_200, "", null, notice);
    }

    void submit(ServerRequest req, ServerResponse res) {
        Form form = AdminAuth.form(req);
        String expected = req.headers().cookies().first(PRE_COOKIE).orElse(null);
        if (!Tokens.same(form.get(AdminAuth.CSRF_FIELD), expected)) {
            pages.render(res, Status.FORBIDDEN_403, "error", new ErrorView(null, "Refused",
                    "This sign-in form is out of date. Reload the page and sign in again."));
            return;
        }
        String email = form.get("email").strip();
        String address = req.remotePeer().host();
        Optional<Duration> wait = throttle.blocked(email, address);
        if (wait.isPresent()) {
            long minutes = Math.max(1, (wait.get().toSeconds() + 59) / 60);
            form(res, Status.TOO_MANY_REQUESTS_429, email, "Too many failed sign-ins. Try again in "
                    + minutes + " minute" + (minutes == 1 ? "" : "s") + ".", null);
            return;
        }
        Optional<User> user = users.authenticate(email, form.get("password"));
        if (user.isEmpty()) {
            throttle.failed(email, address);
            form(res, Status.UNAUTHORIZED_401, email, "The email or the password is wrong.", null);
            return;
        }
        throttle.succeeded(email, address);
        Sessions.Started started = sessions.start(user.get());
        res.headers().addCookie(auth.cookie(started.cookieValue(), false));
        res.headers().addCookie(preCookie("", true));
        Pages.redirect(res, "/admin/connections");
    }

    void signOut(ServerRequest req, ServerResponse res, Session session, Form form) {
        sessions.end(auth.cookieValue(req));
        res.headers().addCookie(auth.cookie("", true));
        Pages.redirect(res, "/admin/sign-in?notice=signed-out");
    }

    private void form(ServerResponse res, Status status, String email, String error, String notice) {
        String token = Tokens.random(32);
        res.headers().addCookie(preCookie(token, false));
        pages.render(res, status, "sign-in", new SignInView(email, error, notice, token));
    }

    private SetCookie preCookie(String value, boolean clear) {
        SetCookie.Builder b = SetCookie.builder(PRE_COOKIE, value).path("/admin/sign-in").httpOnly(true)
                .secure(auth.secure()).sameSite(SetCookie.SameSite.LAX);
        return (clear ? b.expires(Instant.EPOCH) : b.maxAge(Duration.ofHours(1))).build(); // Helidon drops a zero Max-Age
    }
}

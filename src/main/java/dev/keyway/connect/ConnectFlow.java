package dev.keyway.connect;

import dev.keyway.account.AccountId;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionEvents;
import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.ConnectionService;
import dev.keyway.crypto.SecretBox;
import dev.keyway.crypto.Tokens;
import dev.keyway.oauth.AuthorizationSettings;
import dev.keyway.oauth.AuthorizationUrl;
import dev.keyway.oauth.Pkce;
import dev.keyway.problem.Problem;
import dev.keyway.token.TokenEndpoint;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Start and open a Connect: a one-time link on Keyway that binds the attempt to the browser opening it
 * and sends that browser to the service with a one-time state, a PKCE challenge and, when {@code openid} is asked
 * for, a nonce; the parameters are pushed first (RFC 9126, {@link Pushed}) when the connection says so.
 * The way back is {@link Callback}.
 */
public final class ConnectFlow {
    static final Duration LIFETIME = Duration.ofMinutes(10);

    /** The answer to POST …/connect. */
    public record Started(URI connectUrl, Instant expiresAt) { }

    /** Where to send the browser, and the binding cookie's value to set on it. toString() hides the value. */
    public record Opened(URI authorizationUrl, String browserBinding) {
        @Override
        public String toString() {
            return "Opened[" + authorizationUrl.getHost() + "]";
        }
    }

    private final ConnectAttempts attempts;
    private final ConnectionService connections;
    private final ConnectionRepository repository;
    private final SecretBox box;
    private final Clock clock;
    private final URI publicUrl;
    private final URI redirectUri;
    private final Pushed pushed;

    public ConnectFlow(Jdbi jdbi, ConnectionService connections, ConnectionRepository repository, SecretBox box,
                       Clock clock, URI publicUrl, URI redirectUri, TokenEndpoint endpoint, ConnectionEvents events) {
        this.attempts = new ConnectAttempts(jdbi);
        this.connections = connections;
        this.repository = repository;
        this.box = box;
        this.clock = clock;
        this.publicUrl = publicUrl;
        this.redirectUri = redirectUri;
        this.pushed = new Pushed(jdbi, repository, events, endpoint, clock);
    }

    ConnectAttempts attempts() {
        return attempts;
    }

    public Started start(AccountId account, ConnectionId id, String returnUrl) {
        var grant = connections.get(account, id).oauth2().grantType();
        if (!grant.connectStep()) {
            throw Problem.conflict(null, "no_connect_step", "a " + grant.wireName()
                    + " connection needs no Connect: its tokens are requested when needed");
        }
        String ret = ReturnUrls.check(returnUrl, publicUrl);
        String link = Tokens.random(32);
        Instant now = clock.instant();
        attempts.purge(now.minus(Duration.ofDays(1)));
        attempts.create("att_" + Tokens.random(12), id, Tokens.hash(link), ret, now, now.plus(LIFETIME));
        return new Started(URI.create(publicUrl + "/oauth2/connect/" + link), now.plus(LIFETIME));
    }

    /** Opens a connect link, once. Throws {@link ConnectFailure} with a readable reason otherwise. */
    public Opened open(String link) {
        ConnectAttempt a = attempts.byLink(Tokens.hash(link == null ? "" : link))
                .orElseThrow(() -> new ConnectFailure("This connect link is not valid.", "Start Connect again from Keyway."));
        Instant now = clock.instant();
        if (a.openedAt() != null) {
            throw new ConnectFailure("This connect link has already been used.", "Each link works once: start Connect again.");
        }
        if (now.isAfter(a.expiresAt())) {
            throw new ConnectFailure("This connect link has expired.", "Links are valid for 10 minutes: start Connect again.");
        }
        Connection c = repository.findAny(a.connection())
                .orElseThrow(() -> new ConnectFailure("The connection no longer exists.", null));
        String state = Tokens.random(32);
        String browser = Tokens.random(32);
        var s = c.oauth2();
        Pkce pkce = s.pkce() ? Pkce.generate() : null;
        String nonce = s.scopes().contains("openid") ? Tokens.random(32) : null; // OpenID Connect Core §3.1.2.1
        byte[] verifier = pkce == null ? null : box.seal(pkce.verifier(), a.id());
        byte[] sealedNonce = nonce == null ? null : box.seal(nonce, a.id());
        if (!attempts.open(a.id(), Tokens.hash(state), Tokens.hash(browser), verifier, sealedNonce, now, now.plus(LIFETIME))) {
            throw new ConnectFailure("This connect link has already been used.", "Each link works once: start Connect again.");
        }
        AuthorizationSettings request = new AuthorizationSettings(s.authorizationUrl(), s.clientId(), redirectUri,
                s.scopes(), s.scopeSeparator(), s.authorizationParams(), s.resources());
        URI url;
        try {
            url = s.par().pushes(s.parUrl()) ? pushed.push(c, request, state, pkce, nonce)
                    : AuthorizationUrl.build(request, state, pkce, nonce);
        } catch (ConnectFailure f) {
            throw f.withBackUrl(a.returnUrl()); // this browser opened the link: offer its way back
        }
        return new Opened(url, browser);
    }

    /** A readable reason a Connect step failed: shown on a plain page, never with a token or secret. */
    public static final class ConnectFailure extends RuntimeException {
        private final String hint;
        private final String backUrl;

        public ConnectFailure(String message, String hint) {
            this(message, hint, null);
        }

        private ConnectFailure(String message, String hint, String backUrl) {
            super(message, null, false, false);
            this.hint = hint;
            this.backUrl = backUrl;
        }

        public String hint() {
            return hint;
        }

        /** Where the operator came from (a page on Keyway, checked when Connect started), or null. */
        public String backUrl() {
            return backUrl;
        }

        ConnectFailure withBackUrl(String url) {
            return new ConnectFailure(getMessage(), hint, url);
        }
    }

    static Problem invalidReturnUrl() {
        return Problem.invalid("returnUrl", "invalid_return_url", "returnUrl must be a path or URL on Keyway itself");
    }
}

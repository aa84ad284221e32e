package dev.keyway.connect;

import dev.keyway.connect.ConnectFlow.ConnectFailure;
import dev.keyway.connection.ConnectedAs;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionEvents;
import dev.keyway.connection.ConnectionEvents.Kind;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.Grant;
import dev.keyway.connection.GrantRepository;
import dev.keyway.crypto.SecretBox;
import dev.keyway.crypto.Tokens;
import dev.keyway.egress.EgressException;
import dev.keyway.egress.Rule;
import dev.keyway.oauth.BasicEncodingHint;
import dev.keyway.oauth.AuthorizationCodeGrant;
import dev.keyway.oauth.CallbackParams;
import dev.keyway.oauth.IdTokens;
import dev.keyway.oauth.ClientSettings;
import dev.keyway.oauth.TokenResponses;
import dev.keyway.oauth.TokenResult;
import dev.keyway.oauth.TokenSet;
import dev.keyway.token.Clients;
import dev.keyway.token.IdTokenCheck;
import dev.keyway.token.TokenEndpoint;
import dev.keyway.token.TokenService;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser's way back from the service: check state (one-time, unexpired, this browser), check
 * {@code iss}, exchange the code with the PKCE verifier, validate the ID token (OpenID Connect), store the grant. Any failure leaves an
 * existing grant untouched and says what happened.
 */
public final class Callback {
    private static final Logger LOG = LoggerFactory.getLogger(Callback.class);
    private static final String REDIRECT_HINT = "Check that the redirect URI %s is registered with the application, "
            + "and that the client ID and client secret are right.";

    /** A connected connection, and where to send the browser (null: Keyway's own page). */
    public record Connected(Connection connection, URI returnUrl) { }

    private final ConnectAttempts attempts;
    private final Jdbi jdbi;
    private final ConnectionRepository connections;
    private final GrantRepository grants;
    private final ConnectionEvents events;
    private final TokenEndpoint endpoint;
    private final TokenService tokens;
    private final SecretBox box;
    private final Clock clock;
    private final URI redirectUri;
    private final IdTokenCheck idTokens;

    public Callback(ConnectFlow flow, Jdbi jdbi, ConnectionRepository connections, GrantRepository grants,
                    ConnectionEvents events, TokenEndpoint endpoint, TokenService tokens, SecretBox box, Clock clock,
                    URI redirectUri, IdTokenCheck idTokens) {
        this.attempts = flow.attempts();
        this.jdbi = jdbi;
        this.connections = connections;
        this.grants = grants;
        this.events = events;
        this.endpoint = endpoint;
        this.tokens = tokens;
        this.box = box;
        this.clock = clock;
        this.redirectUri = redirectUri;
        this.idTokens = idTokens;
    }

    public Connected handle(CallbackParams p, String browserBinding) {
        if (p.state() == null || p.state().isEmpty()) {
            throw new ConnectFailure("The service sent no state back.", "Start Connect again from Keyway.");
        }
        ConnectAttempt a = attempts.byState(Tokens.hash(p.state())).orElseThrow(() -> new ConnectFailure(
                "This sign-in answer is unknown to Keyway (wrong or forged state).", "Start Connect again from Keyway."));
        Instant now = clock.instant();
        if (!attempts.use(a.id(), now)) {
            throw new ConnectFailure("This sign-in answer was already used.", "Start Connect again from Keyway.");
        }
        if (now.isAfter(a.expiresAt())) {
            throw new ConnectFailure("This sign-in took longer than 10 minutes and has expired.", "Start Connect again.");
        }
        if (browserBinding == null || !Tokens.same(Tokens.hash(browserBinding), a.browserHash())) {
            throw new ConnectFailure("This sign-in was started in another browser.",
                    "Open the connect link and finish the sign-in in the same browser.");
        }
        Connection c = connections.findAny(a.connection())
                .orElseThrow(() -> new ConnectFailure("The connection no longer exists.", null));
        try {
            return new Connected(checkAndExchange(p, a, c), a.returnUrl() == null ? null : URI.create(a.returnUrl()));
        } catch (ConnectFailure f) {
            throw f.withBackUrl(a.returnUrl()); // this browser started the attempt: offer its way back
        }
    }

    private Connection checkAndExchange(CallbackParams p, ConnectAttempt a, Connection c) {
        String expectedIssuer = c.oauth2().issuer();
        if (p.iss() != null && expectedIssuer != null && !p.iss().equals(expectedIssuer)) {
            throw failed(c, "The answer came from issuer " + shown(p.iss()) + ", not from " + expectedIssuer + ".",
                    "Check the issuer and endpoints of the connection (possible mix-up attack).");
        }
        if (p.iss() == null && expectedIssuer != null && c.oauth2().issParameterSupported()) { // RFC 9207 §2.4
            throw failed(c, "The answer carried no issuer (iss), though " + expectedIssuer + " says it always sends one.",
                    "Check the issuer and endpoints of the connection (possible mix-up attack).");
        }
        if (p.error() != null) {
            throw failed(c, "The service refused: " + p.error() + (p.errorDescription() == null ? "" : " — " + p.errorDescription()),
                    p.error().equals("access_denied") ? "Consent was not given: connect again and allow access."
                            : REDIRECT_HINT.formatted(redirectUri));
        }
        if (p.code() == null || p.code().isEmpty()) {
            throw failed(c, "The service sent neither a code nor an error.", REDIRECT_HINT.formatted(redirectUri));
        }
        String verifier = a.sealedVerifier() == null ? null : box.open(a.sealedVerifier(), a.id());
        String nonce = a.sealedNonce() == null ? null : box.open(a.sealedNonce(), a.id());
        return exchange(c, p.code(), verifier, nonce);
    }

    private Connection exchange(Connection c, String code, String verifier, String nonce) {
        TokenResult result;
        ClientSettings client = Clients.of(c, connections);
        String secret = client.clientSecret();
        try {
            result = TokenResponses.parse(send(c, client, code, verifier), clock.instant(), c.oauth2().tokenResponse());
        } catch (EgressException e) {
            if (e.rule() == Rule.TIMEOUT) {
                throw failed(c, "The token endpoint did not answer in time.", "Try again; if it persists, check the token URL.");
            }
            throw failed(c, "Keyway refused to call the token URL: " + e.getMessage(), "Check the token URL.");
        } catch (IOException e) {
            throw failed(c, "The token endpoint could not be reached (" + e.getClass().getSimpleName() + ").",
                    "Check the token URL, then try again.");
        }
        TokenSet t = switch (result) {
            case TokenResult.Issued issued -> issued.tokens();
            case TokenResult.Refused r -> throw failed(c, "The token endpoint refused the code: HTTP " + r.httpStatus() + " "
                    + r.error() + (r.description() == null ? "" : " — " + r.description()), REDIRECT_HINT.formatted(redirectUri)
                    + BasicEncodingHint.after(r, c.oauth2().clientAuthentication(), c.oauth2().clientId(), secret));
        };
        ConnectedAs who = c.oauth2().validatesIdToken() ? identity(c, secret, t, nonce) : null;
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            grants.save(h, new Grant(c.id(), t.accessToken(), t.refreshToken(), t.tokenType(), t.expiresAt(),
                    t.scopes() != null ? t.scopes() : c.oauth2().scopes(), t.extra(), 0, now, 0, null));
            grants.setConnectedAs(h, c.id(), who);
            connections.markConnected(h, c.id(), now);
            events.record(h, c.id(), Kind.CONNECTED, "connected" + (t.refreshToken() == null ? " (no refresh token)" : ""),
                    "operator");
        });
        tokens.forget(c.id());
        LOG.info("connection {} connected, token expires {}", c.id(), t.expiresAt());
        return connections.findAny(c.id()).orElseThrow();
    }

    /** The validated ID token's identity (OpenID Connect Core §3.1.3.7), or a failure that stores nothing. */
    private ConnectedAs identity(Connection c, String secret, TokenSet t, String nonce) {
        String hint = "Check the issuer, client ID and jwksUrl of the connection, and the clocks; then connect again.";
        if (!(t.extra().get("id_token") instanceof String idToken) || idToken.isBlank()) {
            throw failed(c, "The service sent no ID token, though openid was asked for.", hint);
        }
        if (nonce == null) {
            throw failed(c, "This sign-in was started without a nonce (the scopes changed meanwhile).", "Start Connect again.");
        }
        try {
            IdTokens.Identity id = idTokens.check(c.oauth2(), secret, idToken, nonce);
            return new ConnectedAs(id.subject(), id.email(), id.name(), id.issuer());
        } catch (IdTokens.Refused e) {
            throw failed(c, "The ID token was refused: " + e.getMessage() + ".", hint);
        } catch (IdTokenCheck.KeysUnavailable e) {
            throw failed(c, "The ID token could not be checked: " + e.getMessage() + ".", "Check the jwksUrl, then try again.");
        }
    }

    /** The code exchange, with the client's authentication, resource indicators and, for a DPoP connection, a proof. */
    private dev.keyway.oauth.OAuthResponse send(Connection c, ClientSettings client, String code, String verifier)
            throws IOException {
        List<URI> resources = c.oauth2().resources();
        return endpoint.send(AuthorizationCodeGrant.request(client, code, redirectUri, verifier, resources),
                () -> AuthorizationCodeGrant.request(client, code, redirectUri, verifier, resources),
                Clients.dpop(c, connections));
    }

    /** Text from the callback's query as it may be shown, stored and logged: no control characters, short. */
    private static String shown(String untrusted) {
        String s = untrusted.replaceAll("[\\p{Cntrl}\\p{Cf}\\p{Zl}\\p{Zp}]", "?");
        return s.length() <= 200 ? s : s.substring(0, 199) + "\u2026";
    }

    private ConnectFailure failed(Connection c, String message, String hint) {
        jdbi.useTransaction(h -> {
            connections.setStatus(h, c.id(), c.status(), message, clock.instant());
            events.record(h, c.id(), Kind.CONNECT_FAILED, message, "operator");
        });
        LOG.info("connection {}: connect failed: {}", c.id(), message);
        return new ConnectFailure(message, hint);
    }
}

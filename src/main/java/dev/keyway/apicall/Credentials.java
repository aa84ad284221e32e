package dev.keyway.apicall;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keyway.connection.Access;
import dev.keyway.connection.BasicSettings;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.CustomSettings;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.connection.Secrets;
import dev.keyway.connection.TokenSettings;
import dev.keyway.problem.Problem;
import dev.keyway.oauth.DPoPProofs;
import dev.keyway.token.AccessToken;
import dev.keyway.token.TokenService;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The credential of each connection type: oauth2 — a fresh access token from {@link TokenService}
 * placed per {@link Access.Placement}; token — the static token, same placement; basic —
 * {@code Authorization: Basic base64(username:password)}; custom — its headers.
 */
public final class Credentials {
    /** The names a credential will set, known without reading a secret. */
    public record Names(Set<String> headers, Set<String> query) { }

    private final ConnectionRepository connections;
    private final TokenService tokens;
    private final ObjectMapper json;
    private final Cache<ConnectionId, Credential> held = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(ApiCaller.HELD).build();

    public Credentials(ConnectionRepository connections, TokenService tokens, ObjectMapper json) {
        this.connections = connections;
        this.tokens = tokens;
        this.json = json;
    }

    public static Names names(Connection c) {
        return switch (c.settings()) {
            case BasicSettings b -> new Names(Set.of("authorization"), Set.of());
            case CustomSettings s -> new Names(Set.copyOf(s.headerNames().stream().map(HeaderRules::lower).toList()), Set.of());
            case OAuth2Settings o when o.dpop() -> {
                Access.Placement p = o.access().placement();
                Set<String> headers = new java.util.HashSet<>(Set.of("authorization", "dpop"));
                if (!p.inQuery()) {
                    headers.add(HeaderRules.lower(p.name()));
                }
                yield new Names(Set.copyOf(headers), p.inQuery() ? Set.of(p.name()) : Set.of());
            }
            default -> {
                Access.Placement p = c.settings().access().placement();
                yield p.inQuery() ? new Names(Set.of(), Set.of(p.name())) : new Names(Set.of(HeaderRules.lower(p.name())), Set.of());
            }
        };
    }

    /**
     * The credential as of now: oauth2 — the token service's fresh token (refreshed first when
     * expired or about to); the other types — decrypted once and held as long as the connection is
     * ({@link ApiCaller#HELD}, or until {@link #forget}).
     */
    public Credential of(Connection c) {
        if (c.settings() instanceof OAuth2Settings) {
            return placed(c, tokens.token(c.account(), c.id()));
        }
        return held.get(c.id(), id -> fixed(c));
    }

    void forget(ConnectionId id) {
        held.invalidate(id);
    }

    private Credential fixed(Connection c) {
        return switch (c.settings()) {
            case OAuth2Settings o -> throw new IllegalStateException("oauth2 tokens are not fixed");
            case TokenSettings t -> placed(c, secret(c));
            case BasicSettings b -> new Credential(Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (b.username() + ":" + secret(c)).getBytes(StandardCharsets.UTF_8))), Map.of());
            case CustomSettings s -> checked(new Credential(Secrets.headers(secret(c), json), Map.of()));
        };
    }

    /**
     * oauth2 only: the service answered a call made with {@code rejected} with its "token expired" status. The
     * credential to retry the call with (refreshed, or newer than the rejected one), or empty when the service's answer
     * stands: a rejection got the rejected token refreshed moments ago ({@link TokenService#afterRejection}).
     */
    public Optional<Credential> afterExpiry(Connection c, Credential rejected) {
        return tokens.afterRejection(c.account(), c.id(), rejected.accessToken()).map(t -> placed(c, t));
    }

    /**
     * A DPoP-bound token (token type DPoP, RFC 9449 §7.1) goes in {@code Authorization: DPoP …} with a proof, whatever
     * the placement; a token the server issued as Bearer although DPoP was asked for is placed as a Bearer token.
     */
    private Credential placed(Connection c, AccessToken token) {
        DPoPProofs proofs = c.settings() instanceof OAuth2Settings s && s.dpop() && "DPoP".equalsIgnoreCase(token.tokenType())
                ? connections.keys().proofs(c.id()) : null;
        if (proofs == null) {
            return placed(c, token.accessToken());
        }
        return checked(new Credential(Map.of("Authorization", "DPoP " + token.accessToken()), Map.of(),
                new DPoPBinding(proofs, token.accessToken()), token.accessToken()));
    }

    private static Credential placed(Connection c, String token) {
        Access.Placement p = c.settings().access().placement();
        if (p.inQuery()) {
            return checked(new Credential(Map.of(), Map.of(p.name(), token), null, token));
        }
        return checked(new Credential(Map.of(p.name(), p.scheme() == null ? token : p.scheme() + " " + token), Map.of(),
                null, token));
    }

    private static Credential checked(Credential credential) {
        for (Map.Entry<String, String> h : credential.headers().entrySet()) {
            if (HeaderRules.TRANSPORT.contains(HeaderRules.lower(h.getKey()))) {
                throw Problem.conflict(null, "credential_not_sendable", "a connection cannot set the header " + h.getKey());
            }
            if (!HeaderRules.sendable(h.getValue())) {
                throw Problem.conflict(null, "credential_not_sendable", "the connection's " + h.getKey()
                        + " value has characters an HTTP header cannot carry");
            }
        }
        return credential;
    }

    private String secret(Connection c) {
        String secret = connections.secret(c.id());
        if (secret == null) {
            throw Problem.conflict(null, "credentials_missing", "the connection has no " + Secrets.member(c.type()) + " set");
        }
        return secret;
    }
}

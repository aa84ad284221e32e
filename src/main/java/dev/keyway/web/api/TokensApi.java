package dev.keyway.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keyway.account.AccountId;
import dev.keyway.connection.ConnectionId;
import dev.keyway.token.AccessToken;
import dev.keyway.token.Reason;
import dev.keyway.token.TokenService;
import dev.keyway.web.Http;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** GET …/token (the hot path) and POST …/refresh. The only answers that carry a token. */
public final class TokensApi {
    /** The token as the API returns it. */
    public record TokenView(String accessToken, String tokenType, Instant expiresAt, List<String> scopes,
                            Map<String, Object> extra) {
        @Override
        public String toString() {
            return "TokenView[" + tokenType + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** A token and its JSON, rendered once per token rather than once per request. */
    private record Rendered(AccessToken token, byte[] json) { }

    private final TokenService tokens;
    private final Http http;
    private final Cache<ConnectionId, Rendered> rendered = Caffeine.newBuilder().maximumSize(200_000).build();

    public TokensApi(TokenService tokens, Http http) {
        this.tokens = tokens;
        this.http = http;
    }

    public void token(ServerRequest req, ServerResponse res, AccountId account) throws JsonProcessingException {
        ConnectionId id = ConnectionsApi.id(req);
        AccessToken token = tokens.token(account, id);
        Rendered r = rendered.getIfPresent(id);
        if (r == null || r.token() != token) { // identity: the token service hands out the same instance until it changes
            r = new Rendered(token, http.json().writeValueAsBytes(view(token)));
            rendered.put(id, r);
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(r.json());
    }

    public void refresh(ServerRequest req, ServerResponse res, AccountId account) {
        http.ok(res, view(tokens.refresh(account, ConnectionsApi.id(req), Reason.FORCED)));
    }

    private static TokenView view(AccessToken t) {
        return new TokenView(t.accessToken(), t.tokenType(), t.expiresAt(), t.scopes(), t.extra());
    }
}

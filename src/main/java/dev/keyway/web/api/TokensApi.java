package dev.keyway.web.api;

import dev.keyway.account.AccountId;
import dev.keyway.token.AccessToken;
import dev.keyway.token.Reason;
import dev.keyway.token.TokenService;
import dev.keyway.web.Http;
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

    private final TokenService tokens;
    private final Http http;

    public TokensApi(TokenService tokens, Http http) {
        this.tokens = tokens;
        this.http = http;
    }

    public void token(ServerRequest req, ServerResponse res, AccountId account) {
        http.ok(res, view(tokens.token(account, ConnectionsApi.id(req))));
    }

    public void refresh(ServerRequest req, ServerResponse res, AccountId account) {
        http.ok(res, view(tokens.refresh(account, ConnectionsApi.id(req), Reason.FORCED)));
    }

    private static TokenView view(AccessToken t) {
        return new TokenView(t.accessToken(), t.tokenType(), t.expiresAt(), t.scopes(), t.extra());
    }
}

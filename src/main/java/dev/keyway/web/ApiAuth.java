package dev.keyway.web;

import dev.keyway.account.AccountId;
import dev.keyway.account.Accounts;
import dev.keyway.problem.Problem;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** API key authentication: {@code Authorization: Bearer kw_…} or {@code X-API-Key: kw_…}. */
public final class ApiAuth {
    /** A handler that runs for an authenticated account only. */
    @FunctionalInterface
    public interface AccountHandler {
        void handle(ServerRequest req, ServerResponse res, AccountId account) throws Exception;
    }

    private final Accounts accounts;

    public ApiAuth(Accounts accounts) {
        this.accounts = accounts;
    }

    public io.helidon.webserver.http.Handler wrap(AccountHandler handler) {
        return (req, res) -> handler.handle(req, res, account(req));
    }

    private AccountId account(ServerRequest req) {
        String key = req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).trim())
                .or(() -> req.headers().first(HeaderNames.create("X-API-Key")))
                .orElse(null);
        if (key == null) {
            throw Problem.unauthorized("an API key is required (Authorization: Bearer <key>)");
        }
        return accounts.authenticate(key).orElseThrow(() -> Problem.unauthorized("the API key is not valid"));
    }
}

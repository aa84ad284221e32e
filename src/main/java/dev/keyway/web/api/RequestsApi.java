package dev.keyway.web.api;

import dev.keyway.account.AccountId;
import dev.keyway.apicall.ApiCaller;
import dev.keyway.apicall.CallRequests;
import dev.keyway.connection.Connection;
import dev.keyway.web.Http;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** POST /api/v1/connections/{id}/requests: one API call with the connection's credentials. */
public final class RequestsApi {
    private final ApiCaller caller;
    private final Http http;

    public RequestsApi(ApiCaller caller, Http http) {
        this.caller = caller;
        this.http = http;
    }

    public void call(ServerRequest req, ServerResponse res, AccountId account) {
        Connection c = caller.connection(account, ConnectionsApi.id(req)); // 404 before anything about the body
        http.ok(res, caller.call(c, CallRequests.parse(http.object(req), http.json())));
    }
}

package dev.keyway.web.api;

import dev.keyway.account.AccountId;
import dev.keyway.problem.Problem;
import dev.keyway.provider.Provider;
import dev.keyway.provider.Providers;
import dev.keyway.web.Http;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET /api/v1/providers (id, name, docs, variables of each preset) and GET /api/v1/providers/{id} (the whole preset). */
public final class ProvidersApi {
    private final Providers providers;
    private final Http http;

    public ProvidersApi(Providers providers, Http http) {
        this.providers = providers;
        this.http = http;
    }

    public void list(ServerRequest req, ServerResponse res, AccountId account) {
        http.ok(res, Map.of("items", providers.list().stream().map(ProvidersApi::summary).toList()));
    }

    public void get(ServerRequest req, ServerResponse res, AccountId account) {
        String id = req.path().pathParameters().get("id");
        http.ok(res, providers.find(id).orElseThrow(() -> Problem.notFound("provider")));
    }

    private static Map<String, Object> summary(Provider p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("docs", p.docs());
        m.put("variables", p.variables());
        return m;
    }
}

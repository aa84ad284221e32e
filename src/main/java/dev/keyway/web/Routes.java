package dev.keyway.web;

import dev.keyway.problem.Problem;
import dev.keyway.web.admin.AdminRoutes;
import dev.keyway.web.api.ConnectionsApi;
import dev.keyway.web.api.EventsApi;
import dev.keyway.web.api.HooksApi;
import dev.keyway.web.api.ImportsApi;
import dev.keyway.web.api.JwksApi;
import dev.keyway.web.api.ProductsApi;
import dev.keyway.web.api.ProvidersApi;
import dev.keyway.web.api.ProxyApi;
import dev.keyway.web.api.RequestsApi;
import dev.keyway.web.api.TokensApi;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every route Keyway serves, in one place. The OpenAPI document is checked against {@link #api} by a test. */
public final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    /** One API operation: method, Helidon path pattern, handler. */
    public record Route(Method method, String path, Handler handler) { }

    /** The proxy: any method; "/*" matches the rest of the path (the handler reads the raw path). */
    public static final String PROXY_PATH = ProxyApi.PREFIX + "{id}/*";

    private List<Route> api;
    private final ApiAuth auth;
    private final Handler proxy;
    private final Ops ops;
    private final OAuthPages pages;
    private final Http http;
    private AdminRoutes admin;
    private JwksApi jwks;

    public Routes(ApiAuth auth, ConnectionsApi connections, TokensApi tokens, Ops ops, OAuthPages pages, Http http,
                  RequestsApi requests, ProxyApi proxy) {
        String one = "/api/v1/connections/{id}";
        List<Route> all = new ArrayList<>(List.of( // the hot path first: Helidon tries routes in order
                new Route(Method.GET, one + "/token", auth.wrap(tokens::token)),
                new Route(Method.GET, "/api/v1/connections", auth.wrap(connections::list)),
                new Route(Method.POST, "/api/v1/connections", auth.wrap(connections::create)),
                new Route(Method.GET, one, auth.wrap(connections::get)),
                new Route(Method.PATCH, one, auth.wrap(connections::update)),
                new Route(Method.DELETE, one, auth.wrap(connections::delete)),
                new Route(Method.POST, one + "/connect", auth.wrap(connections::connect)),
                new Route(Method.POST, one + "/refresh", auth.wrap(tokens::refresh)),
                new Route(Method.POST, one + "/requests", auth.wrap(requests::call)),
                new Route(Method.POST, one + "/keys/rotate", auth.wrap(connections::rotateKey))));
        this.proxy = auth.wrap(proxy::forward);
        for (Method m : List.of(Method.GET, Method.POST, Method.PUT, Method.PATCH, Method.DELETE)) {
            all.add(new Route(m, PROXY_PATH, this.proxy));
        }
        this.api = List.copyOf(all);
        this.auth = auth;
        this.ops = ops;
        this.pages = pages;
        this.http = http;
    }

    /** Adds the admin UI; its routes are listed in {@link AdminRoutes#register}. */
    public Routes admin(AdminRoutes admin) {
        this.admin = admin;
        return this;
    }

    /** Adds the feed imports and the catalogue (issue 6). */
    public Routes feeds(ImportsApi imports, ProductsApi products) {
        String one = "/api/v1/imports/{id}";
        List<Route> all = new ArrayList<>(api);
        all.addAll(List.of(
                new Route(Method.GET, "/api/v1/imports", auth.wrap(imports::list)),
                new Route(Method.POST, "/api/v1/imports", auth.wrap(imports::create)),
                new Route(Method.GET, one, auth.wrap(imports::get)),
                new Route(Method.PATCH, one, auth.wrap(imports::update)),
                new Route(Method.DELETE, one, auth.wrap(imports::delete)),
                new Route(Method.POST, one + "/run", auth.wrap(imports::run)),
                new Route(Method.GET, one + "/runs", auth.wrap(imports::runs)),
                new Route(Method.POST, one + "/clone", auth.wrap(imports::cloneOf)),
                new Route(Method.GET, "/api/v1/products", auth.wrap(products::list))));
        this.api = List.copyOf(all);
        return this;
    }

    /** Adds the public JWKS of connections' client-assertion keys: no API key (the authorization server fetches it). */
    public Routes keys(JwksApi jwks) {
        this.jwks = jwks;
        return this;
    }

    /** Adds the provider presets (issue 7): the same for every account. */
    public Routes providers(ProvidersApi providers) {
        List<Route> all = new ArrayList<>(api);
        all.add(new Route(Method.GET, "/api/v1/providers", auth.wrap(providers::list)));
        all.add(new Route(Method.GET, "/api/v1/providers/{id}", auth.wrap(providers::get)));
        this.api = List.copyOf(all);
        return this;
    }

    /** Adds the action hooks and the events intake (issue 5). */
    public Routes hooks(HooksApi hooks, EventsApi events) {
        String one = "/api/v1/hooks/{id}";
        List<Route> all = new ArrayList<>(api);
        all.addAll(List.of(
                new Route(Method.GET, "/api/v1/hooks", auth.wrap(hooks::list)),
                new Route(Method.POST, "/api/v1/hooks", auth.wrap(hooks::create)),
                new Route(Method.GET, one, auth.wrap(hooks::get)),
                new Route(Method.PATCH, one, auth.wrap(hooks::update)),
                new Route(Method.DELETE, one, auth.wrap(hooks::delete)),
                new Route(Method.POST, one + "/clone", auth.wrap(hooks::copy)),
                new Route(Method.POST, one + "/stop", auth.wrap(hooks::stop)),
                new Route(Method.POST, one + "/start", auth.wrap(hooks::start)),
                new Route(Method.POST, one + "/test", auth.wrap(hooks::test)),
                new Route(Method.GET, one + "/deliveries", auth.wrap(hooks::deliveries)),
                new Route(Method.GET, one + "/stats", auth.wrap(hooks::stats)),
                new Route(Method.GET, one + "/batches", auth.wrap(hooks::batches)),
                new Route(Method.POST, one + "/batches/{batchId}/replay", auth.wrap(hooks::replay)),
                new Route(Method.DELETE, one + "/batches/{batchId}", auth.wrap(hooks::discard)),
                new Route(Method.POST, "/api/v1/events", auth.wrap(events::take))));
        this.api = List.copyOf(all);
        return this;
    }

    public List<Route> api() {
        return api;
    }

    public void register(HttpRouting.Builder routing) {
        routing.addFilter(new SecurityHeaders());
        routing.addFilter(new BodyLimits(http));
        routing.get("/hello", ops::hello); // the benchmark's baseline, first so that it is as cheap as a route can be
        for (Route r : api) {
            routing.route(r.method(), r.path(), r.handler());
        }
        routing.route(Method.HEAD, PROXY_PATH, proxy).route(Method.OPTIONS, PROXY_PATH, proxy); // not in the OpenAPI check
        routing.get("/health", ops::health)
                .get("/ready", ops::ready)
                .get("/metrics", ops::metrics)
                .get("/openapi.json", ops::openapi)
                .get("/static/keyway.css", ops::css)
                .get("/oauth2/connect/{link}", pages::open)
                .get("/oauth2/callback", pages::callback);
        if (admin != null) {
            admin.register(routing);
        }
        if (jwks != null) {
            routing.get(JwksApi.PATH, jwks::serve);
        }
        List<Map.Entry<PathMatcher, Method>> known = new ArrayList<>();
        api.forEach(r -> known.add(Map.entry(PathMatchers.create(r.path()), r.method())));
        routing.any("/api/*", (req, res) -> {
            Set<String> allowed = new TreeSet<>();
            known.stream().filter(k -> k.getKey().match(req.path()).accepted()).forEach(k -> allowed.add(k.getValue().text()));
            if (allowed.isEmpty()) {
                throw Problem.notFound("route " + req.prologue().method().text() + " " + req.path().path());
            }
            res.header(HeaderNames.ALLOW, String.join(", ", allowed));
            http.send(res, Status.METHOD_NOT_ALLOWED_405, Http.error("method_not_allowed", req.prologue().method().text()
                    + " is not served here; allowed: " + String.join(", ", allowed), null));
        });
        routing.error(Problem.class, (req, res, p) -> http.problem(res, p))
                .error(io.helidon.http.HttpException.class, (req, res, e) -> http.send(res, e.status(),
                        Http.error(e.status().code() == 404 ? "not_found" : "http_" + e.status().code(),
                                e.status().reasonPhrase(), null)))
                .error(Exception.class, (req, res, e) -> {
                    LOG.error("unexpected failure on {} {}", req.prologue().method().text(), req.path().path(), e);
                    http.send(res, io.helidon.http.Status.INTERNAL_SERVER_ERROR_500,
                            Http.error("internal_error", "Keyway failed to answer; the failure is logged", null));
                });
    }
}

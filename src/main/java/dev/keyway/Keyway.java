package dev.keyway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.google.crypto.tink.KeysetHandle;
import dev.keyway.account.Accounts;
import dev.keyway.account.Passwords;
import dev.keyway.account.Sessions;
import dev.keyway.account.SignInThrottle;
import dev.keyway.account.Users;
import dev.keyway.apicall.ApiCaller;
import dev.keyway.apicall.Credentials;
import dev.keyway.apicall.Proxy;
import dev.keyway.config.Settings;
import dev.keyway.connect.Callback;
import dev.keyway.connect.ConnectFlow;
import dev.keyway.connection.ConnectionEvents;
import dev.keyway.connection.ConnectionKeys;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.ConnectionService;
import dev.keyway.connection.ConnectionValidator;
import dev.keyway.connection.GrantRepository;
import dev.keyway.crypto.SecretBox;
import dev.keyway.egress.EgressClient;
import dev.keyway.egress.EgressPolicy;
import dev.keyway.feed.Catalogue;
import dev.keyway.feed.FeedImportService;
import dev.keyway.feed.FeedImports;
import dev.keyway.feed.ImportRunner;
import dev.keyway.feed.ImportPlan;
import dev.keyway.feed.ImportRuns;
import dev.keyway.feed.ImportSchedules;
import dev.keyway.hook.ActiveHooks;
import dev.keyway.hook.Batches;
import dev.keyway.hook.Chunks;
import dev.keyway.hook.Dispatcher;
import dev.keyway.hook.Handoff;
import dev.keyway.hook.HookDeliveries;
import dev.keyway.hook.HookService;
import dev.keyway.hook.Hooks;
import dev.keyway.hook.Intake;
import dev.keyway.hook.Retention;
import dev.keyway.hook.Sender;
import dev.keyway.store.Database;
import dev.keyway.store.Json;
import dev.keyway.token.GrantRevocation;
import dev.keyway.token.RefreshSweep;
import dev.keyway.token.IdTokenCheck;
import dev.keyway.token.IssuerDiscovery;
import dev.keyway.token.TokenEndpoint;
import dev.keyway.token.TokenService;
import dev.keyway.web.ApiAuth;
import dev.keyway.web.Http;
import dev.keyway.web.OAuthPages;
import dev.keyway.web.Ops;
import dev.keyway.provider.Providers;
import dev.keyway.web.Routes;
import dev.keyway.web.BodyLimits;
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
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import io.helidon.webserver.WebServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keyway: builds everything with {@code new}, in one place, and runs it. {@link Cli} is the command line. */
public final class Keyway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Keyway.class);
    /** Characters of events the intake hands to this instance's delivery loops in memory (full batches): at most ~16 MB. */
    private static final int HANDOFF_CHARS = 8_000_000;

    private final Database database;
    private final WebServer server;
    private final Scheduler scheduler;
    private final Accounts accounts;
    private final Users users;
    private final Routes routes;
    private final Dispatcher dispatcher;
    private final Intake intake;

    private Keyway(Settings settings, KeysetHandle keyset, Clock clock) {
        ObjectMapper json = Json.mapper();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        database = Database.open(settings.databaseUrl(), settings.databaseUser(), settings.databasePassword());
        var jdbi = database.jdbi();
        SecretBox box = new SecretBox(keyset);
        accounts = new Accounts(jdbi, clock);

        EgressClient egress = new EgressClient(EgressPolicy.defaults().withAllowlist(settings.egressAllowlist()));
        TokenEndpoint endpoint = new TokenEndpoint(egress, settings.tokenCallTimeout(), metrics);
        ConnectionKeys keys = new ConnectionKeys(jdbi, box);
        ConnectionRepository connections = new ConnectionRepository(jdbi, box, json, keys);
        GrantRepository grants = new GrantRepository(jdbi, box, json);
        ConnectionEvents events = new ConnectionEvents(jdbi, clock);
        IssuerDiscovery discovery = new IssuerDiscovery(egress, settings.tokenCallTimeout());
        IdTokenCheck idTokens = new IdTokenCheck(endpoint, settings.tokenSkew(), discovery);
        TokenService tokens = new TokenService(jdbi, connections, grants, events, endpoint, clock,
                settings.tokenSkew(), metrics, idTokens);
        Providers providers = Providers.bundled();
        // plain http is acceptable in the embedded profile and for allowlisted hosts: connections and hooks alike
        java.util.function.Predicate<java.net.URI> httpAllowed = url -> settings.profile() == Settings.Profile.EMBEDDED
                || settings.egressAllowlist().contains(url.getHost());
        ConnectionValidator validator = new ConnectionValidator(httpAllowed, discovery, providers);
        Credentials credentials = new Credentials(connections, tokens, json);
        ApiCaller caller = new ApiCaller(connections, credentials, egress, json);
        ConnectionService service = new ConnectionService(jdbi, connections, grants, events, validator, json, clock,
                new GrantRevocation(endpoint, connections), id -> {
                    tokens.forget(id);
                    caller.forget(id);
                    keys.forget(id);
                });
        ConnectFlow flow = new ConnectFlow(jdbi, service, connections, box, clock, settings.publicUrl(),
                settings.redirectUri(), endpoint, events);
        Callback callback = new Callback(flow, jdbi, connections, grants, events, endpoint, tokens, box, clock,
                settings.redirectUri(), idTokens);

        Http http = new Http(json);
        FeedImports feedImports = new FeedImports(jdbi);
        ImportRuns importRuns = new ImportRuns(jdbi, json);
        ImportRunner importRunner = new ImportRunner(jdbi, feedImports, importRuns, connections, credentials, egress, json,
                clock, java.time.Duration.ofSeconds(60));
        importRunner.failCutOffManualRuns();
        ImportSchedules importSchedules = new ImportSchedules(database.dataSource(), database.isPostgres(), feedImports,
                importRuns, importRunner, clock);
        Catalogue catalogue = new Catalogue(jdbi, json);
        FeedImportService feedImportService = new FeedImportService(jdbi, feedImports, importRuns, connections, importRunner,
                importSchedules, clock);
        routes = new Routes(new ApiAuth(accounts),
                new ConnectionsApi(service, grants, events, flow, http, settings.redirectUri(), feedImportService)
                        .withKeys(keys, settings.publicUrl()),
                new TokensApi(tokens, http), new Ops(jdbi, metrics, http),
                new OAuthPages(flow, callback, TemplateEngine.createPrecompiled(ContentType.Html), settings.publicUrl()),
                http, new RequestsApi(caller, http), new ProxyApi(caller, new Proxy(credentials, egress)));
        routes.feeds(new ImportsApi(feedImportService, http), new ProductsApi(catalogue, http));
        service.usedBy(feedImportService::namesUsing);
        routes.keys(new JwksApi(keys, http));
        routes.providers(new ProvidersApi(providers, http));
        // hooks compare due times they stored with the clock's now: the databases keep microseconds (and round), so
        // a nanosecond clock could store a time later than the now it came from and a due batch would wait a poll
        Clock hookClock = Clock.tick(clock, Duration.ofNanos(1_000));
        Hooks hooks = new Hooks(jdbi, json);
        ActiveHooks activeHooks = new ActiveHooks(hooks);
        Batches batches = new Batches(jdbi);
        Sender sender = new Sender(connections, credentials, egress, json, settings.hooks().requestTimeout());
        // the longest a send can take: two requests (the second after the token-expired status) and two token calls
        Duration sendBound = settings.hooks().requestTimeout().plus(settings.tokenCallTimeout()).multipliedBy(2);
        Handoff handoff = new Handoff(Dispatcher.newOwner(), settings.hooks().lease(), sendBound, HANDOFF_CHARS);
        dispatcher = new Dispatcher(batches, activeHooks, sender, settings.hooks(), hookClock, handoff);
        HookService hookService = new HookService(jdbi, hooks, activeHooks, connections,
                httpAllowed, hookClock);
        service.usedBy(hooks::namesUsing);
        HookDeliveries hookDeliveries = new HookDeliveries(hookService, batches, connections, sender, json, hookClock,
                dispatcher::wake);
        routes.hooks(new HooksApi(hookService, hookDeliveries, http),
                new EventsApi(intake = Intake.start(new Chunks(jdbi), activeHooks, json, hookClock, handoff, dispatcher), http));
        users = new Users(jdbi, new Passwords(), clock);
        routes.admin(new AdminRoutes(users, new Sessions(jdbi, clock), new SignInThrottle(clock), service, connections,
                grants, events, flow, json, TemplateEngine.createPrecompiled(ContentType.Html), settings.publicUrl(),
                settings.redirectUri(), feedImportService, catalogue).presets(providers, discovery)
                .hooks(hookService, hookDeliveries, service, json));
        server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .maxPayloadSize(BodyLimits.SERVER_MAX_BYTES) // the proxy streams uploads; other routes: BodyLimits.MAX_BYTES
                .shutdownHook(false)
                .routing(routes::register)
                .build();

        RefreshSweep refreshSweep = new RefreshSweep(grants, tokens, clock, settings.refreshMargin());
        RecurringTask<Void> sweep = Tasks.recurring("refresh-sweep", FixedDelay.of(settings.refreshSweepEvery()))
                .execute((instance, ctx) -> refreshSweep.run());
        Retention hookRetention = new Retention(jdbi, settings.hooks().retention());
        RecurringTask<Void> prune = Tasks.recurring("hook-retention", FixedDelay.ofHours(1))
                .execute((instance, ctx) -> hookRetention.prune(clock.instant()));
        scheduler = settings.schedulerEnabled()
                ? Scheduler.create(database.dataSource(), importSchedules.task()).startTasks(sweep, prune).threads(2)
                        .serializer(ImportPlan.SERIALIZER)
                        .pollingInterval(settings.refreshSweepEvery()).alwaysPersistTimestampInUTC().build()
                : null;
    }

    /** Builds and starts Keyway; the server listens when this returns. */
    public static Keyway start(Settings settings, KeysetHandle keyset, Clock clock) {
        Keyway k = new Keyway(settings, keyset, clock);
        k.server.start();
        if (k.scheduler != null) {
            k.scheduler.start();
        }
        k.dispatcher.start();
        LOG.info("Keyway listening on http://{}:{} (public URL {}, redirect URI {})", settings.host(), k.port(),
                settings.publicUrl(), settings.redirectUri());
        return k;
    }

    public int port() {
        return server.port();
    }

    public Accounts accounts() {
        return accounts;
    }

    /** Operators of the admin UI. */
    public Users users() {
        return users;
    }

    public Routes routes() {
        return routes;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        server.stop(); // first: no event is taken after the delivery loops stop
        intake.stop();
        dispatcher.close();
        if (scheduler != null) {
            scheduler.stop();
        }
        database.close();
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}

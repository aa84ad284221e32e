package dev.keyway.web.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.account.Sessions;
import dev.keyway.account.SignInThrottle;
import dev.keyway.account.Users;
import dev.keyway.connect.ConnectFlow;
import dev.keyway.connection.ConnectionEvents;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.ConnectionService;
import dev.keyway.connection.GrantRepository;
import dev.keyway.feed.FeedImportService;
import gg.jte.TemplateEngine;
import io.helidon.webserver.http.HttpRouting;
import java.net.URI;

/** Every route of the admin UI (called from {@code web.Routes}). Pages need a session; posts need its CSRF token. */
public final class AdminRoutes {
    private final AdminAuth auth;
    private final SignInPages signIn;
    private final ConnectionListPage list;
    private final ConnectionFormPages form;
    private final ConnectionPages connection;
    private final AdminStatic statics = new AdminStatic();
    private final Pages pages;
    private HookPages hookPages;
    private HookFormPages hookForm;
    private final ImportPages imports;
    private final ImportForm importForm;
    private final ProductsPage products;

    public AdminRoutes(Users users, Sessions sessions, SignInThrottle throttle, ConnectionService service,
                       ConnectionRepository connections, GrantRepository grants, ConnectionEvents events, ConnectFlow flow, ObjectMapper json,
                       TemplateEngine templates, URI publicUrl, URI redirectUri, FeedImportService feedImports,
                       dev.keyway.feed.Catalogue catalogue) {
        Pages pages = new Pages(templates);
        this.pages = pages;
        this.auth = new AdminAuth(sessions, pages, publicUrl);
        this.signIn = new SignInPages(users, sessions, throttle, auth, pages);
        this.list = new ConnectionListPage(service, grants, pages);
        this.form = new ConnectionFormPages(service, connections, json, pages, redirectUri);
        this.connection = new ConnectionPages(service, grants, events, flow, pages, redirectUri, feedImports);
        this.imports = new ImportPages(feedImports, service, json, pages);
        this.importForm = new ImportForm(feedImports, service, json, pages);
        this.products = new ProductsPage(catalogue, pages);
        this.connection.keys(connections.keys(), publicUrl, json);
    }

    /** The new OAuth2 form fills from provider presets and from an issuer's metadata (issue 7). */
    public AdminRoutes presets(dev.keyway.provider.Providers providers, dev.keyway.connection.Discoverer discoverer) {
        form.presets(new PresetForms(providers, discoverer));
        return this;
    }

    /** Adds Settings → Hooks (issue 5). */
    public AdminRoutes hooks(dev.keyway.hook.HookService hooks, dev.keyway.hook.HookDeliveries deliveries,
                             ConnectionService connections, ObjectMapper json) {
        this.hookPages = new HookPages(hooks, deliveries, connections, json, pages);
        this.hookForm = new HookFormPages(hooks, connections, json, pages);
        return this;
    }

    public void register(HttpRouting.Builder r) {
        if (hookPages != null) {
            registerHooks(r);
        }
        String one = "/admin/connections/{id}";
        r.get("/admin", (req, res) -> Pages.redirect(res, "/admin/connections"))
                .get("/admin/sign-in", signIn::show)
                .post("/admin/sign-in", signIn::submit)
                .post("/admin/sign-out", auth.action(signIn::signOut))
                .get("/admin/connections", auth.page(list::show))
                .get("/admin/connections/new", auth.page(form::blank))
                .post("/admin/connections", auth.action(form::create))
                .post("/admin/connections/new/discover", auth.action(form::discover))
                .get(one, auth.page(connection::show))
                .get(one + "/edit", auth.page(form::edit))
                .post(one, auth.action(form::update))
                .post(one + "/connect", auth.action(connection::connect))
                .post(one + "/disconnect", auth.action(connection::disconnect))
                .post(one + "/keys/rotate", auth.action(connection::rotateKey))
                .get(one + "/delete", auth.page(connection::confirmDelete))
                .post(one + "/delete", auth.action(connection::delete))
                .get("/admin/imports", auth.page(imports::list))
                .get("/admin/products", auth.page(products::show))
                .get("/admin/imports/new", auth.page(importForm::blank))
                .post("/admin/imports", auth.action(importForm::create))
                .get("/admin/imports/{id}", auth.page(imports::show))
                .get("/admin/imports/{id}/edit", auth.page(importForm::edit))
                .post("/admin/imports/{id}", auth.action(importForm::update))
                .post("/admin/imports/{id}/run", auth.action(imports::run))
                .post("/admin/imports/{id}/pause", auth.action(imports::pause))
                .post("/admin/imports/{id}/resume", auth.action(imports::resume))
                .post("/admin/imports/{id}/clone", auth.action(imports::cloneOf))
                .post("/admin/imports/{id}/delete", auth.action(imports::delete))
                .get("/favicon.ico", (req, res) -> res.status(io.helidon.http.Status.NO_CONTENT_204).send())
                .get("/static/admin.css", statics::css)
                .get("/static/admin.js", statics::js);
    }

    private void registerHooks(HttpRouting.Builder r) {
        String one = "/admin/hooks/{id}";
        r.get("/admin/hooks", auth.page(hookPages::list))
                .get("/admin/hooks/new", auth.page(hookForm::blank))
                .post("/admin/hooks", auth.action(hookForm::create))
                .get(one, auth.page(hookPages::show))
                .get(one + "/edit", auth.page(hookForm::edit))
                .post(one, auth.action(hookForm::update))
                .post(one + "/test", auth.action(hookPages::test))
                .post(one + "/clone", auth.action(hookPages::copy))
                .post(one + "/stop", auth.action(hookPages::stop))
                .post(one + "/start", auth.action(hookPages::start))
                .get(one + "/delete", auth.page(hookPages::confirmDelete))
                .post(one + "/delete", auth.action(hookPages::delete))
                .post(one + "/batches/{batchId}/replay", auth.action(hookPages::replay))
                .post(one + "/batches/{batchId}/discard", auth.action(hookPages::discard));
    }
}

package dev.keyway.web.admin;

import dev.keyway.account.Session;
import dev.keyway.feed.Catalogue;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Settings → Products: the account's catalogue, searched by name, 50 products a page. */
final class ProductsPage {
    static final int PER_PAGE = 50;

    private final Catalogue catalogue;
    private final Pages pages;

    ProductsPage(Catalogue catalogue, Pages pages) {
        this.catalogue = catalogue;
        this.pages = pages;
    }

    void show(ServerRequest req, ServerResponse res, Session s) {
        String q = req.query().first("q").orElse("").strip();
        q = q.length() > 200 ? q.substring(0, 200) : q;
        int offset;
        try {
            offset = Math.max(0, Math.min(10_000_000, Integer.parseInt(req.query().first("offset").orElse("0"))));
        } catch (NumberFormatException e) {
            offset = 0;
        }
        Catalogue.Page page = catalogue.products(s.user().account(), q.isEmpty() ? null : q, PER_PAGE, offset);
        pages.render(res, Status.OK_200, "products", new ProductsView(s, page, q));
    }
}

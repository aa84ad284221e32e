package dev.keyway.web.admin;

import dev.keyway.account.Session;
import dev.keyway.feed.Catalogue;

/** What the page shows: one page of products, the search, and where the page starts. */
public record ProductsView(Session session, Catalogue.Page page, String query) {
    public boolean hasPrevious() {
        return page.offset() > 0;
    }

    public boolean hasNext() {
        return page.offset() + page.items().size() < page.total();
    }

    public String link(int offset) {
        return "/admin/products?offset=" + Math.max(0, offset)
                + (query.isEmpty() ? "" : "&q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8));
    }
}

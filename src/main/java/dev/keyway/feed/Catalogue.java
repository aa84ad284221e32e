package dev.keyway.feed;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.account.AccountId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Reads an account's catalogue; every query filters on the account. Imports write it ({@link CatalogueWriter}). */
public final class Catalogue {
    /** One page of products, and how many match in all. */
    public record Page(List<Product> items, long total, int limit, int offset) { }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<Offer.Param>> PARAMS = new TypeReference<>() { };

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public Catalogue(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /** Products whose name contains {@code search} (case-insensitive; null: all), by name then id, with their SKUs. */
    public Page products(AccountId account, String search, int limit, int offset) {
        String where = " where account_id = :account" + (search == null ? "" : " and lower(name) like :pattern escape '\\'");
        return jdbi.withHandle(h -> {
            Query count = h.createQuery("select count(*) from products" + where).bind("account", account.value());
            Query page = h.createQuery("select id, name, vendor, category_id, category, url, description, pictures, created_at, "
                            + "updated_at from products" + where + " order by name, id limit :limit offset :offset")
                    .bind("account", account.value()).bind("limit", limit).bind("offset", offset);
            if (search != null) {
                String pattern = "%" + search.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_") + "%";
                count.bind("pattern", pattern);
                page.bind("pattern", pattern);
            }
            long total = count.mapTo(Long.class).one();
            Map<String, Product> products = new LinkedHashMap<>();
            page.map((rs, ctx) -> product(rs)).forEach(p -> products.put(p.id(), p));
            if (products.isEmpty()) {
                return new Page(List.of(), total, limit, offset);
            }
            Map<String, List<Sku>> skus = new LinkedHashMap<>();
            h.createQuery("select * from skus where account_id = :account and product_id in (<ids>) order by product_id, id")
                    .bind("account", account.value()).bindList("ids", new ArrayList<>(products.keySet()))
                    .map((rs, ctx) -> sku(rs)).forEach(s -> skus.computeIfAbsent(s.productId(), k -> new ArrayList<>()).add(s));
            List<Product> items = products.values().stream().map(p -> new Product(p.id(), p.name(), p.vendor(), p.categoryId(),
                    p.category(), p.url(), p.description(), p.pictures(), p.createdAt(), p.updatedAt(),
                    List.copyOf(skus.getOrDefault(p.id(), List.of())))).toList();
            return new Page(items, total, limit, offset);
        });
    }

    private Product product(ResultSet rs) throws SQLException {
        return new Product(rs.getString("id"), rs.getString("name"), rs.getString("vendor"), rs.getString("category_id"),
                rs.getString("category"), rs.getString("url"), rs.getString("description"), read(rs.getString("pictures"), STRINGS),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), List.of());
    }

    private Sku sku(ResultSet rs) throws SQLException {
        return new Sku(rs.getString("id"), rs.getString("product_id"), rs.getString("import_id"), rs.getString("name"),
                plain(rs.getBigDecimal("price")), plain(rs.getBigDecimal("old_price")), rs.getString("currency"), rs.getString("category_id"),
                rs.getBoolean("available"), rs.getString("url"), rs.getString("vendor"), rs.getString("vendor_code"),
                rs.getString("description"), read(rs.getString("pictures"), STRINGS), read(rs.getString("params"), PARAMS),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static java.math.BigDecimal plain(java.math.BigDecimal d) {
        if (d == null) {
            return null;
        }
        java.math.BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

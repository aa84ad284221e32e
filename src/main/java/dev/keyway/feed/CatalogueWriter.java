package dev.keyway.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.account.AccountId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes one run's offers into the catalogue on the run's handle (one transaction), in batches: a
 * SKU whose content hash is the same is unchanged (only marked as seen by this run); products are
 * written by the first offer of their group in a run. {@link #finish} makes the import's SKUs that
 * the feed no longer holds unavailable. In {@link ImportMode#SKUS_ONLY} the products are not
 * touched and an offer of a product not in the catalogue is rejected.
 */
final class CatalogueWriter implements YmlParser.Sink {
    static final int BATCH = 500;
    private static final String GONE = "gone";

    private record Existing(String hash, String seenRun) { }

    private final Handle h;
    private final AccountId account;
    private final ImportId importId;
    private final RunId run;
    private final ImportMode mode;
    private final Instant now;
    private final ObjectMapper json;
    private final Counts counts = new Counts();
    private final List<Offer> pending = new ArrayList<>(BATCH);

    CatalogueWriter(Handle h, AccountId account, ImportId importId, RunId run, ImportMode mode, Instant now, ObjectMapper json) {
        this.h = h;
        this.account = account;
        this.importId = importId;
        this.run = run;
        this.mode = mode;
        this.now = now;
        this.json = json;
    }

    Counts counts() {
        return counts;
    }

    @Override
    public void offer(Offer offer) {
        counts.read++;
        pending.add(offer);
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    @Override
    public void reject(String offerId, String reason) {
        counts.read++;
        counts.reject(offerId, reason);
    }

    /** Writes what is pending and makes the SKUs gone from the feed unavailable. */
    void finish() {
        flush();
        counts.madeUnavailable = h.createUpdate("update skus set available = false, content_hash = :gone, updated_at = :now "
                        + "where account_id = :account and import_id = :import and (seen_run is null or seen_run <> :run) "
                        + "and available = true")
                .bind("gone", GONE).bind("now", now).bind("account", account.value()).bind("import", importId.value())
                .bind("run", run.value()).execute();
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Existing> skus = existing("skus", pending.stream().map(Offer::id).toList());
        Map<String, Existing> products = existing("products", pending.stream().map(Offer::productId).distinct().toList());
        PreparedBatch insertProduct = h.prepareBatch("insert into products (account_id, id, name, vendor, category_id, category, "
                + "url, description, pictures, content_hash, seen_run, created_at, updated_at) values (:account, :id, :name, "
                + ":vendor, :categoryId, :category, :url, :description, :pictures, :hash, :run, :now, :now)");
        PreparedBatch updateProduct = h.prepareBatch("update products set name = :name, vendor = :vendor, category_id = :categoryId, "
                + "category = :category, url = :url, description = :description, pictures = :pictures, content_hash = :hash, "
                + "seen_run = :run, updated_at = :now where account_id = :account and id = :id");
        PreparedBatch insertSku = h.prepareBatch("insert into skus (account_id, id, product_id, import_id, name, price, old_price, "
                + "currency, category_id, available, url, vendor, vendor_code, description, pictures, params, content_hash, "
                + "seen_run, created_at, updated_at) values (:account, :id, :productId, :import, :name, :price, :oldPrice, "
                + ":currency, :categoryId, :available, :url, :vendor, :vendorCode, :description, :pictures, :params, :hash, "
                + ":run, :now, :now)");
        PreparedBatch updateSku = h.prepareBatch("update skus set product_id = :productId, import_id = :import, name = :name, "
                + "price = :price, old_price = :oldPrice, currency = :currency, category_id = :categoryId, available = :available, "
                + "url = :url, vendor = :vendor, vendor_code = :vendorCode, description = :description, pictures = :pictures, "
                + "params = :params, content_hash = :hash, seen_run = :run, updated_at = :now where account_id = :account and id = :id");
        PreparedBatch seenSku = h.prepareBatch("update skus set seen_run = :run, import_id = :import "
                + "where account_id = :account and id = :id");
        Set<String> inBatch = new HashSet<>();
        for (Offer o : pending) {
            Existing sku = skus.get(o.id());
            if (!inBatch.add(o.id()) || (sku != null && run.value().equals(sku.seenRun()))) {
                counts.reject(o.id(), "duplicate offer id");
                continue;
            }
            Existing product = products.get(o.productId());
            if (mode == ImportMode.SKUS_ONLY) {
                if (product == null) {
                    counts.reject(o.id(), "its product " + o.productId() + " is not in the catalogue (the import updates SKUs only)");
                    continue;
                }
            } else if (product == null || !run.value().equals(product.seenRun())) {
                String hash = productHash(o);
                if (product == null) {
                    bindProduct(insertProduct, o, hash).add();
                } else if (!product.hash().equals(hash)) {
                    bindProduct(updateProduct, o, hash).add();
                }
                products.put(o.productId(), new Existing(hash, run.value()));
            }
            String hash = skuHash(o);
            if (sku == null) {
                bindSku(insertSku, o, hash).add();
                counts.created++;
            } else if (sku.hash().equals(hash)) {
                seenSku.bind("run", run.value()).bind("import", importId.value()).bind("account", account.value())
                        .bind("id", o.id()).add();
                counts.unchanged++;
            } else {
                bindSku(updateSku, o, hash).add();
                counts.updated++;
            }
        }
        for (PreparedBatch b : List.of(insertProduct, updateProduct, insertSku, updateSku, seenSku)) {
            if (b.size() > 0) {
                b.execute();
            }
        }
        pending.clear();
    }

    private Map<String, Existing> existing(String table, List<String> ids) {
        Map<String, Existing> found = new HashMap<>();
        h.createQuery("select id, content_hash, seen_run from " + table + " where account_id = :account and id in (<ids>)")
                .bind("account", account.value()).bindList("ids", ids)
                .map((rs, ctx) -> new Object[] {rs.getString(1), new Existing(rs.getString(2), rs.getString(3))})
                .forEach(row -> found.put((String) row[0], (Existing) row[1]));
        return found;
    }

    private PreparedBatch bindProduct(PreparedBatch b, Offer o, String hash) {
        return b.bind("account", account.value()).bind("id", o.productId()).bind("name", o.name()).bind("vendor", o.vendor())
                .bind("categoryId", o.categoryId()).bind("category", o.category()).bind("url", o.url())
                .bind("description", o.description()).bind("pictures", write(o.pictures())).bind("hash", hash)
                .bind("run", run.value()).bind("now", now);
    }

    private PreparedBatch bindSku(PreparedBatch b, Offer o, String hash) {
        return b.bind("account", account.value()).bind("id", o.id()).bind("productId", o.productId())
                .bind("import", importId.value()).bind("name", o.name()).bind("price", o.price())
                .bind("oldPrice", o.oldPrice()).bind("currency", o.currency()).bind("categoryId", o.categoryId())
                .bind("available", o.available()).bind("url", o.url()).bind("vendor", o.vendor())
                .bind("vendorCode", o.vendorCode()).bind("description", o.description())
                .bind("pictures", write(o.pictures())).bind("params", write(o.params())).bind("hash", hash)
                .bind("run", run.value()).bind("now", now);
    }

    private String productHash(Offer o) {
        return hash(o.name(), o.vendor(), o.categoryId(), o.category(), o.url(), o.description(), write(o.pictures()));
    }

    private String skuHash(Offer o) {
        return hash(o.productId(), o.name(), plain(o.price()), plain(o.oldPrice()), o.currency(), o.categoryId(),
                Boolean.toString(o.available()), o.url(), o.vendor(), o.vendorCode(), o.description(), write(o.pictures()),
                write(o.params()));
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros().toPlainString();
    }

    private static String hash(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                sha.update(Objects.toString(p, "\u0000null").getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0x1f);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

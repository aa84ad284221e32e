package dev.keyway.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Stages one run's offers, as they are parsed, into the connection's temporary tables
 * ({@link CatalogueMerge#STAGE}) in large JDBC batches, each committed on its own: the catalogue is
 * not touched while the feed is read, and nothing of the feed is held in memory but one batch (the
 * staging transaction is committed every {@link #COMMIT_EVERY} offers: each commit writes H2's pages). Each
 * staged offer carries a content hash, so that the merge writes only what changed. A repeated offer
 * id is rejected (the first one wins); a product is staged by the first offer of its group.
 */
final class CatalogueWriter implements YmlParser.Sink {
    static final int BATCH = 1000;
    static final int COMMIT_EVERY = 25_000;

    private final ImportMode mode;
    private final ObjectMapper json;
    private final Counts counts = new Counts();
    private final List<Offer> pending = new ArrayList<>(BATCH);
    private final PreparedStatement skus;
    private final PreparedStatement products;
    private final Connection db;
    private final MessageDigest sha;
    private int seq;
    private String lastProduct;

    CatalogueWriter(Connection db, ImportMode mode, ObjectMapper json) {
        this.mode = mode;
        this.json = json;
        this.db = db;
        try {
            db.setAutoCommit(false);
            this.skus = db.prepareStatement("insert into staged_skus (seq, id, product_id, name, price, old_price, currency, "
                    + "category_id, available, url, vendor, vendor_code, description, pictures, params, content_hash) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing");
            this.products = db.prepareStatement("insert into staged_products (id, name, vendor, category_id, category, url, "
                    + "description, pictures, content_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    /** Stages what is pending and commits; the staged feed is then complete (the connection is back in auto-commit). */
    void finish() {
        flush();
        try {
            skus.close();
            products.close();
            db.commit();
            db.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            for (Offer o : pending) {
                String pictures = write(o.pictures());
                skus.setInt(1, seq++);
                skus.setString(2, o.id());
                skus.setString(3, o.productId());
                skus.setString(4, o.name());
                skus.setBigDecimal(5, o.price());
                setDecimal(6, o.oldPrice());
                skus.setString(7, o.currency());
                skus.setString(8, o.categoryId());
                skus.setBoolean(9, o.available());
                skus.setString(10, o.url());
                skus.setString(11, o.vendor());
                skus.setString(12, o.vendorCode());
                skus.setString(13, o.description());
                skus.setString(14, pictures);
                String params = write(o.params());
                skus.setString(15, params);
                skus.setString(16, hash(o.productId(), o.name(), plain(o.price()), plain(o.oldPrice()), o.currency(),
                        o.categoryId(), Boolean.toString(o.available()), o.url(), o.vendor(), o.vendorCode(), o.description(),
                        pictures, params));
                skus.addBatch();
            }
            int[] staged = skus.executeBatch();
            boolean anyProduct = false;
            for (int i = 0; i < staged.length; i++) {
                Offer o = pending.get(i);
                if (staged[i] == 0) {
                    counts.reject(o.id(), "duplicate offer id");
                } else if (mode == ImportMode.PRODUCTS_AND_SKUS && !o.productId().equals(lastProduct)) {
                    stageProduct(o);
                    anyProduct = true;
                }
            }
            if (anyProduct) {
                products.executeBatch();
            }
            if (seq % COMMIT_EVERY < pending.size()) {
                db.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("staging the feed's offers failed", e);
        } finally {
            pending.clear();
        }
    }

    /** After a failed run: drops the uncommitted staging and puts the connection back in auto-commit. */
    static void abandon(Connection db) {
        try {
            if (!db.getAutoCommit()) {
                db.rollback();
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void stageProduct(Offer o) throws SQLException {
        lastProduct = o.productId();
        String pictures = write(o.pictures());
        products.setString(1, o.productId());
        products.setString(2, o.name());
        products.setString(3, o.vendor());
        products.setString(4, o.categoryId());
        products.setString(5, o.category());
        products.setString(6, o.url());
        products.setString(7, o.description());
        products.setString(8, pictures);
        products.setString(9, hash(o.name(), o.vendor(), o.categoryId(), o.category(), o.url(), o.description(), pictures));
        products.addBatch();
    }

    private void setDecimal(int index, BigDecimal value) throws SQLException {
        if (value == null) {
            skus.setNull(index, Types.NUMERIC);
        } else {
            skus.setBigDecimal(index, value);
        }
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros().toPlainString();
    }

    private String hash(String... parts) {
        for (String p : parts) {
            sha.update(Objects.toString(p, "\u0000null").getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0x1f);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.keyway.feed;

import dev.keyway.account.AccountId;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The staging tables of a run and the set-based merge of what they hold into the catalogue, in
 * the caller's one short transaction: products and SKUs new to the catalogue are inserted, those
 * whose content hash differs are updated, unchanged ones are not written at all, and the import's
 * SKUs no longer in the feed become unavailable. The staging tables are temporary tables of the
 * run's database connection (H2 and PostgreSQL): they never reach other connections, and a crash
 * drops them with the connection.
 */
final class CatalogueMerge {
    /**
     * Creates the (empty) staging tables on the run's connection. On H2 they are "cached" (kept on
     * disk like other tables; its default keeps temporary tables' indexes in the heap: ~110 bytes per
     * offer); PostgreSQL's temporary tables are on disk already and do not take the word.
     */
    static List<String> stage(boolean h2) {
        String create = h2 ? "create cached local temporary table " : "create local temporary table ";
        return List.of(
                "drop table if exists staged_skus",
                "drop table if exists staged_products",
                create + "staged_skus (seq integer not null, id varchar(200) primary key, "
                        + "product_id varchar(200) not null, name varchar(2000) not null, price numeric(19, 4) not null, "
                        + "old_price numeric(19, 4), currency varchar(10), category_id varchar(200), available boolean not null, "
                        + "url varchar(4000), vendor varchar(500), vendor_code varchar(500), description text, "
                        + "pictures text not null, params text not null, content_hash varchar(64) not null)",
                create + "staged_products (id varchar(200) primary key, name varchar(2000) not null, "
                        + "vendor varchar(500), category_id varchar(200), category varchar(500), url varchar(4000), "
                        + "description text, pictures text not null, content_hash varchar(64) not null)");
    }

    static final List<String> UNSTAGE = List.of("drop table if exists staged_skus", "drop table if exists staged_products");

    private static final String GONE = "gone";
    private static final String SKU_VALUES = "s.product_id, :import, s.name, s.price, s.old_price, s.currency, s.category_id, "
            + "s.available, s.url, s.vendor, s.vendor_code, s.description, s.pictures, s.params, s.content_hash";
    private static final String SKU_COLUMNS = "product_id, import_id, name, price, old_price, currency, category_id, available, "
            + "url, vendor, vendor_code, description, pictures, params, content_hash";
    private static final String PRODUCT_VALUES = "s.name, s.vendor, s.category_id, s.category, s.url, s.description, s.pictures, "
            + "s.content_hash";
    private static final String PRODUCT_COLUMNS = "name, vendor, category_id, category, url, description, pictures, content_hash";

    private CatalogueMerge() {
    }

    /**
     * Merges the staged feed into the account's catalogue on {@code h} (in its transaction); adds to
     * {@code counts}. One pass over the staged SKUs first counts what each statement would do, and a
     * statement with nothing to do is not run: a first import is a straight {@code insert … select}
     * (no lookups of existing rows, no update pass, no pass for gone SKUs); an unchanged feed writes
     * nothing. On H2, inserts take its {@code direct} hint: rows go to the table as they are selected
     * instead of being buffered first (1.3–1.7 x faster at 200,000 rows).
     */
    static void merge(Handle h, boolean h2, AccountId account, ImportId importId, RunId run, ImportMode mode, Instant now,
                      Counts counts) {
        String select = h2 ? "direct select " : "select ";
        if (mode == ImportMode.PRODUCTS_AND_SKUS) {
            mergeProducts(h, select, account, run, now);
        } else {
            rejectOrphans(h, account, counts);
        }
        boolean first = none(h, "skus", account);
        long[] c = first ? emptyCatalogue(h, "staged_skus") : h.createQuery("select count(*), count(k.id), "
                        + "coalesce(sum(case when k.content_hash = s.content_hash then 1 else 0 end), 0), "
                        + "coalesce(sum(case when k.id is not null and (k.content_hash <> s.content_hash or k.import_id is null "
                        + "or k.import_id <> :import) then 1 else 0 end), 0), "
                        + "coalesce(sum(case when k.import_id = :import and k.available = true then 1 else 0 end), 0) "
                        + "from staged_skus s left join skus k on k.account_id = :account and k.id = s.id")
                .bind("account", account.value()).bind("import", importId.value())
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)}).one();
        counts.created += (int) (c[0] - c[1]);
        counts.unchanged += (int) c[2];
        counts.updated += (int) (c[1] - c[2]);
        long availableOfImport = first ? 0 : h.createQuery("select count(*) from skus where account_id = :account "
                        + "and import_id = :import and available = true")
                .bind("account", account.value()).bind("import", importId.value()).mapTo(Long.class).one();
        if (c[0] > c[1]) {
            h.createUpdate("insert into skus (account_id, id, " + SKU_COLUMNS + ", seen_run, created_at, updated_at) "
                            + select + ":account, s.id, " + SKU_VALUES + ", :run, :now, :now from staged_skus s"
                            + (c[1] == 0 ? "" : " where not exists (select 1 from skus k where k.account_id = :account and k.id = s.id)"))
                    .bind("account", account.value()).bind("import", importId.value()).bind("run", run.value()).bind("now", now)
                    .execute();
        }
        if (c[3] > 0) {
            h.createUpdate("update skus k set (" + SKU_COLUMNS + ") = (select " + SKU_VALUES + " from staged_skus s where s.id = k.id), "
                            + "seen_run = :run, updated_at = :now where k.account_id = :account and exists (select 1 from staged_skus s "
                            + "where s.id = k.id and (s.content_hash <> k.content_hash or k.import_id is null or k.import_id <> :import))")
                    .bind("account", account.value()).bind("import", importId.value()).bind("run", run.value()).bind("now", now)
                    .execute();
        }
        // the import's available SKUs that are not in the staged feed: all of them minus those the count above met
        counts.madeUnavailable = availableOfImport == c[4] ? 0 : h.createUpdate("update skus set available = false, "
                        + "content_hash = :gone, updated_at = :now where account_id = :account and import_id = :import "
                        + "and available = true and not exists (select 1 from staged_skus s where s.id = skus.id)")
                .bind("gone", GONE).bind("now", now).bind("account", account.value()).bind("import", importId.value()).execute();
    }

    private static void mergeProducts(Handle h, String select, AccountId account, RunId run, Instant now) {
        long[] c = none(h, "products", account) ? emptyCatalogue(h, "staged_products") : h.createQuery("select count(*), "
                        + "count(p.id), coalesce(sum(case when p.content_hash <> s.content_hash then 1 else 0 end), 0) "
                        + "from staged_products s left join products p on p.account_id = :account and p.id = s.id")
                .bind("account", account.value()).map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).one();
        if (c[0] > c[1]) {
            h.createUpdate("insert into products (account_id, id, " + PRODUCT_COLUMNS + ", seen_run, created_at, updated_at) "
                            + select + ":account, s.id, " + PRODUCT_VALUES + ", :run, :now, :now from staged_products s"
                            + (c[1] == 0 ? "" : " where not exists (select 1 from products p where p.account_id = :account and p.id = s.id)"))
                    .bind("account", account.value()).bind("run", run.value()).bind("now", now).execute();
        }
        if (c[2] > 0) {
            h.createUpdate("update products p set (" + PRODUCT_COLUMNS + ") = (select " + PRODUCT_VALUES + " from staged_products s "
                            + "where s.id = p.id), seen_run = :run, updated_at = :now where p.account_id = :account and exists "
                            + "(select 1 from staged_products s where s.id = p.id and s.content_hash <> p.content_hash)")
                    .bind("account", account.value()).bind("run", run.value()).bind("now", now).execute();
        }
    }

    /** Whether the account has no rows in {@code table} (a first import: no existing row to look up). */
    private static boolean none(Handle h, String table, AccountId account) {
        return h.createQuery("select 1 from " + table + " where account_id = :account limit 1").bind("account", account.value())
                .mapTo(Integer.class).findOne().isEmpty();
    }

    /** The counts of the merge's first pass when nothing staged exists yet: every staged row is new. */
    private static long[] emptyCatalogue(Handle h, String staged) {
        return new long[] {h.createQuery("select count(*) from " + staged).mapTo(Long.class).one(), 0, 0, 0, 0};
    }

    /** Only SKUs: an offer of a product not in the catalogue is rejected (and unstaged). */
    private static void rejectOrphans(Handle h, AccountId account, Counts counts) {
        String orphan = "not exists (select 1 from products p where p.account_id = :account and p.id = s.product_id)";
        h.createQuery("select s.id, s.product_id from staged_skus s where " + orphan + " order by s.seq")
                .bind("account", account.value())
                .map((rs, ctx) -> {
                    counts.reject(rs.getString(1), "its product " + rs.getString(2)
                            + " is not in the catalogue (the import updates SKUs only)");
                    return 0;
                }).forEach(ignored -> { });
        h.createUpdate("delete from staged_skus s where " + orphan).bind("account", account.value()).execute();
    }
}

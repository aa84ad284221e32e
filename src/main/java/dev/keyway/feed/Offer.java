package dev.keyway.feed;

import java.math.BigDecimal;
import java.util.List;

/**
 * One valid offer of a YML feed: a SKU of the product {@link #productId()} (its {@code group_id},
 * or its own id when it has none).
 */
public record Offer(String id, String productId, String name, BigDecimal price, BigDecimal oldPrice, String currency,
                    String categoryId, String category, boolean available, String url, String vendor, String vendorCode,
                    String description, List<String> pictures, List<Param> params) {

    /** A {@code <param name="…" unit="…">value</param>}. */
    public record Param(String name, String unit, String value) { }

    public Offer {
        pictures = List.copyOf(pictures);
        params = List.copyOf(params);
    }
}

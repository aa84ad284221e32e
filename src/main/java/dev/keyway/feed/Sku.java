package dev.keyway.feed;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One offer of a product: price, availability and the offer's own details. */
public record Sku(String id, String productId, String importId, String name, BigDecimal price, BigDecimal oldPrice,
                  String currency, String categoryId, boolean available, String url, String vendor, String vendorCode,
                  String description, List<String> pictures, List<Offer.Param> params, Instant createdAt, Instant updatedAt) { }

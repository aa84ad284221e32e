package dev.keyway.feed;

import java.time.Instant;
import java.util.List;

/** A product of an account's catalogue with its SKUs (the offers of its group). */
public record Product(String id, String name, String vendor, String categoryId, String category, String url,
                      String description, List<String> pictures, Instant createdAt, Instant updatedAt, List<Sku> skus) { }

package dev.keyway.feed;

import java.util.Arrays;
import java.util.Optional;

/** What an import writes: products and their SKUs, or only the SKUs of products already in the catalogue. */
public enum ImportMode {
    PRODUCTS_AND_SKUS, SKUS_ONLY;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<ImportMode> fromWire(String s) {
        return Arrays.stream(values()).filter(m -> m.wire().equals(s)).findFirst();
    }
}

package dev.keyway.store;

import java.sql.Timestamp;
import java.time.Instant;

/** Reading column values the same way in every repository. */
public final class Rows {
    private Rows() {
    }

    public static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

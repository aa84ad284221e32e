package dev.keyway.store;

import dev.keyway.crypto.SecretBox;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Re-seals every stored secret under the keyset's current primary key (after a rotation). */
public final class Reencryption {
    /** A sealed column: table, key column (also the associated data), value column; {@code row}: a unique column. */
    private record Column(String table, String key, String value, String row) {
        Column(String table, String key, String value) {
            this(table, key, value, key);
        }
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("connections", "id", "client_secret"),
            new Column("grants", "connection_id", "access_token"),
            new Column("grants", "connection_id", "refresh_token"),
            new Column("grants", "connection_id", "extra"),
            new Column("connect_attempts", "id", "pkce_verifier"),
            new Column("connection_keys", "connection_id", "private_jwk", "jwks_id"));

    private Reencryption() {
    }

    /** Returns how many values were re-sealed. */
    public static int run(Jdbi jdbi, SecretBox box) {
        return jdbi.inTransaction(h -> COLUMNS.stream().mapToInt(c -> reseal(h, box, c)).sum());
    }

    private static int reseal(Handle h, SecretBox box, Column c) {
        var rows = h.createQuery("select " + c.key() + " as k, " + c.value() + " as v, " + c.row() + " as r from "
                        + c.table() + " where " + c.value() + " is not null")
                .map((rs, ctx) -> new Object[] {rs.getString("k"), rs.getBytes("v"), rs.getString("r")}).list();
        int count = 0;
        for (Object[] row : rows) {
            String owner = (String) row[0];
            byte[] sealed = (byte[]) row[1];
            if (box.isUnderPrimary(sealed)) {
                continue;
            }
            byte[] fresh = box.seal(box.open(sealed, owner), owner);
            h.createUpdate("update " + c.table() + " set " + c.value() + " = :v where " + c.row() + " = :r")
                    .bind("v", fresh).bind("r", (String) row[2]).execute();
            count++;
        }
        return count;
    }
}

package dev.keyway.feed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@link StagingInsert} as one JDBC batch of single-row inserts (H2 runs a batch in-process). */
final class BatchInsert implements StagingInsert {
    private final PreparedStatement statement;

    BatchInsert(Connection db, String table, List<String> columns) throws SQLException {
        this.statement = db.prepareStatement("insert into " + table + " (" + String.join(", ", columns) + ") values ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ") on conflict do nothing");
    }

    @Override
    public Set<Object> insert(List<Object[]> rows) throws SQLException {
        for (Object[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (row[c] == null) {
                    statement.setNull(c + 1, Types.NULL);
                } else {
                    statement.setObject(c + 1, row[c]);
                }
            }
            statement.addBatch();
        }
        int[] counts = statement.executeBatch();
        Set<Object> inserted = new HashSet<>();
        for (int r = 0; r < counts.length; r++) {
            if (counts[r] != 0) {
                inserted.add(rows.get(r)[0]);
            }
        }
        return inserted;
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}

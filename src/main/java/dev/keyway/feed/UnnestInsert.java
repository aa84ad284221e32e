package dev.keyway.feed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's fast path for staging: one batch of rows in one statement, {@code insert … select *
 * from unnest(?::type[], …) on conflict do nothing returning <first column>}, one array per column
 * (a JDBC batch sends one insert per row). Rows are inserted in order, so of two rows with the same
 * key the first one wins, in the batch as across batches; the answer is the first column of the
 * rows inserted.
 */
final class UnnestInsert implements StagingInsert {
    private final Connection db;
    private final String[] types;
    private final PreparedStatement statement;

    /** {@code columns} and their PostgreSQL {@code types} (int4, varchar, numeric, bool, text), in the same order. */
    UnnestInsert(Connection db, String table, List<String> columns, List<String> types) throws SQLException {
        this.db = db;
        this.types = types.toArray(String[]::new);
        StringBuilder arrays = new StringBuilder();
        for (String type : types) {
            arrays.append(arrays.isEmpty() ? "" : ", ").append("?::").append(type).append("[]");
        }
        this.statement = db.prepareStatement("insert into " + table + " (" + String.join(", ", columns) + ") select * from unnest("
                + arrays + ") on conflict do nothing returning " + columns.getFirst());
    }

    /** Inserts {@code rows} (each one value per column) and answers the first column of those inserted. */
    @Override
    public Set<Object> insert(List<Object[]> rows) throws SQLException {
        for (int c = 0; c < types.length; c++) {
            Object[] column = new Object[rows.size()];
            for (int r = 0; r < column.length; r++) {
                column[r] = rows.get(r)[c];
            }
            statement.setArray(c + 1, db.createArrayOf(types[c], column));
        }
        Set<Object> inserted = new HashSet<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                inserted.add(rs.getObject(1));
            }
        }
        return inserted;
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}

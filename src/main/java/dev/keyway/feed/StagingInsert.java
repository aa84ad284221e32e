package dev.keyway.feed;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Inserts a batch of rows into a staging table, {@code on conflict do nothing} (the first row of a
 * key wins), and answers the first column of the rows inserted: one statement per batch on
 * PostgreSQL ({@link UnnestInsert}), a JDBC batch elsewhere ({@link BatchInsert}).
 */
interface StagingInsert extends AutoCloseable {
    Set<Object> insert(List<Object[]> rows) throws SQLException;

    @Override
    void close() throws SQLException;

    /** {@code types} are PostgreSQL's names of the columns' types (int4, varchar, numeric, bool, text). */
    static StagingInsert of(Connection db, boolean postgres, String table, List<String> columns, List<String> types)
            throws SQLException {
        return postgres ? new UnnestInsert(db, table, columns, types) : new BatchInsert(db, table, columns);
    }
}

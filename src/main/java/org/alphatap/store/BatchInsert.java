package org.alphatap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;

/**
 * Bulk insertion into one table: a prepared INSERT, executed in batches. Missing values (NaN,
 * null) become SQL NULL, so the published tables never hold NaN.
 */
public final class BatchInsert implements AutoCloseable {
    private static final int BATCH = 5_000;

    private final PreparedStatement statement;
    private int column;
    private int pending;
    private long rows;

    public BatchInsert(Connection c, String table, String... columns) throws SQLException {
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.length, "?")) + ")";
        statement = c.prepareStatement(sql);
    }

    public BatchInsert real(double v) throws SQLException {
        if (Double.isNaN(v)) {
            statement.setNull(++column, Types.DOUBLE);
        } else {
            statement.setDouble(++column, v);
        }
        return this;
    }

    public BatchInsert real32(double v) throws SQLException {
        if (Double.isNaN(v)) {
            statement.setNull(++column, Types.REAL);
        } else {
            statement.setFloat(++column, (float) v);
        }
        return this;
    }

    /** A long, or NULL when {@code present} is false. */
    public BatchInsert id(long v, boolean present) throws SQLException {
        if (present) {
            statement.setLong(++column, v);
        } else {
            statement.setNull(++column, Types.BIGINT);
        }
        return this;
    }

    public BatchInsert integer(int v) throws SQLException {
        statement.setInt(++column, v);
        return this;
    }

    /** An integer, or NULL when {@code v} is null. */
    public BatchInsert integer(Integer v) throws SQLException {
        if (v == null) {
            statement.setNull(++column, Types.INTEGER);
        } else {
            statement.setInt(++column, v);
        }
        return this;
    }

    public BatchInsert bool(boolean v) throws SQLException {
        statement.setBoolean(++column, v);
        return this;
    }

    public BatchInsert text(String v) throws SQLException {
        statement.setString(++column, v);
        return this;
    }

    /** Ends the current row. */
    public void row() throws SQLException {
        statement.addBatch();
        column = 0;
        rows++;
        if (++pending == BATCH) {
            statement.executeBatch();
            pending = 0;
        }
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        try {
            if (pending > 0) {
                statement.executeBatch();
            }
        } finally {
            statement.close();
        }
    }
}

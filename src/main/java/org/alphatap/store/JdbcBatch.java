package org.alphatap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;

/** Rows through a prepared INSERT, executed in batches: the way into H2. */
final class JdbcBatch extends TableRows {
    private static final int BATCH = 5_000;

    private final PreparedStatement statement;
    private int column;
    private int pending;

    JdbcBatch(Connection c, String table, String... columns) throws SQLException {
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.length, "?")) + ")";
        statement = c.prepareStatement(sql);
    }

    @Override
    public TableRows real(double v) throws SQLException {
        if (Double.isNaN(v)) {
            statement.setNull(++column, Types.DOUBLE);
        } else {
            statement.setDouble(++column, v);
        }
        return this;
    }

    @Override
    public TableRows real32(double v) throws SQLException {
        if (Double.isNaN(v)) {
            statement.setNull(++column, Types.REAL);
        } else {
            statement.setFloat(++column, (float) v);
        }
        return this;
    }

    @Override
    public TableRows id(long v, boolean present) throws SQLException {
        if (present) {
            statement.setLong(++column, v);
        } else {
            statement.setNull(++column, Types.BIGINT);
        }
        return this;
    }

    @Override
    public TableRows integer(int v) throws SQLException {
        statement.setInt(++column, v);
        return this;
    }

    @Override
    public TableRows integer(Integer v) throws SQLException {
        if (v == null) {
            statement.setNull(++column, Types.INTEGER);
        } else {
            statement.setInt(++column, v);
        }
        return this;
    }

    @Override
    public TableRows bool(boolean v) throws SQLException {
        statement.setShort(++column, (short) (v ? 1 : 0));
        return this;
    }

    @Override
    public TableRows text(String v) throws SQLException {
        statement.setString(++column, v);
        return this;
    }

    @Override
    protected void endRow() throws SQLException {
        statement.addBatch();
        column = 0;
        if (++pending == BATCH) {
            statement.executeBatch();
            pending = 0;
        }
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

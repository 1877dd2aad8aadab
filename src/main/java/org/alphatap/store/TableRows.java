package org.alphatap.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * Rows written into one table, value by value, then {@link #row()}: a build's way of filling a
 * table on either engine. Missing values (NaN, null) become SQL NULL, so the published tables never
 * hold NaN. On PostgreSQL the rows stream through COPY, on H2 through batched INSERTs.
 */
public abstract class TableRows implements AutoCloseable {
    private long rows;

    /** Rows for {@code table}, one value per column in the order given. */
    public static TableRows into(Connection c, String table, String... columns) throws SQLException {
        if (c.isWrapperFor(PGConnection.class)) {
            return new PostgresCopy(c, table, columns);
        }
        return new JdbcBatch(c, table, columns);
    }

    /** A double, or NULL for NaN. */
    public abstract TableRows real(double v) throws SQLException;

    /** A double stored as a float (REAL), or NULL for NaN. */
    public abstract TableRows real32(double v) throws SQLException;

    /** A long, or NULL when {@code present} is false. */
    public abstract TableRows id(long v, boolean present) throws SQLException;

    public abstract TableRows integer(int v) throws SQLException;

    /** An integer, or NULL when {@code v} is null. */
    public abstract TableRows integer(Integer v) throws SQLException;

    /** A yes/no value as SMALLINT 1/0 (ADQL has no boolean). */
    public abstract TableRows bool(boolean v) throws SQLException;

    /** A string, or NULL. */
    public abstract TableRows text(String v) throws SQLException;

    /** Ends the current row. */
    public void row() throws SQLException {
        endRow();
        rows++;
    }

    protected abstract void endRow() throws SQLException;

    public long rows() {
        return rows;
    }

    @Override
    public abstract void close() throws SQLException;
}

package org.alphatap.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows through PostgreSQL's COPY in its binary format, sent in blocks of about a megabyte. Each
 * value is written in its column's own binary type, read from the table first (a long for an
 * INTEGER column goes as four bytes): no number is formatted as text and parsed again, which at
 * full scale is most of a text COPY's time on both sides.
 */
final class PostgresCopy extends TableRows {
    private static final int BLOCK = 1 << 20;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private final String table;
    private final String[] columns;
    /** The java.sql.Types of each column. */
    private final int[] types;
    private final CopyIn copy;
    /** A block, with room past its flushing point for the longest row of numbers. */
    private final ByteBuffer block = ByteBuffer.allocate(BLOCK + (1 << 16));
    private int column;

    PostgresCopy(Connection c, String table, String... columns) throws SQLException {
        this.table = table;
        this.columns = columns;
        this.types = new int[columns.length];
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table + " WHERE false")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 0; i < columns.length; i++) {
                types[i] = md.getColumnType(i + 1);
            }
        }
        copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + String.join(", ", columns)
                + ") FROM STDIN (FORMAT binary)");
        block.put(SIGNATURE).putInt(0).putInt(0);
    }

    private SQLException mismatch(String what) {
        return new SQLException("column " + columns[column] + " of " + table + " (java.sql.Types " + types[column]
                + ") cannot hold " + what);
    }

    /** Begins a value; the first of a row is preceded by the row's field count. */
    private void startValue() {
        if (column == 0) {
            block.putShort((short) columns.length);
        }
    }

    private TableRows nothing() {
        startValue();
        block.putInt(-1);
        column++;
        return this;
    }

    /** An integer value in the column's integer type. */
    private TableRows whole(long v) throws SQLException {
        startValue();
        switch (types[column]) {
            case Types.BIGINT -> block.putInt(8).putLong(v);
            case Types.INTEGER -> block.putInt(4).putInt(Math.toIntExact(v));
            case Types.SMALLINT -> block.putInt(2).putShort((short) v);
            case Types.BOOLEAN, Types.BIT -> block.putInt(1).put((byte) (v != 0 ? 1 : 0));
            case Types.REAL -> block.putInt(4).putFloat(v);
            case Types.DOUBLE, Types.FLOAT -> block.putInt(8).putDouble(v);
            default -> throw mismatch("the integer " + v);
        }
        column++;
        return this;
    }

    /** A real value in the column's floating-point type. */
    private TableRows fraction(double v) throws SQLException {
        if (Double.isNaN(v)) {
            return nothing();
        }
        startValue();
        switch (types[column]) {
            case Types.REAL -> block.putInt(4).putFloat((float) v);
            case Types.DOUBLE, Types.FLOAT -> block.putInt(8).putDouble(v);
            default -> throw mismatch("the real number " + v);
        }
        column++;
        return this;
    }

    @Override
    public TableRows real(double v) throws SQLException {
        return fraction(v);
    }

    @Override
    public TableRows real32(double v) throws SQLException {
        return fraction(v);
    }

    @Override
    public TableRows id(long v, boolean present) throws SQLException {
        return present ? whole(v) : nothing();
    }

    @Override
    public TableRows integer(int v) throws SQLException {
        return whole(v);
    }

    @Override
    public TableRows integer(Integer v) throws SQLException {
        return v == null ? nothing() : whole(v);
    }

    @Override
    public TableRows bool(boolean v) throws SQLException {
        return whole(v ? 1 : 0);
    }

    @Override
    public TableRows text(String v) throws SQLException {
        if (v == null) {
            return nothing();
        }
        if (types[column] != Types.VARCHAR && types[column] != Types.CHAR) {
            throw mismatch("the text '" + v + "'");
        }
        byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
        startValue();
        block.putInt(bytes.length);
        if (bytes.length > block.remaining()) {
            // A long text goes straight to the server: COPY's data is a stream, rows may span blocks.
            flush();
            copy.writeToCopy(bytes, 0, bytes.length);
        } else {
            block.put(bytes);
        }
        column++;
        return this;
    }

    @Override
    protected void endRow() throws SQLException {
        if (column != columns.length) {
            throw new SQLException("a row of " + table + " has " + column + " values for " + columns.length + " columns");
        }
        column = 0;
        if (block.position() >= BLOCK) {
            flush();
        }
    }

    private void flush() throws SQLException {
        copy.writeToCopy(block.array(), 0, block.position());
        block.clear();
    }

    @Override
    public void close() throws SQLException {
        try {
            block.putShort((short) -1);
            flush();
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}

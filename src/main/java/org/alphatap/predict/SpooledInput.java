package org.alphatap.predict;

import java.nio.file.Path;
import uk.ac.starlink.table.AbstractStarTable;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;

/**
 * A posted table spooled to a file and read from it once per pass, with text columns named by
 * its header: what the CSV and JSON readers share.
 */
abstract class SpooledInput extends AbstractStarTable {
    protected final Path file;
    protected final ColumnInfo[] columns;

    SpooledInput(Path file, ColumnInfo[] columns) {
        this.file = file;
        this.columns = columns;
    }

    @Override
    public int getColumnCount() {
        return columns.length;
    }

    @Override
    public ColumnInfo getColumnInfo(int i) {
        return columns[i];
    }

    /** The rows of one pass: each reader sets {@code cells} as it reads row {@code row}. */
    protected abstract static class Rows implements RowSequence {
        protected long row;
        protected Object[] cells;

        @Override
        public Object getCell(int i) {
            return cells[i];
        }

        @Override
        public Object[] getRow() {
            return cells;
        }
    }

    /** Unknown until the rows have been read. */
    @Override
    public long getRowCount() {
        return -1;
    }
}

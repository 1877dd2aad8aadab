package org.alphatap.predict;

import java.nio.file.Path;
import uk.ac.starlink.table.AbstractStarTable;
import uk.ac.starlink.table.ColumnInfo;

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

    /** Unknown until the rows have been read. */
    @Override
    public long getRowCount() {
        return -1;
    }
}

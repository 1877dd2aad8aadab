package org.alphatap.writers;

import org.alphatap.catalogue.Field;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import uk.ac.starlink.table.DescribedValue;
import uk.ac.starlink.votable.VOStarTable;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.WrapperStarTable;
import uk.ac.starlink.table.jdbc.SequentialResultSetStarTable;

/**
 * A query result as a one-pass STIL table: the JDBC cursor described by the ADQL output columns,
 * stopping after MAXREC rows. The query asks for MAXREC + 1 rows; if the extra row exists it is
 * not passed on and {@link #overflow()} becomes true, so writers can say OVERFLOW after the rows.
 */
public final class ResultTable extends WrapperStarTable implements StreamedTable {
    private final List<Field> fields;
    private final long maxrec;
    private final boolean[] small;
    private boolean overflow;
    /** Read by the watchdog of the sync time limit, on another thread. */
    private volatile long rows;
    private int linkColumn = -1;
    private String linkFieldId;
    private ServiceDescriptor descriptor;

    public ResultTable(ResultSet rs, List<Field> fields, long maxrec) throws SQLException {
        super(new SequentialResultSetStarTable(rs));
        this.fields = fields;
        this.maxrec = maxrec;
        // JDBC hands SMALLINT out as Integer; TAP_SCHEMA calls those columns short, and so must the result.
        small = new boolean[fields.size()];
        for (int i = 0; i < small.length; i++) {
            int type = rs.getMetaData().getColumnType(i + 1);
            small[i] = type == Types.SMALLINT || type == Types.TINYINT;
        }
    }

    /**
     * Marks column {@code column} as the one whose values the service descriptor, written after
     * the results, takes as input: the column's FIELD gets the XML ID the descriptor refers to.
     */
    public void link(int column, String fieldId, ServiceDescriptor descriptor) {
        linkColumn = column;
        linkFieldId = fieldId;
        this.descriptor = descriptor;
    }

    @Override
    public String serviceDescriptors() {
        return descriptor == null ? "" : descriptor.xml();
    }

    /** The number of rows passed on; known once the rows have been read. */
    public long rows() {
        return rows;
    }

    /** Whether MAXREC cut the result; known once the rows have been read. */
    @Override
    public boolean overflow() {
        return overflow;
    }

    @Override
    public long getRowCount() {
        return -1;
    }

    @Override
    public ColumnInfo getColumnInfo(int i) {
        ColumnInfo info = new ColumnInfo(super.getColumnInfo(i));
        Field f = fields.get(i);
        info.setName(f.name());
        info.setUnitString(f.unit());
        info.setUCD(f.ucd());
        info.setDescription(f.description());
        if (f.xtype() != null) {
            info.setXtype(f.xtype());
        }
        if (small[i]) {
            info.setContentClass(Short.class);
        }
        if (i == linkColumn) {
            info.setAuxDatum(new DescribedValue(VOStarTable.ID_INFO, linkFieldId));
        }
        return info;
    }

    @Override
    public RowSequence getRowSequence() throws IOException {
        RowSequence base = new PrefetchingRows(super.getRowSequence());
        return new RowSequence() {
            private long n;

            @Override
            public boolean next() throws IOException {
                if (!base.next()) {
                    return false;
                }
                if (++n > maxrec) {
                    overflow = true;
                    return false;
                }
                rows = n;
                return true;
            }

            @Override
            public Object getCell(int i) throws IOException {
                Object v = base.getCell(i);
                return small[i] && v instanceof Number n ? Short.valueOf(n.shortValue()) : v;
            }

            @Override
            public Object[] getRow() throws IOException {
                // The read-ahead hands out a copy of each row, so converting in place is safe.
                Object[] row = base.getRow();
                for (int i = 0; i < row.length; i++) {
                    if (small[i] && row[i] instanceof Number n) {
                        row[i] = n.shortValue();
                    }
                }
                return row;
            }

            @Override
            public void close() throws IOException {
                base.close();
            }
        };
    }
}

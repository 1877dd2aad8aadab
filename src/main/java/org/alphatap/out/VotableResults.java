package org.alphatap.out;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.WrapperStarTable;
import uk.ac.starlink.table.jdbc.SequentialResultSetStarTable;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOSerializer;
import uk.ac.starlink.votable.VOTableVersion;

/**
 * Query results as a VOTable 1.4 document written with STIL, row by row from the JDBC cursor: rows
 * are never collected. The query asks for MAXREC + 1 rows; if the extra row exists, it is not
 * written and an INFO QUERY_STATUS=OVERFLOW follows the table, as DALI prescribes.
 */
public final class VotableResults {
    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n";

    /** What {@link #write} wrote: the rows in the table, and whether MAXREC cut the result. */
    public record Written(long rows, boolean overflow) {
    }

    private VotableResults() {
    }

    /** Writes the rows of {@code rs} (at most {@code maxrec}) as the given fields. */
    public static Written write(ResultSet rs, List<Field> fields, long maxrec, DataFormat format, OutputStream out)
            throws IOException, SQLException {
        Limited table = new Limited(new SequentialResultSetStarTable(rs), fields, maxrec);
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write(HEADER);
        w.write("<RESOURCE type=\"results\">\n");
        w.write("<INFO name=\"QUERY_STATUS\" value=\"OK\"/>\n");
        VOSerializer ser = VOSerializer.makeSerializer(format, VOTableVersion.V14, table);
        ser.writeInlineTableElement(w);
        if (table.overflow) {
            w.write("<INFO name=\"QUERY_STATUS\" value=\"OVERFLOW\"/>\n");
        }
        w.write("</RESOURCE>\n</VOTABLE>\n");
        w.flush();
        return new Written(table.rows, table.overflow);
    }

    /** A VOTable error document: QUERY_STATUS=ERROR with the message. */
    public static void error(String message, OutputStream out) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write(HEADER);
        w.write("<RESOURCE type=\"results\">\n");
        w.write("<INFO name=\"QUERY_STATUS\" value=\"ERROR\">" + VOSerializer.formatText(message) + "</INFO>\n");
        w.write("</RESOURCE>\n</VOTABLE>\n");
        w.flush();
    }

    /** The result set's table described as the ADQL output columns, stopping after MAXREC rows. */
    private static final class Limited extends WrapperStarTable {
        private final List<Field> fields;
        private final long maxrec;
        private boolean overflow;
        private long rows;

        Limited(StarTable base, List<Field> fields, long maxrec) {
            super(base);
            this.fields = fields;
            this.maxrec = maxrec;
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
            return info;
        }

        @Override
        public RowSequence getRowSequence() throws IOException {
            RowSequence base = super.getRowSequence();
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
                    return base.getCell(i);
                }

                @Override
                public Object[] getRow() throws IOException {
                    return base.getRow();
                }

                @Override
                public void close() throws IOException {
                    base.close();
                }
            };
        }
    }
}

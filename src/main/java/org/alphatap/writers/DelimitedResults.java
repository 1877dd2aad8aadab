package org.alphatap.writers;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import uk.ac.starlink.table.RowSequence;

/**
 * Results as tab-separated values (IANA text/tab-separated-values): a line of column names, then
 * one line per row, NULL as an empty field. STIL has no writer for plain TSV, and the format
 * forbids tabs and line breaks inside fields, so those become spaces.
 */
public final class DelimitedResults {
    private DelimitedResults() {
    }

    public static ResultWriter tsv() {
        return (table, out) -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            int n = table.getColumnCount();
            for (int i = 0; i < n; i++) {
                w.write((i > 0 ? "\t" : "") + clean(table.getColumnInfo(i).getName()));
            }
            w.write('\n');
            try (RowSequence rows = table.getRowSequence()) {
                while (rows.next()) {
                    for (int i = 0; i < n; i++) {
                        if (i > 0) {
                            w.write('\t');
                        }
                        Object cell = rows.getCell(i);
                        if (cell != null) {
                            w.write(clean(cell.toString()));
                        }
                    }
                    w.write('\n');
                }
            }
            w.flush();
        };
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}

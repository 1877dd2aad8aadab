package org.alphatap.predict;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.TableFormatException;

/**
 * A CSV body as a table of text cells, read a row at a time each pass: RFC 4180 (a header line of
 * column names, fields separated by commas and quoted with '"' when they hold commas, quotes or
 * line breaks), UTF-8, blank lines skipped, an empty field null. Read here rather than by STIL,
 * whose CSV reader reads the whole table once more to guess the column types, guesses whether the
 * first line is a header at all, and does not say which field of which row is wrong.
 */
final class CsvInput extends SpooledInput {
    private CsvInput(Path file, ColumnInfo[] columns) {
        super(file, columns);
    }

    /** The table in {@code file}, whose header line is read now. */
    static CsvInput open(Path file) throws IOException {
        try (Records records = new Records(file)) {
            Object[] header = records.next();
            if (header == null) {
                throw new TableFormatException("the CSV body has no header line");
            }
            ColumnInfo[] columns = new ColumnInfo[header.length];
            for (int i = 0; i < header.length; i++) {
                String name = header[i] == null ? "" : header[i].toString().strip();
                columns[i] = new ColumnInfo(name.isEmpty() ? "col" + (i + 1) : name, String.class, null);
            }
            return new CsvInput(file, columns);
        }
    }

    @Override
    public RowSequence getRowSequence() throws IOException {
        Records records = new Records(file);
        records.next();
        return new Rows() {

            @Override
            public boolean next() throws IOException {
                cells = records.next();
                if (cells == null) {
                    return false;
                }
                row++;
                if (cells.length != columns.length) {
                    throw new TableFormatException("row " + row + " has " + cells.length
                            + " fields where the header has " + columns.length);
                }
                return true;
            }

            @Override
            public void close() throws IOException {
                records.close();
            }
        };
    }

    /** The records of a CSV file, as arrays of fields. */
    private static final class Records implements AutoCloseable {
        private final Reader in;
        private final char[] buffer = new char[1 << 16];
        private final StringBuilder field = new StringBuilder();
        private int used;
        private int length;
        private long records;

        Records(Path file) throws IOException {
            in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
        }

        /** The next record, text or null, as an array that may hold the numbers made of it; null at the end. */
        Object[] next() throws IOException {
            int c = read();
            if (records == 0 && c == '\uFEFF') {
                c = read();
            }
            while (c == '\n' || c == '\r') {
                c = read();
            }
            if (c < 0) {
                return null;
            }
            records++;
            List<String> fields = new ArrayList<>();
            while (true) {
                field.setLength(0);
                if (c == '"') {
                    c = quoted();
                } else {
                    while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                        field.append((char) c);
                        c = read();
                    }
                }
                fields.add(field.length() == 0 ? null : field.toString());
                if (c != ',') {
                    return fields.toArray();
                }
                c = read();
            }
        }

        /** Reads a quoted field into {@code field}; returns the character after its closing quote. */
        private int quoted() throws IOException {
            while (true) {
                int c = read();
                if (c < 0) {
                    throw new TableFormatException(where() + ": a quoted field is not closed");
                }
                if (c == '"') {
                    c = read();
                    if (c != '"') {
                        if (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                            throw new TableFormatException(where() + ": text follows the closing quote of a field");
                        }
                        return c;
                    }
                }
                field.append((char) c);
            }
        }

        /** The record being read, as the row number the client knows (the header is record 1). */
        private String where() {
            return records == 1 ? "the header line" : "row " + (records - 1);
        }

        private int read() throws IOException {
            if (used == length) {
                length = in.read(buffer);
                used = 0;
                if (length <= 0) {
                    length = 0;
                    return -1;
                }
            }
            return buffer[used++];
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

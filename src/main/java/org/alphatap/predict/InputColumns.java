package org.alphatap.predict;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.alphatap.catalogue.Column;
import org.alphatap.catalogue.Field;
import org.alphatap.catalogue.Table;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableFormatException;

/**
 * Where the inputs of a table are, and what the answer echoes of it. teff, logg and feh are
 * required; alpha_m (LAMOST's [α/M], for the [α/M] models), teff_err, logg_err, feh_err and
 * alpha_m_err optional; names in any case. Every column is echoed in its place, those eight as
 * numbers described as in {@code alpha.stars}, the others as they came. Rows are numbered from 1,
 * the header not counted.
 */
final class InputColumns {
    /** The inputs by their catalogue names: the three required features first, in the models' order, then [α/M]. */
    static final List<String> INPUTS = List.of("teff", "logg", "feh", "alpha_m", "teff_err", "logg_err", "feh_err",
            "alpha_m_err");
    /** Required features. */
    static final int REQUIRED = 3;
    /** Features read: the required ones and [α/M]. */
    private static final int FEATURES = 4;
    private static final int QUOTED = 40;

    private final String[] names;
    private final ColumnInfo[] echoed;
    /** For each column, whether it is one of {@link #INPUTS}. */
    private final boolean[] numeric;
    /** The column of each feature. */
    private final int[] feature = new int[FEATURES];

    private InputColumns(StarTable table, Table described) throws PredictRefusal {
        int n = table.getColumnCount();
        names = new String[n];
        echoed = new ColumnInfo[n];
        numeric = new boolean[n];
        int[] found = new int[INPUTS.size()];
        java.util.Arrays.fill(found, -1);
        for (int i = 0; i < n; i++) {
            ColumnInfo in = table.getColumnInfo(i);
            names[i] = in.getName();
            int input = INPUTS.indexOf(in.getName().toLowerCase(Locale.ROOT));
            if (input < 0) {
                echoed[i] = new ColumnInfo(in);
                continue;
            }
            if (found[input] >= 0) {
                throw new PredictRefusal(400, "the table has two columns called " + INPUTS.get(input)
                        + " (columns " + (found[input] + 1) + " and " + (i + 1) + "); keep one");
            }
            found[input] = i;
            numeric[i] = true;
            // A number keeps its type (a VOTable float stays float); text becomes a double.
            Class<?> type = Number.class.isAssignableFrom(in.getContentClass()) ? in.getContentClass() : Double.class;
            echoed[i] = info(described, INPUTS.get(input), in.getName(), type);
        }
        for (int f = 0; f < FEATURES; f++) {
            if (found[f] < 0 && f < REQUIRED) {
                throw new PredictRefusal(400, "the table has no column " + INPUTS.get(f) + ": it needs teff, logg"
                        + " and feh (names in any case), may add alpha_m, teff_err, logg_err, feh_err and"
                        + " alpha_m_err, and has " + (n == 0 ? "no columns" : String.join(", ", names)));
            }
            feature[f] = found[f];
        }
    }

    /** The inputs of {@code table}; {@code described} is the catalogue's table of stars. */
    static InputColumns of(StarTable table, Table described) throws PredictRefusal {
        return new InputColumns(table, described);
    }

    /** A column described as the catalogue's column {@code catalogue} of the stars, under {@code name}. */
    static ColumnInfo info(Table described, String catalogue, String name, Class<?> type) {
        Column c = described == null ? null : described.column(catalogue);
        Field f = c == null ? Field.named(catalogue) : c.field();
        ColumnInfo info = new ColumnInfo(name, type, f.description());
        info.setUnitString(f.unit());
        info.setUCD(f.ucd());
        return info;
    }

    ColumnInfo[] echoed() {
        return echoed.clone();
    }

    /**
     * Turns the input cells of row number {@code row} into numbers in place: a number stays, text
     * is parsed, an empty cell is null (a missing input). Anything else names the row and column.
     */
    void convert(Object[] cells, long row) throws TableFormatException {
        for (int i = 0; i < cells.length; i++) {
            if (numeric[i]) {
                cells[i] = number(cells[i], row, i);
            }
        }
    }

    /** Feature {@code f} (0 teff, 1 logg, 2 feh, 3 alpha_m) of a converted row; NaN when missing. */
    double feature(Object[] cells, int f) {
        return feature[f] >= 0 && cells[feature[f]] instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /**
     * Reads every row of {@code table} once, converting the inputs, so that a bad cell or a row
     * too many is an error before the answer starts. Returns the number of rows.
     */
    long check(StarTable table, long maxRows) throws PredictRefusal {
        long rows = 0;
        try (RowSequence seq = table.getRowSequence()) {
            while (seq.next()) {
                if (++rows > maxRows) {
                    throw new PredictRefusal(413, "the table has more than " + maxRows + " rows, the most /predict"
                            + " takes in one request; send it in parts");
                }
                convert(seq.getRow().clone(), rows);
            }
        } catch (TableFormatException e) {
            throw new PredictRefusal(400, e.getMessage());
        } catch (IOException e) {
            throw new PredictRefusal(400, "the table cannot be read after row " + rows + ": " + e.getMessage());
        }
        return rows;
    }

    private Object number(Object cell, long row, int column) throws TableFormatException {
        if (cell == null || cell instanceof Number) {
            return cell;
        }
        if (cell instanceof String || cell instanceof Character) {
            String text = cell.toString().trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException e) {
                throw new TableFormatException(where(row, column) + ": '" + quote(text) + "' is not a number");
            }
        }
        throw new TableFormatException(where(row, column) + ": a " + cell.getClass().getSimpleName()
                + " is not a number");
    }

    private String where(long row, int column) {
        return "row " + row + ", column " + names[column];
    }

    private static String quote(String text) {
        return text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "...";
    }
}

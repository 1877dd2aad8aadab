package org.alphatap.survey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.util.FileDataSource;

/**
 * Streams the rows of a survey catalogue in FITS, FITS.gz, CSV or CSV.gz through STIL, matching
 * column names case-insensitively against a column enum and converting every cell once. Rows are
 * never collected: memory stays flat whatever the file's size.
 */
public final class CatalogueReader<C extends Enum<C> & CatalogueColumn> {
    /**
     * STIL reports through java.util.logging, chattily ("can't map compressed file"); only its
     * severe messages matter to a user. Held in a field so the setting is not garbage-collected.
     */
    private static final Logger STIL_LOG = Logger.getLogger("uk.ac.starlink");

    static {
        STIL_LOG.setLevel(Level.SEVERE);
    }

    private final String catalogue;
    private final Class<C> columns;

    public CatalogueReader(String catalogue, Class<C> columns) {
        this.catalogue = catalogue;
        this.columns = columns;
    }

    public String catalogue() {
        return catalogue;
    }

    /** Reads every row of {@code file}, handing the usable ones to {@code handler}. */
    public ReadReport read(Path file, Consumer<Row<C>> handler) throws SurveyFileException {
        StarTable table = open(file);
        C[] schema = columns.getEnumConstants();
        int[] fileIndex = bindColumns(file, table, schema);

        Row<C> row = new Row<>(schema.length);
        List<String> absent = new ArrayList<>();
        for (C c : schema) {
            row.inFile[c.ordinal()] = fileIndex[c.ordinal()] >= 0;
            if (fileIndex[c.ordinal()] < 0) {
                convert(file, row, c, null); // a column the file lacks reads as missing in every row
                if (c.need() == Need.OPTIONAL) {
                    absent.add(c.columnName());
                }
            }
        }
        Map<String, Long> dropped = new LinkedHashMap<>();
        Map<String, Long> missing = new LinkedHashMap<>();
        String oneOfLabel = oneOfLabel();
        long read = 0;
        long kept = 0;
        try (RowSequence seq = table.getRowSequence()) {
            while (seq.next()) {
                read++;
                row.number = read;
                for (C c : schema) {
                    int j = fileIndex[c.ordinal()];
                    if (j >= 0) {
                        convert(file, row, c, seq.getCell(j));
                    }
                }
                String dropReason = dropReason(row, schema, oneOfLabel);
                if (dropReason != null) {
                    dropped.merge(dropReason, 1L, Long::sum);
                    continue;
                }
                for (C c : schema) {
                    if (c.need() == Need.REQUIRED && !row.has(c)) {
                        missing.merge(c.columnName(), 1L, Long::sum);
                    }
                }
                kept++;
                handler.accept(row);
            }
        } catch (SurveyFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SurveyFileException(file, "the file is truncated or corrupt: reading failed after "
                    + read + " rows (" + describe(e) + ")", e);
        }
        return new ReadReport(catalogue, file, read, kept, dropped, missing, absent);
    }

    private StarTable open(Path file) throws SurveyFileException {
        if (!Files.isRegularFile(file)) {
            throw new SurveyFileException(file, "no such file");
        }
        if (!Files.isReadable(file)) {
            throw new SurveyFileException(file, "the file is not readable (check its permissions)");
        }
        String format = formatOf(file);
        try {
            return new StarTableFactory(false).makeStarTable(new FileDataSource(file.toFile()), format);
        } catch (IOException | RuntimeException e) {
            throw new SurveyFileException(file, "cannot be read as " + format.toUpperCase(Locale.ROOT)
                    + " (" + describe(e) + "); is it a complete, uncorrupted " + format.toUpperCase(Locale.ROOT)
                    + " file?", e);
        }
    }

    /** The STIL input handler for a file name: FITS or CSV, each optionally gzipped. */
    static String formatOf(Path file) throws SurveyFileException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".fits") || name.endsWith(".fit") || name.endsWith(".fts")) {
            return "fits";
        }
        if (name.endsWith(".csv")) {
            return "csv";
        }
        throw new SurveyFileException(file, "unknown file type; a catalogue must be .fits, .fits.gz, .csv or .csv.gz");
    }

    private int[] bindColumns(Path file, StarTable table, C[] schema) throws SurveyFileException {
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int j = 0; j < table.getColumnCount(); j++) {
            ColumnInfo info = table.getColumnInfo(j);
            byName.putIfAbsent(info.getName().trim().toLowerCase(Locale.ROOT), j);
        }
        int[] index = new int[schema.length];
        List<String> problems = new ArrayList<>();
        boolean anyOneOf = false;
        boolean oneOfFound = false;
        for (C c : schema) {
            index[c.ordinal()] = lookup(byName, c);
            boolean found = index[c.ordinal()] >= 0;
            if (c.need() == Need.ONE_OF) {
                anyOneOf = true;
                oneOfFound |= found;
            } else if (!found && (c.need() == Need.KEY || c.need() == Need.REQUIRED)) {
                problems.add("'" + c.columnName() + "'" + alsoAccepted(c));
            }
        }
        if (anyOneOf && !oneOfFound) {
            problems.add("one of " + oneOfLabel());
        }
        if (!problems.isEmpty()) {
            throw new SurveyFileException(file, "not a usable " + catalogue + ": required column"
                    + (problems.size() > 1 ? "s " : " ") + String.join(", ", problems) + " not found"
                    + " (names are matched case-insensitively); columns found: "
                    + String.join(", ", columnNames(table)));
        }
        return index;
    }

    private static <C extends CatalogueColumn> int lookup(Map<String, Integer> byName, C c) {
        Integer j = byName.get(c.columnName().toLowerCase(Locale.ROOT));
        for (int k = 0; j == null && k < c.aliases().size(); k++) {
            j = byName.get(c.aliases().get(k).toLowerCase(Locale.ROOT));
        }
        return j == null ? -1 : j;
    }

    private static String alsoAccepted(CatalogueColumn c) {
        return c.aliases().isEmpty() ? "" : " (or " + String.join(", ", c.aliases()) + ")";
    }

    private static List<String> columnNames(StarTable table) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < table.getColumnCount(); j++) {
            names.add(table.getColumnInfo(j).getName());
        }
        return names;
    }

    private String oneOfLabel() {
        return EnumSet.allOf(columns).stream().filter(c -> c.need() == Need.ONE_OF)
                .map(c -> "'" + c.columnName() + "'").collect(Collectors.joining(" or ", "(", ")"));
    }

    private String dropReason(Row<C> row, C[] schema, String oneOfLabel) {
        boolean anyOneOf = false;
        boolean oneOfHas = false;
        for (C c : schema) {
            if (c.need() == Need.KEY && !row.has(c)) {
                return c.columnName();
            }
            if (c.need() == Need.ONE_OF) {
                anyOneOf = true;
                oneOfHas |= row.has(c);
            }
        }
        return anyOneOf && !oneOfHas ? oneOfLabel : null;
    }

    private void convert(Path file, Row<C> row, C c, Object cell) throws SurveyFileException {
        int i = c.ordinal();
        try {
            switch (c.kind()) {
                case F64 -> row.reals[i] = Values.coordinate(cell);
                case F32 -> row.reals[i] = Values.measurement(cell);
                case I64 -> row.ids[i] = Values.id(cell);
                case I32 -> row.ints[i] = Values.integer(cell);
                case TEXT -> row.texts[i] = Values.text(cell);
                default -> throw new IllegalStateException(c.kind().name());
            }
        } catch (NumberFormatException e) {
            throw new SurveyFileException(file, "row " + row.number + ", column '" + c.columnName() + "': '"
                    + cell + "' is not " + (c.kind() == Kind.I64 || c.kind() == Kind.I32 ? "an integer" : "a number")
                    + "; fix the value or blank it to mark it missing");
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}

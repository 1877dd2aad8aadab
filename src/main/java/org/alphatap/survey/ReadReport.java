package org.alphatap.survey;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What reading one catalogue file found: rows read and kept, rows dropped for a missing key value
 * (by column), missing values in required columns (by column), and optional columns the file lacks.
 */
public record ReadReport(
        String catalogue,
        Path file,
        long rowsRead,
        long rowsKept,
        Map<String, Long> droppedForMissing,
        Map<String, Long> missingValues,
        List<String> absentOptionalColumns) {

    public long rowsDropped() {
        return rowsRead - rowsKept;
    }

    /** A few lines for the log and the build report. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(catalogue).append(" (").append(file.getFileName()).append("): ")
                .append(rowsRead).append(" rows read, ").append(rowsKept).append(" kept");
        if (rowsDropped() > 0) {
            s.append(", ").append(rowsDropped()).append(" dropped (no value in ")
                    .append(format(droppedForMissing)).append(')');
        }
        if (!missingValues.isEmpty()) {
            s.append("\n  missing values kept as NULL: ").append(format(missingValues));
        }
        if (!absentOptionalColumns.isEmpty()) {
            s.append("\n  optional columns not in the file: ").append(String.join(", ", absentOptionalColumns));
        }
        return s.toString();
    }

    private static String format(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}

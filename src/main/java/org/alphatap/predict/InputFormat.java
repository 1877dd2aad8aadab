package org.alphatap.predict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import uk.ac.starlink.table.StarTable;

/** The table formats a POST to /predict may send, by the media type of its Content-Type. */
public enum InputFormat {
    CSV(List.of("text/csv")),
    VOTABLE(List.of("application/x-votable+xml", "text/xml", "application/xml")),
    JSON(List.of("application/json"));

    private final List<String> mediaTypes;

    InputFormat(List<String> mediaTypes) {
        this.mediaTypes = mediaTypes;
    }

    /** The format a Content-Type header names; its parameters (charset, header) are not needed. */
    public static InputFormat of(String contentType) throws PredictRefusal {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (InputFormat f : values()) {
            if (f.mediaTypes.contains(type)) {
                return f;
            }
        }
        throw new PredictRefusal(400, (contentType == null ? "the request has no Content-Type"
                : "Content-Type " + contentType + " is not a table /predict reads")
                + "; POST text/csv (with a header line), application/x-votable+xml or application/json (an array"
                + " of objects), or GET /predict?teff=...&logg=...&feh=... for one star");
    }

    StarTable open(Path file) throws IOException {
        return switch (this) {
            case CSV -> CsvInput.open(file);
            case VOTABLE -> VotableInput.read(file);
            case JSON -> JsonInput.open(file);
        };
    }
}

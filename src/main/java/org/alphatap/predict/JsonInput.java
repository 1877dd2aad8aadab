package org.alphatap.predict;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.TableFormatException;

/**
 * A JSON body as a table, read a star at a time each pass: an array of objects, one per star,
 * whose keys are the columns ({@code [{"id": "a", "teff": 5800, "logg": 4.4, "feh": 0.0}, ...]}).
 * The first object names the columns; a later one may leave a column out (null) but not add one.
 * Values are scalars, kept as their text, null as null. An object of arrays, one per column, is
 * refused: it cannot be read a star at a time.
 */
final class JsonInput extends SpooledInput {
    private static final JsonFactory JSON = new JsonFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Map<String, Integer> index = new HashMap<>();

    private JsonInput(Path file, List<String> names) {
        super(file, new ColumnInfo[names.size()]);
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new ColumnInfo(names.get(i), String.class, null);
            index.put(names.get(i), i);
        }
    }

    /** The table in {@code file}, whose first object is read now for the column names. */
    static JsonInput open(Path file) throws IOException {
        try (JsonParser p = JSON.createParser(file.toFile())) {
            start(p);
            List<String> names = new ArrayList<>();
            try {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new TableFormatException(p.currentToken() == JsonToken.END_ARRAY ? "the JSON array holds no"
                            + " stars" : "row 1 is not a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    names.add(p.currentName());
                    p.nextToken();
                    p.skipChildren();
                }
            } catch (JsonProcessingException e) {
                throw malformed(e, 1);
            }
            return new JsonInput(file, names);
        }
    }

    private static void start(JsonParser p) throws IOException {
        JsonToken first;
        try {
            first = p.nextToken();
        } catch (JsonProcessingException e) {
            throw malformed(e, 0);
        }
        if (first == JsonToken.START_OBJECT) {
            throw new TableFormatException("the JSON body is an object; /predict takes an array of objects, one per"
                    + " star: [{\"teff\": 5800, \"logg\": 4.4, \"feh\": 0.0}, ...] (an object of arrays cannot be"
                    + " read a star at a time)");
        }
        if (first != JsonToken.START_ARRAY) {
            throw new TableFormatException("the JSON body is not an array of objects, one per star");
        }
    }

    private static TableFormatException malformed(JsonProcessingException e, long row) {
        JsonLocation at = e.getLocation();
        return new TableFormatException((row > 0 ? "row " + row + ": " : "") + "malformed JSON at line "
                + (at == null ? "?" : at.getLineNr() + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage());
    }

    @Override
    public RowSequence getRowSequence() throws IOException {
        JsonParser p = JSON.createParser(file.toFile());
        try {
            start(p);
        } catch (IOException e) {
            p.close();
            throw e;
        }
        return new Rows() {
            private boolean ended;

            @Override
            public boolean next() throws IOException {
                if (ended) {
                    return false;
                }
                try {
                    JsonToken t = p.nextToken();
                    if (t == JsonToken.END_ARRAY) {
                        if (p.nextToken() != null) {
                            throw new TableFormatException("the JSON body goes on after its array");
                        }
                        ended = true;
                        return false;
                    }
                    row++;
                    if (t != JsonToken.START_OBJECT) {
                        throw new TableFormatException("row " + row + " is not a JSON object");
                    }
                    cells = new Object[columns.length];
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        cells[column(p.currentName())] = scalar(p.nextToken(), p);
                    }
                    return true;
                } catch (JsonProcessingException e) {
                    throw malformed(e, row);
                }
            }

            private int column(String name) throws TableFormatException {
                Integer i = index.get(name);
                if (i == null) {
                    throw new TableFormatException("row " + row + " has a key " + name + " that row 1 has not; the"
                            + " first object names the columns");
                }
                return i;
            }

            private String scalar(JsonToken t, JsonParser p) throws IOException {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    throw new TableFormatException("row " + row + ", column " + p.currentName() + ": an object or"
                            + " array is not a value");
                }
                return t == JsonToken.VALUE_NULL ? null : p.getText();
            }

            @Override
            public void close() throws IOException {
                p.close();
            }
        };
    }
}

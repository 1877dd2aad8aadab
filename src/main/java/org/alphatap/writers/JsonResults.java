package org.alphatap.writers;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;

/**
 * Results as JSON: {@code {"columns": [{name, datatype, unit, ucd, description}], "data": [[...],
 * ...], "query_status": "OK" | "OVERFLOW"}}. Rows are arrays in column order, streamed; NaN and
 * infinities, which JSON cannot hold, become null.
 */
public final class JsonResults {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonResults() {
    }

    public static ResultWriter json() {
        return (table, out) -> {
            JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeArrayFieldStart("columns");
            for (int i = 0; i < table.getColumnCount(); i++) {
                ColumnInfo c = table.getColumnInfo(i);
                g.writeStartObject();
                g.writeStringField("name", c.getName());
                g.writeStringField("datatype", c.getContentClass().getSimpleName());
                g.writeStringField("unit", c.getUnitString());
                g.writeStringField("ucd", c.getUCD());
                g.writeStringField("description", c.getDescription());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("data");
            try (RowSequence rows = table.getRowSequence()) {
                while (rows.next()) {
                    g.writeStartArray();
                    for (int i = 0; i < table.getColumnCount(); i++) {
                        value(g, rows.getCell(i));
                    }
                    g.writeEndArray();
                }
            }
            g.writeEndArray();
            g.writeStringField("query_status", table.overflow() ? "OVERFLOW" : "OK");
            g.writeEndObject();
            g.flush();
        };
    }

    /** An error as JSON, in the words of a result: {@code {"query_status": "ERROR", "message": ...}}. */
    public static void error(String message, OutputStream out) throws IOException {
        JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartObject();
        g.writeStringField("query_status", "ERROR");
        g.writeStringField("message", message);
        g.writeEndObject();
        g.flush();
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                g.writeNull();
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof Float f) {
            if (f.isNaN() || f.isInfinite()) {
                g.writeNull();
            } else {
                g.writeNumber(f);
            }
        } else if (v instanceof java.math.BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof Number n) {
            g.writeNumber(n.longValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v.getClass().isArray()) {
            g.writeStartArray();
            for (int i = 0; i < Array.getLength(v); i++) {
                value(g, Array.get(v, i));
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }
}

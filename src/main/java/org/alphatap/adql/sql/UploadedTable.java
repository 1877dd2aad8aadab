package org.alphatap.adql.sql;

import java.util.List;

/**
 * A table a client uploaded for one query ({@code TAP_UPLOAD.name}), column by column: the values
 * are bound as parameters of the statement, never written into the SQL text.
 */
public record UploadedTable(String name, List<Column> columns) {
    /** One column: its name (a regular ADQL identifier), its H2 type, and its values, null for NULL. */
    public record Column(String name, String sqlType, Object[] values) {
    }
}

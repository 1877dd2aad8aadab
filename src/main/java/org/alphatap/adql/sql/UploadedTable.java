package org.alphatap.adql.sql;

import java.util.List;
import org.alphatap.catalogue.Field;

/**
 * A table a client uploaded for one query ({@code TAP_UPLOAD.name}), column by column: the values
 * are bound as parameters of the statement, never written into the SQL text.
 */
public record UploadedTable(String name, List<Column> columns) {
    /**
     * One column: its name (a regular ADQL identifier), its H2 type, its values (null for NULL), and
     * what the upload said of it (unit, UCD, description, xtype), passed on to results.
     */
    public record Column(String name, String sqlType, Object[] values, Field field) {
    }
}

package org.alphatap.store;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alphatap.catalogue.Names;
import org.alphatap.survey.Progress;

/**
 * Fills TAP_SCHEMA (TAP 1.1) in the build's database: descriptions, units and UCDs from
 * vo-resources/, datatypes, sizes, indexes and foreign keys read back from the database itself,
 * so that what the service says of a table is what the table is. What it publishes is what the
 * service's read-only user may read.
 */
public final class TapSchema {
    private TapSchema() {
    }

    /** TAP_SCHEMA of the staged build, once every table and index exists. */
    public static void publish(Staging staging, ColumnMetadata meta) throws SQLException, IOException {
        staging.runScript("/schema/tap_schema.sql", Progress.SILENT);
        int i = 0;
        try (TableRows ins = staging.rows("tap_schema.schemas", "schema_name", "description", "schema_index")) {
            for (Map.Entry<String, String> s : meta.schemas().entrySet()) {
                ins.text(s.getKey()).text(s.getValue()).integer(i++).row();
            }
        }
        i = 0;
        try (TableRows ins = staging.rows("tap_schema.tables", "schema_name", "table_name", "table_type",
                "description", "table_index")) {
            for (Map.Entry<String, String> t : meta.tables().entrySet()) {
                ins.text(t.getKey().substring(0, t.getKey().indexOf('.'))).text(t.getKey()).text("table")
                        .text(t.getValue()).integer(i++).row();
            }
        }
        Introspection db = new Introspection(staging);
        Map<String, String[]> types = db.types();
        Set<String> indexed = db.indexed();
        try (TableRows ins = staging.rows("tap_schema.columns", "table_name", "column_name", "ucd", "unit",
                "description", "datatype", "arraysize", "size", "principal", "indexed", "std", "column_index")) {
            Map<String, Integer> position = new HashMap<>();
            for (ColumnMetadata.Column c : meta.columns()) {
                String key = c.table() + "." + c.name();
                String[] type = types.get(key);
                if (type == null) {
                    throw new SQLException("vo-resources describes " + key + " but the database has no such column");
                }
                boolean std = c.table().startsWith("tap_schema.");
                ins.text(c.table()).text(Names.published(c.name())).text(blank(c.ucd())).text(blank(c.unit())).text(c.description())
                        .text(type[0]).text(type[1]);
                ins.id(type[1] == null ? 0 : Long.parseLong(type[1].replace("*", "")), type[1] != null);
                ins.integer(c.principal() ? 1 : 0).integer(indexed.contains(key) ? 1 : 0).integer(std ? 1 : 0)
                        .integer(position.merge(c.table(), 1, Integer::sum)).row();
            }
        }
        foreignKeys(staging, db.foreignKeys());
        rowCounts(staging, meta.tables().keySet());
    }

    /** Each table's row count in TAP_SCHEMA.tables, once TAP_SCHEMA itself is complete. */
    private static void rowCounts(Staging staging, Set<String> tables) throws SQLException {
        try (Statement count = staging.connection().createStatement();
                PreparedStatement set = staging.connection().prepareStatement("UPDATE "
                        + staging.schemas().table("tap_schema.tables") + " SET nrows = ? WHERE table_name = ?")) {
            for (String table : tables) {
                try (ResultSet rs = count.executeQuery("SELECT COUNT(*) FROM " + staging.schemas().table(table))) {
                    rs.next();
                    set.setLong(1, rs.getLong(1));
                }
                set.setString(2, table);
                set.executeUpdate();
            }
        }
    }

    /** One TAP_SCHEMA key per foreign-key constraint of the database. */
    private static void foreignKeys(Staging staging, List<Introspection.KeyColumn> columns) throws SQLException {
        Map<String, String[]> keys = new LinkedHashMap<>();
        Map<String, String> ids = new HashMap<>();
        for (Introspection.KeyColumn c : columns) {
            String id = ids.computeIfAbsent(c.from() + "/" + c.constraint(),
                    k -> c.from().replace('.', '_') + "_" + c.fromColumn());
            keys.putIfAbsent(id, new String[] {c.from(), c.target()});
        }
        try (TableRows ins = staging.rows("tap_schema.keys", "key_id", "from_table", "target_table", "description")) {
            for (Map.Entry<String, String[]> k : keys.entrySet()) {
                String[] t = k.getValue();
                ins.text(k.getKey()).text(t[0]).text(t[1]).text("Each " + t[0] + " row refers to one " + t[1] + " row")
                        .row();
            }
        }
        try (TableRows ins = staging.rows("tap_schema.key_columns", "key_id", "from_column", "target_column")) {
            for (Introspection.KeyColumn c : columns) {
                ins.text(ids.get(c.from() + "/" + c.constraint())).text(c.fromColumn()).text(c.targetColumn()).row();
            }
        }
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

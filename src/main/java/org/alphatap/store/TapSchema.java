package org.alphatap.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fills TAP_SCHEMA (TAP 1.1) in the build's database: descriptions, units and UCDs from
 * vo-resources/, datatypes, sizes, indexes and foreign keys read back from the database itself,
 * so that what the service says of a table is what the table is.
 */
public final class TapSchema {
    private TapSchema() {
    }

    public static void publish(Connection db, ColumnMetadata meta) throws SQLException, IOException {
        Database.runScript(db, "/schema/tap_schema.sql");
        int i = 0;
        try (BatchInsert ins = new BatchInsert(db, "tap_schema.schemas", "schema_name", "description", "schema_index")) {
            for (Map.Entry<String, String> s : meta.schemas().entrySet()) {
                ins.text(s.getKey()).text(s.getValue()).integer(i++).row();
            }
        }
        i = 0;
        try (BatchInsert ins = new BatchInsert(db, "tap_schema.tables", "schema_name", "table_name", "table_type",
                "description", "table_index")) {
            for (Map.Entry<String, String> t : meta.tables().entrySet()) {
                ins.text(t.getKey().substring(0, t.getKey().indexOf('.'))).text(t.getKey()).text("table")
                        .text(t.getValue()).integer(i++).row();
            }
        }
        Map<String, String[]> types = types(db);
        Set<String> indexed = indexed(db);
        try (BatchInsert ins = new BatchInsert(db, "tap_schema.columns", "table_name", "column_name", "ucd", "unit",
                "description", "datatype", "arraysize", "size", "principal", "indexed", "std", "column_index")) {
            Map<String, Integer> position = new HashMap<>();
            for (ColumnMetadata.Column c : meta.columns()) {
                String key = c.table() + "." + c.name();
                String[] type = types.get(key);
                if (type == null) {
                    throw new SQLException("vo-resources describes " + key + " but the database has no such column");
                }
                boolean std = c.table().startsWith("tap_schema.");
                ins.text(c.table()).text(c.name()).text(blank(c.ucd())).text(blank(c.unit())).text(c.description())
                        .text(type[0]).text(type[1]);
                ins.id(type[1] == null ? 0 : Long.parseLong(type[1].replace("*", "")), type[1] != null);
                ins.integer(c.principal() ? 1 : 0).integer(indexed.contains(key) ? 1 : 0).integer(std ? 1 : 0)
                        .integer(position.merge(c.table(), 1, Integer::sum)).row();
            }
        }
        foreignKeys(db);
    }

    /** ADQL datatype and arraysize of every column, by lower-case schema.table.column. */
    private static Map<String, String[]> types(Connection db) throws SQLException {
        Map<String, String[]> out = new HashMap<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE,"
                + " CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA IN ('ALPHA', 'TAP_SCHEMA')")) {
            while (rs.next()) {
                String h2 = rs.getString(4);
                String datatype = switch (h2) {
                    case "DOUBLE PRECISION" -> "DOUBLE";
                    case "CHARACTER VARYING" -> "VARCHAR";
                    default -> h2;
                };
                String arraysize = datatype.equals("VARCHAR") ? rs.getLong(5) + "*" : null;
                out.put(key(rs.getString(1), rs.getString(2), rs.getString(3)), new String[] {datatype, arraysize});
            }
        }
        return out;
    }

    private static Set<String> indexed(Connection db) throws SQLException {
        Set<String> out = new HashSet<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME"
                + " FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE TABLE_SCHEMA = 'ALPHA' AND ORDINAL_POSITION = 1")) {
            while (rs.next()) {
                out.add(key(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    /** The database's own foreign keys of schema alpha, one TAP_SCHEMA key per constraint. */
    private static void foreignKeys(Connection db) throws SQLException {
        String sql = "SELECT f.CONSTRAINT_NAME, f.TABLE_SCHEMA, f.TABLE_NAME, f.COLUMN_NAME, t.TABLE_SCHEMA, t.TABLE_NAME,"
                + " t.COLUMN_NAME FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS r"
                + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE f ON f.CONSTRAINT_NAME = r.CONSTRAINT_NAME"
                + " AND f.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA"
                + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE t ON t.CONSTRAINT_NAME = r.UNIQUE_CONSTRAINT_NAME"
                + " AND t.CONSTRAINT_SCHEMA = r.UNIQUE_CONSTRAINT_SCHEMA AND t.ORDINAL_POSITION = f.POSITION_IN_UNIQUE_CONSTRAINT"
                + " WHERE f.TABLE_SCHEMA = 'ALPHA' ORDER BY f.TABLE_NAME, t.TABLE_NAME, f.ORDINAL_POSITION";
        Map<String, String> keyIds = new HashMap<>();
        Set<String> written = new HashSet<>();
        try (ResultSet rs = db.createStatement().executeQuery(sql);
                BatchInsert keys = new BatchInsert(db, "tap_schema.keys", "key_id", "from_table", "target_table",
                        "description");
                BatchInsert cols = new BatchInsert(db, "tap_schema.key_columns", "key_id", "from_column",
                        "target_column")) {
            while (rs.next()) {
                String from = lower(rs.getString(2)) + "." + lower(rs.getString(3));
                String target = lower(rs.getString(5)) + "." + lower(rs.getString(6));
                String id = keyIds.computeIfAbsent(rs.getString(1), c -> from.replace('.', '_') + "_"
                        + target.substring(target.indexOf('.') + 1));
                if (written.add(id)) {
                    keys.text(id).text(from).text(target).text("Each " + from + " row refers to one " + target + " row")
                            .row();
                }
                cols.text(id).text(lower(rs.getString(4))).text(lower(rs.getString(7))).row();
            }
        }
    }

    private static String key(String schema, String table, String column) {
        return lower(schema) + "." + lower(table) + "." + lower(column);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

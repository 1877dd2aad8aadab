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
import org.alphatap.catalogue.Names;

/**
 * Fills TAP_SCHEMA (TAP 1.1) in the build's database: descriptions, units and UCDs from
 * vo-resources/, datatypes, sizes, indexes and foreign keys read back from the database itself,
 * so that what the service says of a table is what the table is. What it publishes is what the
 * service's read-only user may read.
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
                ins.text(c.table()).text(Names.published(c.name())).text(blank(c.ucd())).text(blank(c.unit())).text(c.description())
                        .text(type[0]).text(type[1]);
                ins.id(type[1] == null ? 0 : Long.parseLong(type[1].replace("*", "")), type[1] != null);
                ins.integer(c.principal() ? 1 : 0).integer(indexed.contains(key) ? 1 : 0).integer(std ? 1 : 0)
                        .integer(position.merge(c.table(), 1, Integer::sum)).row();
            }
        }
        foreignKeys(db);
        Database.grantReading(db, meta.schemas().keySet());
    }

    /** VOTable datatype (as TAP 1.1 asks) and arraysize of every column, by lower-case schema.table.column. */
    private static Map<String, String[]> types(Connection db) throws SQLException {
        Map<String, String[]> out = new HashMap<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE,"
                + " CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA IN ('ALPHA', 'TAP_SCHEMA')")) {
            while (rs.next()) {
                String h2 = rs.getString(4);
                String datatype = switch (h2) {
                    case "DOUBLE PRECISION" -> "double";
                    case "REAL" -> "float";
                    case "BIGINT" -> "long";
                    case "INTEGER" -> "int";
                    case "SMALLINT" -> "short";
                    case "BOOLEAN" -> "boolean";
                    case "CHARACTER VARYING" -> "char";
                    default -> throw new SQLException("column " + rs.getString(3) + " has type " + h2
                            + ", which TAP_SCHEMA cannot describe; use one of the types in schema/alpha.sql");
                };
                String arraysize = datatype.equals("char") ? rs.getLong(5) + "*" : null;
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

    /** The database's own foreign keys (of alpha and TAP_SCHEMA), one TAP_SCHEMA key per constraint. */
    private static void foreignKeys(Connection db) throws SQLException {
        String sql = "SELECT f.CONSTRAINT_NAME, f.TABLE_SCHEMA, f.TABLE_NAME, f.COLUMN_NAME, t.TABLE_SCHEMA, t.TABLE_NAME,"
                + " t.COLUMN_NAME FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS r"
                + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE f ON f.CONSTRAINT_NAME = r.CONSTRAINT_NAME"
                + " AND f.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA"
                + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE t ON t.CONSTRAINT_NAME = r.UNIQUE_CONSTRAINT_NAME"
                + " AND t.CONSTRAINT_SCHEMA = r.UNIQUE_CONSTRAINT_SCHEMA AND t.ORDINAL_POSITION = f.POSITION_IN_UNIQUE_CONSTRAINT"
                + " WHERE f.TABLE_SCHEMA IN ('ALPHA', 'TAP_SCHEMA')"
                + " ORDER BY f.TABLE_SCHEMA, f.TABLE_NAME, t.TABLE_NAME, f.CONSTRAINT_NAME, f.ORDINAL_POSITION";
        Map<String, String> keyIds = new HashMap<>();
        Map<String, String[]> keys = new java.util.LinkedHashMap<>();
        java.util.List<String[]> columns = new java.util.ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                String from = lower(rs.getString(2)) + "." + lower(rs.getString(3));
                String target = lower(rs.getString(5)) + "." + lower(rs.getString(6));
                String column = lower(rs.getString(4));
                String id = keyIds.computeIfAbsent(rs.getString(2) + "." + rs.getString(1), c -> from.replace('.', '_') + "_" + column);
                keys.putIfAbsent(id, new String[] {from, target});
                columns.add(new String[] {id, column, lower(rs.getString(7))});
            }
        }
        try (BatchInsert ins = new BatchInsert(db, "tap_schema.keys", "key_id", "from_table", "target_table",
                "description")) {
            for (Map.Entry<String, String[]> k : keys.entrySet()) {
                String[] t = k.getValue();
                ins.text(k.getKey()).text(t[0]).text(t[1]).text("Each " + t[0] + " row refers to one " + t[1] + " row")
                        .row();
            }
        }
        try (BatchInsert ins = new BatchInsert(db, "tap_schema.key_columns", "key_id", "from_column", "target_column")) {
            for (String[] c : columns) {
                ins.text(c[0]).text(c[1]).text(c[2]).row();
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

package org.alphatap.tap;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.ac.starlink.votable.VOSerializer;

/**
 * The VOSI 1.1 tableset, written from TAP_SCHEMA once at start-up so that /tables says exactly
 * what TAP_SCHEMA says: the whole set, or one table for /tables/{name}.
 */
public final class TableSet {
    private static final String NS = "xmlns:vosi=\"http://www.ivoa.net/xml/VOSITables/v1.0\""
            + " xmlns:vs=\"http://www.ivoa.net/xml/VODataService/v1.1\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    private final Map<String, String> schemaXml = new LinkedHashMap<>();
    private final Map<String, List<String>> tablesOfSchema = new LinkedHashMap<>();
    private final Map<String, String> tableXml = new LinkedHashMap<>();

    private TableSet() {
    }

    public static TableSet read(Connection db) throws SQLException {
        TableSet t = new TableSet();
        Map<String, StringBuilder> columns = new LinkedHashMap<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT table_name, column_name, description, unit, ucd,"
                + " datatype, arraysize, principal, indexed, std FROM tap_schema.columns ORDER BY table_name, column_index")) {
            while (rs.next()) {
                StringBuilder b = columns.computeIfAbsent(rs.getString(1), k -> new StringBuilder());
                b.append("      <column>\n");
                element(b, "        ", "name", rs.getString(2));
                element(b, "        ", "description", rs.getString(3));
                element(b, "        ", "unit", rs.getString(4));
                element(b, "        ", "ucd", rs.getString(5));
                b.append("        <dataType xsi:type=\"vs:VOTableType\"")
                        .append(rs.getString(7) == null ? "" : " arraysize=\"" + rs.getString(7) + "\"")
                        .append('>').append(rs.getString(6)).append("</dataType>\n");
                if (rs.getInt(9) == 1) {
                    b.append("        <flag>indexed</flag>\n");
                }
                if (rs.getInt(8) == 1) {
                    b.append("        <flag>principal</flag>\n");
                }
                if (rs.getInt(10) == 1) {
                    b.append("        <flag>std</flag>\n");
                }
                b.append("      </column>\n");
            }
        }
        Map<String, StringBuilder> keys = new LinkedHashMap<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT k.from_table, k.target_table, c.from_column,"
                + " c.target_column FROM tap_schema.keys k JOIN tap_schema.key_columns c ON c.key_id = k.key_id"
                + " ORDER BY k.key_id")) {
            while (rs.next()) {
                StringBuilder b = keys.computeIfAbsent(rs.getString(1), k -> new StringBuilder());
                b.append("      <foreignKey>\n");
                element(b, "        ", "targetTable", rs.getString(2));
                b.append("        <fkColumn>\n");
                element(b, "          ", "fromColumn", rs.getString(3));
                element(b, "          ", "targetColumn", rs.getString(4));
                b.append("        </fkColumn>\n      </foreignKey>\n");
            }
        }
        try (ResultSet rs = db.createStatement().executeQuery("SELECT schema_name, table_name, description"
                + " FROM tap_schema.tables ORDER BY table_index")) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                element(b, "      ", "name", rs.getString(2));
                element(b, "      ", "description", rs.getString(3));
                b.append(columns.getOrDefault(rs.getString(2), new StringBuilder()));
                b.append(keys.getOrDefault(rs.getString(2), new StringBuilder()));
                t.tableXml.put(rs.getString(2), b.toString());
                t.tablesOfSchema.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        try (ResultSet rs = db.createStatement().executeQuery("SELECT schema_name, description FROM tap_schema.schemas"
                + " ORDER BY schema_index")) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                element(b, "    ", "name", rs.getString(1));
                element(b, "    ", "description", rs.getString(2));
                t.schemaXml.put(rs.getString(1), b.toString());
            }
        }
        return t;
    }

    /** The whole tableset document. */
    public String tableset() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<vosi:tableset " + NS + ">\n" + schemas()
                + "</vosi:tableset>\n";
    }

    /**
     * The content of a tableset, its {@code schema} elements: of the VOSI document and of the
     * registry record's {@code vs:TableSet}, which is the same type.
     */
    public String schemas() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> s : schemaXml.entrySet()) {
            b.append("  <schema>\n").append(s.getValue());
            for (String table : tablesOfSchema.getOrDefault(s.getKey(), List.of())) {
                b.append("    <table type=\"output\">\n").append(tableXml.get(table)).append("    </table>\n");
            }
            b.append("  </schema>\n");
        }
        return b.toString();
    }

    /** One table's document for /tables/{name}, or null when there is no such table. */
    public String table(String name) {
        String body = tableXml.get(name);
        return body == null ? null : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<vosi:table " + NS
                + " type=\"output\">\n" + body + "</vosi:table>\n";
    }

    private static void element(StringBuilder b, String indent, String name, String value) {
        if (value != null && !value.isEmpty()) {
            b.append(indent).append('<').append(name).append('>').append(VOSerializer.formatText(value)).append("</")
                    .append(name).append(">\n");
        }
    }
}

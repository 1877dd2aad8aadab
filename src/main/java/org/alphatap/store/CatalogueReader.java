package org.alphatap.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.catalogue.Column;
import org.alphatap.catalogue.ForeignKey;
import org.alphatap.catalogue.Table;

/**
 * Reads the published catalogue from TAP_SCHEMA, once, as the service starts: every table, column
 * and key the service then describes and queries come from here, so what it says and what it
 * does cannot part.
 */
public final class CatalogueReader {
    private CatalogueReader() {
    }

    /** The catalogue of the H2 build in {@code data}. */
    public static Catalogue read(java.nio.file.Path data) throws SQLException {
        return read(new H2Store(data));
    }

    /** The catalogue of the build in {@code tables}. */
    public static Catalogue read(Store tables) throws SQLException {
        try (Connection c = tables.openReader()) {
            return read(c);
        }
    }

    public static Catalogue read(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            Map<String, List<Column>> columns = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name, column_name, datatype, arraysize, xtype, unit, ucd,"
                    + " utype, description, principal, indexed, std FROM tap_schema.columns"
                    + " ORDER BY table_name, column_index")) {
                while (rs.next()) {
                    // Reserved words are published "delimited"; the catalogue holds the bare name.
                    columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(new Column(
                            rs.getString(2).replace("\"", ""), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10) == 1,
                            rs.getInt(11) == 1, rs.getInt(12) == 1));
                }
            }
            Map<String, List<ForeignKey>> keys = new LinkedHashMap<>();
            Map<String, String[]> keyTables = new LinkedHashMap<>();
            Map<String, List<String[]>> keyColumns = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT k.key_id, k.from_table, k.target_table, c.from_column,"
                    + " c.target_column FROM tap_schema.keys k JOIN tap_schema.key_columns c ON c.key_id = k.key_id"
                    + " ORDER BY k.key_id")) {
                while (rs.next()) {
                    keyTables.putIfAbsent(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                    keyColumns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new String[] {rs.getString(4), rs.getString(5)});
                }
            }
            keyTables.forEach((id, t) -> keys.computeIfAbsent(t[0], k -> new ArrayList<>()).add(new ForeignKey(t[1],
                    keyColumns.get(id).stream().map(c -> c[0]).toList(), keyColumns.get(id).stream().map(c -> c[1])
                            .toList())));
            List<Table> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT schema_name, table_name, description FROM tap_schema.tables"
                    + " ORDER BY table_index")) {
                while (rs.next()) {
                    String name = rs.getString(2);
                    tables.add(new Table(rs.getString(1), name, rs.getString(3), columns.getOrDefault(name, List.of()),
                            keys.getOrDefault(name, List.of())));
                }
            }
            List<Catalogue.Schema> schemas = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT schema_name, description FROM tap_schema.schemas"
                    + " ORDER BY schema_index")) {
                while (rs.next()) {
                    schemas.add(new Catalogue.Schema(rs.getString(1), rs.getString(2)));
                }
            }
            return new Catalogue(schemas, tables);
        }
    }
}

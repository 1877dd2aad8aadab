package org.alphatap.tap;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alphatap.adql.check.Catalog;
import org.alphatap.writers.Field;
import org.alphatap.store.Database;

/**
 * What a build publishes, as TAP_SCHEMA.columns of its database says: the names queries may use,
 * the unit, UCD and description of each column by "schema.table.column", and each table's
 * principal columns in order.
 */
public record Published(Catalog catalog, Map<String, Field> described, Map<String, List<String>> principal) {
    public static Published read(Path data) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, Field> described = new HashMap<>();
        Map<String, List<String>> principal = new LinkedHashMap<>();
        try (Connection c = Database.openReadOnly(data); ResultSet rs = c.createStatement().executeQuery(
                "SELECT table_name, column_name, unit, ucd, description, principal FROM tap_schema.columns"
                        + " ORDER BY table_name, column_index")) {
            while (rs.next()) {
                // Reserved words are published "delimited"; the catalogue holds the bare name.
                String column = rs.getString(2).replace("\"", "");
                columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(column);
                if (rs.getInt(6) == 1) {
                    principal.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(column);
                }
                described.put(rs.getString(1) + "." + column,
                        new Field(column, rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new SQLException("cannot read TAP_SCHEMA in " + data + " (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); was it written by an older alphatap build? Run alphatap build again", e);
        }
        Catalog catalog = new Catalog();
        columns.forEach(catalog::add);
        return new Published(catalog, described, principal);
    }
}

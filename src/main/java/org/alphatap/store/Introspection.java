package org.alphatap.store;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the staged tables are, read back through JDBC's own metadata (the same calls on H2 and
 * PostgreSQL), keyed by the published lower-case names: {@code alpha.stars.ra}.
 */
final class Introspection {
    /** One column of a foreign key, tables as published. */
    record KeyColumn(String constraint, String from, String fromColumn, String target, String targetColumn, int seq) {
    }

    private final DatabaseMetaData md;
    private final Schemas schemas;
    private final boolean upper;

    Introspection(Staging staging) throws SQLException {
        this.md = staging.connection().getMetaData();
        this.schemas = staging.schemas();
        this.upper = md.storesUpperCaseIdentifiers();
    }

    /** A written schema's name in the case the engine stores it. */
    private String stored(String published) {
        String name = schemas.written(published);
        return upper ? name.toUpperCase(Locale.ROOT) : name;
    }

    /** The published schema.table of a stored schema and table name. */
    private String table(String schema, String table) {
        return schemas.published(schema) + "." + lower(table);
    }

    /** VOTable datatype (as TAP 1.1 asks) and arraysize of every column. */
    Map<String, String[]> types() throws SQLException {
        Map<String, String[]> out = new HashMap<>();
        for (String published : Schemas.PUBLISHED) {
            try (ResultSet rs = md.getColumns(null, stored(published), "%", "%")) {
                while (rs.next()) {
                    int type = rs.getInt("DATA_TYPE");
                    String datatype = switch (type) {
                        case Types.DOUBLE, Types.FLOAT -> "double";
                        case Types.REAL -> "float";
                        case Types.BIGINT -> "long";
                        case Types.INTEGER -> "int";
                        case Types.SMALLINT -> "short";
                        case Types.BOOLEAN, Types.BIT -> "boolean";
                        case Types.VARCHAR -> "char";
                        default -> throw new SQLException("column " + rs.getString("COLUMN_NAME") + " has type "
                                + rs.getString("TYPE_NAME") + ", which TAP_SCHEMA cannot describe; use one of the"
                                + " types in schema/alpha.sql");
                    };
                    String arraysize = datatype.equals("char") ? rs.getLong("COLUMN_SIZE") + "*" : null;
                    out.put(table(rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME")) + "."
                            + lower(rs.getString("COLUMN_NAME")), new String[] {datatype, arraysize});
                }
            }
        }
        return out;
    }

    /** The columns that lead an index (a key's included) in schema alpha. */
    Set<String> indexed() throws SQLException {
        Set<String> out = new HashSet<>();
        for (String table : tables("alpha")) {
            try (ResultSet rs = md.getIndexInfo(null, stored("alpha"), table, false, true)) {
                while (rs.next()) {
                    if (rs.getInt("ORDINAL_POSITION") == 1 && rs.getString("COLUMN_NAME") != null) {
                        out.add(table(rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME")) + "."
                                + lower(rs.getString("COLUMN_NAME")));
                    }
                }
            }
        }
        return out;
    }

    /** Every foreign key of the published schemas, ordered by table, target, constraint and column. */
    List<KeyColumn> foreignKeys() throws SQLException {
        List<KeyColumn> out = new ArrayList<>();
        for (String published : Schemas.PUBLISHED) {
            for (String table : tables(published)) {
                try (ResultSet rs = md.getImportedKeys(null, stored(published), table)) {
                    while (rs.next()) {
                        out.add(new KeyColumn(rs.getString("FK_NAME"),
                                table(rs.getString("FKTABLE_SCHEM"), rs.getString("FKTABLE_NAME")),
                                lower(rs.getString("FKCOLUMN_NAME")),
                                table(rs.getString("PKTABLE_SCHEM"), rs.getString("PKTABLE_NAME")),
                                lower(rs.getString("PKCOLUMN_NAME")), rs.getInt("KEY_SEQ")));
                    }
                }
            }
        }
        out.sort(Comparator.comparing(KeyColumn::from).thenComparing(KeyColumn::target)
                .thenComparing(KeyColumn::constraint).thenComparingInt(KeyColumn::seq));
        return out;
    }

    /** The stored names of a published schema's tables. */
    private List<String> tables(String published) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = md.getTables(null, stored(published), "%", null)) {
            while (rs.next()) {
                String type = rs.getString("TABLE_TYPE");
                if (type != null && type.toUpperCase(Locale.ROOT).contains("TABLE")) {
                    out.add(rs.getString("TABLE_NAME"));
                }
            }
        }
        return out;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

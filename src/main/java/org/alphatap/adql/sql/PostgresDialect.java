package org.alphatap.adql.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL: names lower-cased; LOG is the natural logarithm in ADQL and base 10 in PostgreSQL;
 * ROUND and TRUNCATE to n places and MOD exist there for NUMERIC only, so they go through NUMERIC
 * and come back as DOUBLE PRECISION; RAND is RANDOM (PostgreSQL has no seeded form inside one
 * query: a seed is accepted and does not repeat the sequence). Uploads are UNNEST over one array
 * parameter per column, which a read-only replica allows where temporary tables are refused.
 */
public final class PostgresDialect implements Dialect {
    public static final PostgresDialect INSTANCE = new PostgresDialect();

    /** PostgreSQL's element type names of the SQL types an upload column may have. */
    private static final Map<String, String> ARRAY_TYPES = Map.of("BOOLEAN", "bool", "SMALLINT", "int2",
            "INTEGER", "int4", "BIGINT", "int8", "REAL", "float4", "DOUBLE PRECISION", "float8", "VARCHAR", "varchar");

    private PostgresDialect() {
    }

    @Override
    public String engine() {
        return "PostgreSQL";
    }

    @Override
    public String name(String identifier) {
        return '"' + identifier.toLowerCase(Locale.ROOT).replace("\"", "\"\"") + '"';
    }

    @Override
    public String call(String function, List<String> a) {
        return switch (function) {
            case "LOG" -> "LN(" + a.get(0) + ")";
            case "RAND" -> "RANDOM()";
            case "ROUND", "TRUNCATE" -> {
                String pg = function.equals("ROUND") ? "ROUND" : "TRUNC";
                yield a.size() == 1 ? pg + "(" + a.get(0) + ")"
                        : "CAST(" + pg + "(CAST(" + a.get(0) + " AS NUMERIC), " + a.get(1) + ") AS DOUBLE PRECISION)";
            }
            case "MOD" -> "CAST(MOD(CAST(" + a.get(0) + " AS NUMERIC), CAST(" + a.get(1)
                    + " AS NUMERIC)) AS DOUBLE PRECISION)";
            default -> function + '(' + String.join(", ", a) + ')';
        };
    }

    @Override
    public String nullOrdering(boolean descending) {
        return descending ? " NULLS LAST" : " NULLS FIRST";
    }

    @Override
    public boolean outerJoins() {
        return true;
    }

    /** PostgreSQL's text types cannot hold NUL; a literal with one breaks the protocol message. */
    @Override
    public boolean stringsHoldNul() {
        return false;
    }

    @Override
    public String upload(UploadedTable table, String alias) {
        StringBuilder b = new StringBuilder("UNNEST(");
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < table.columns().size(); i++) {
            UploadedTable.Column c = table.columns().get(i);
            b.append(i == 0 ? "" : ", ").append("CAST(? AS ").append(baseType(c.sqlType())).append("[])");
            names.append(i == 0 ? "" : ", ").append(name(c.name()));
        }
        return b.append(") AS ").append(alias).append('(').append(names).append(')').toString();
    }

    @Override
    public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof UploadedTable.Column column) {
            statement.setArray(index, statement.getConnection().createArrayOf(arrayType(column.sqlType()),
                    column.values()));
        } else {
            statement.setObject(index, value);
        }
    }

    /** The type without a length: VARCHAR(20) is an array of VARCHAR. */
    private static String baseType(String sqlType) {
        int paren = sqlType.indexOf('(');
        return paren < 0 ? sqlType : sqlType.substring(0, paren);
    }

    /** PostgreSQL's name of an element type, for the arrays the driver builds. */
    private static String arrayType(String sqlType) {
        return ARRAY_TYPES.getOrDefault(baseType(sqlType).toUpperCase(Locale.ROOT), "varchar");
    }
}

package org.alphatap.adql.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** H2: names upper-cased, ADQL's functions under their own names, uploads through TABLE(). */
public final class H2Dialect implements Dialect {
    public static final H2Dialect INSTANCE = new H2Dialect();

    private H2Dialect() {
    }

    @Override
    public String engine() {
        return "H2";
    }

    @Override
    public String name(String identifier) {
        return '"' + identifier.toUpperCase(Locale.ROOT).replace("\"", "\"\"") + '"';
    }

    @Override
    public String call(String function, List<String> arguments) {
        return function + '(' + String.join(", ", arguments) + ')';
    }

    /** H2 sorts NULL low already; saying so would keep an index from giving the order. */
    @Override
    public String nullOrdering(boolean descending) {
        return "";
    }

    @Override
    public boolean outerJoins() {
        return false;
    }

    @Override
    public boolean stringsHoldNul() {
        return true;
    }

    /** H2's TABLE function over one array parameter per column. */
    @Override
    public String upload(UploadedTable table, String alias) {
        StringBuilder b = new StringBuilder("TABLE(");
        for (int i = 0; i < table.columns().size(); i++) {
            UploadedTable.Column c = table.columns().get(i);
            b.append(i == 0 ? "" : ", ").append(name(c.name())).append(' ').append(c.sqlType()).append(" = ?");
        }
        return b.append(") AS ").append(alias).toString();
    }

    @Override
    public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        statement.setObject(index, value instanceof UploadedTable.Column column ? column.values() : value);
    }
}

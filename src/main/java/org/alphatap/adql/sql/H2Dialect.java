package org.alphatap.adql.sql;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.h2.jdbc.JdbcConnection;

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

    /**
     * Cancels the statement's session as well: once a lazy result is returned, H2 checks the
     * statement's cancel flag only in the outer query, so rows that come slowly out of a subquery
     * would go on; the session's cancel time is checked at every few rows of every level. The
     * session's next statement sets that time again from its own timeout.
     */
    @Override
    public void cancel(Statement statement) throws SQLException {
        statement.cancel();
        statement.getConnection().unwrap(JdbcConnection.class).getSession().cancel();
    }
}

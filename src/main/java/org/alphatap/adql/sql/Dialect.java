package org.alphatap.adql.sql;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between the SQL engines a query is written for: the case of stored names, the
 * functions whose names or meanings differ, NULL ordering, the joins an engine has, and how an
 * uploaded table reaches a statement without DDL. {@link SqlWriter} asks; the AST walk is one.
 */
public interface Dialect {
    /** The engine's name, as error messages give it. */
    String engine();

    /** A name quoted and in the case the engine stores unquoted DDL names in. */
    String name(String identifier);

    /**
     * A call of an ADQL function that the checker accepted, its arguments already written; DISTINCT
     * and COUNT are written by the caller.
     */
    String call(String function, List<String> arguments);

    /**
     * What follows ASC or DESC so that NULLs sort first in ascending order and last in descending
     * order on every engine (ADQL leaves it open; H2 does it by default, PostgreSQL the opposite).
     */
    String nullOrdering(boolean descending);

    /** Whether the engine has FULL OUTER and NATURAL outer joins. */
    boolean outerJoins();

    /** Whether a string may hold the character U+0000 (NUL). */
    boolean stringsHoldNul();

    /**
     * An uploaded table as a table expression named {@code alias}: one statement parameter per
     * column, in column order, each bound with {@link #bind}.
     */
    String upload(UploadedTable table, String alias);

    /** Binds a statement parameter the writer produced: a value, or a whole column of an upload. */
    void bind(PreparedStatement statement, int index, Object value) throws SQLException;

    /** Stops a running statement from another thread, whether it is executing or its rows are being read. */
    default void cancel(Statement statement) throws SQLException {
        statement.cancel();
    }
}

package org.alphatap.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Locale;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

/** The H2 file database of a build: {@code DIR/alphatap.mv.db}. */
public final class Database {
    public static final String NAME = "alphatap";
    public static final String FILE_NAME = NAME + ".mv.db";

    /**
     * How the service opens a build: read-only, never creating it, with lazy query execution so
     * that rows stream from the cursor instead of being collected by H2 first.
     */
    private static final String READ_ONLY = ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;LAZY_QUERY_EXECUTION=TRUE";
    /**
     * The user the service reads as: it may SELECT from the published schemas and nothing else, so
     * that no query can reach H2's admin-only functions (files, links, scripts, aliases) even if
     * the ADQL translator let one through. Its empty password guards nothing: whoever can open the
     * file has the data; the user exists for what it may not do.
     */
    static final String READER = "TAP_READER";

    private Database() {
    }

    /** A read-write connection, creating the database if needed (the build). */
    public static Connection create(Path dir) throws SQLException {
        return DriverManager.getConnection(url(dir) + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }

    /** A connection to an existing database, which is never modified (the service). */
    public static Connection openReadOnly(Path dir) throws SQLException {
        try {
            return DriverManager.getConnection(url(dir) + READ_ONLY, READER, "");
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw new SQLException("the database in " + dir + " has no read-only user " + READER
                        + ": it was built by an older alphatap; build it again", e.getSQLState(), e.getErrorCode(), e);
            }
            throw e;
        }
    }

    /**
     * Creates the read-only user of the service, if it is not there yet, and lets it read
     * {@code schemas}: the build's last step, once the tables exist.
     */
    public static void grantReading(Connection c, Collection<String> schemas) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS " + READER + " PASSWORD ''");
            for (String schema : schemas) {
                s.execute("GRANT SELECT ON SCHEMA \"" + schema.toUpperCase(Locale.ROOT) + "\" TO " + READER);
            }
        }
    }

    /**
     * A pool of read-only connections (H2's own) as the reader. Open with {@link #openWithCache}
     * first: the pool keeps the database open between queries, so a query does not pay for
     * opening the file, and its page cache warm.
     */
    public static JdbcConnectionPool readOnlyPool(Path dir, int maxConnections) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url(dir) + READ_ONLY, READER, "");
        pool.setMaxConnections(maxConnections);
        return pool;
    }

    /**
     * A read-only admin connection that opens the database with a page cache of {@code cacheMb}: a
     * setting of the whole database, which the reader may not make. Held open for as long as the
     * service runs, and never lent to a query, it keeps the database open with that cache.
     */
    public static Connection openWithCache(Path dir, int cacheMb) throws SQLException {
        return DriverManager.getConnection(url(dir) + READ_ONLY + ";CACHE_SIZE=" + cacheMb * 1024L, "sa", "");
    }

    static String url(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve(NAME);
    }
}

package org.alphatap.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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

    private Database() {
    }

    /** A read-write connection, creating the database if needed (the build). */
    public static Connection create(Path dir) throws SQLException {
        return DriverManager.getConnection(url(dir) + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }

    /** A connection to an existing database, which is never modified (the service). */
    public static Connection openReadOnly(Path dir) throws SQLException {
        return DriverManager.getConnection(url(dir) + READ_ONLY, "sa", "");
    }

    /**
     * A pool of read-only connections (H2's own). It keeps the database open between queries, so a
     * query does not pay for opening the file, and its page cache warm: {@code cacheMb} of it.
     */
    public static JdbcConnectionPool readOnlyPool(Path dir, int maxConnections, int cacheMb) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url(dir) + READ_ONLY + ";CACHE_SIZE=" + cacheMb * 1024L,
                "sa", "");
        pool.setMaxConnections(maxConnections);
        return pool;
    }

    static String url(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve(NAME);
    }

    /** Runs a DDL script from the classpath (statements separated by ';', "--" comments). */
    public static void runScript(Connection c, String resource) throws SQLException, IOException {
        String sql;
        try (InputStream in = Database.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("DDL script " + resource + " is missing from the build");
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder body = new StringBuilder();
        for (String line : sql.split("\n")) {
            int comment = line.indexOf("--");
            body.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        try (Statement s = c.createStatement()) {
            for (String statement : body.toString().split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }
}

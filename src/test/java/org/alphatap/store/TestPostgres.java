package org.alphatap.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh database on the PostgreSQL server that {@code ALPHATAP_TEST_POSTGRES} names (a JDBC URL
 * of an administrator's database, as {@code .ci/postgres start} prints). Without it a test that
 * needs PostgreSQL is skipped on a developer's machine and fails in CI ({@code CI} set), where
 * {@code .ci/run} starts a server: there it must never be skipped silently.
 */
public final class TestPostgres implements AutoCloseable {
    public static final String VARIABLE = "ALPHATAP_TEST_POSTGRES";
    /** The cluster's directory, for the tests that restart the server. */
    public static final String DIRECTORY = "ALPHATAP_TEST_POSTGRES_DIR";

    private final String admin;
    private final String name;
    private final String url;

    private TestPostgres(String admin, String name, String url) {
        this.admin = admin;
        this.name = name;
        this.url = url;
    }

    /** Creates an empty database of its own for the calling test class. */
    public static TestPostgres create() throws SQLException {
        String admin = System.getenv(VARIABLE);
        if (admin == null || admin.isBlank()) {
            if (System.getenv("CI") != null) {
                fail(VARIABLE + " is not set: CI must start PostgreSQL (.ci/postgres start DIR) and export its URL");
            }
            Assumptions.abort(VARIABLE + " is not set: the PostgreSQL tests are skipped (README: Tests on PostgreSQL)");
        }
        String name = "alphatap_test_" + Long.toString(System.nanoTime(), 36);
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new TestPostgres(admin, name, withDatabase(admin, name));
    }

    /** The JDBC URL of the test's database, with the administrator's user. */
    public String url() {
        return url;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /**
     * Restarts the server (fast shutdown: sessions are ended, as an operator's restart would), on
     * the same port, through {@code .ci/postgres restart} and the cluster directory that
     * {@value #DIRECTORY} names.
     */
    public static void restartServer() throws Exception {
        String dir = System.getenv(DIRECTORY);
        if (dir == null || dir.isBlank()) {
            if (System.getenv("CI") != null) {
                fail(DIRECTORY + " is not set: CI must export the cluster directory of .ci/postgres start");
            }
            Assumptions.abort(DIRECTORY + " is not set: the restart test is skipped (README: Tests on PostgreSQL)");
        }
        Process p = new ProcessBuilder(".ci/postgres", "restart", dir).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(".ci/postgres restart failed: " + out);
        }
    }

    /** Drops the database, closing whatever connections are still open on it. */
    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** The URL with its database (the path after host:port) replaced. */
    static String withDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }
}

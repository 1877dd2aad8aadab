package org.alphatap.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The service's pool of read-only connections to a build, and what closing it must release. */
public record Readers(DataSource pool, Runnable release) implements AutoCloseable {
    /** A connection as the reader; closing it gives it back. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        release.run();
    }
}

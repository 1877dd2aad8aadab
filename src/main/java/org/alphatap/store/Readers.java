package org.alphatap.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/**
 * The service's pool of read-only connections to a build, what closing it must release, and when
 * its page cache is warm (at once where nothing is warmed): work that scans a table waits for it.
 */
public record Readers(DataSource pool, Runnable release, CompletableFuture<Void> warm) implements AutoCloseable {
    /** A connection as the reader; closing it gives it back. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        release.run();
    }
}

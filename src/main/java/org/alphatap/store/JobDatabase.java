package org.alphatap.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Where the service keeps its async jobs: a pool of read-write connections whose default schema
 * holds the job tables. {@code shared} says whether other service processes may use the same
 * tables at the same time (PostgreSQL), or whether this process has them alone (an H2 file, which
 * one process opens at a time).
 */
public record JobDatabase(DataSource pool, boolean shared, Runnable release) implements AutoCloseable {
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        release.run();
    }
}

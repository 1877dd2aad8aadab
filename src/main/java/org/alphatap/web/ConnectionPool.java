package org.alphatap.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.alphatap.store.Database;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The read-only connections of the served build, closed when Vert.x closes, and the connection
 * that holds the database open with its page cache (see {@link Database#openWithCache}).
 */
final class ConnectionPool extends VerticleBase {
    private final Connection cacheHolder;
    private final JdbcConnectionPool pool;

    private ConnectionPool(Path data, int maxConnections, int cacheMb) throws SQLException {
        cacheHolder = Database.openWithCache(data, cacheMb);
        pool = Database.readOnlyPool(data, maxConnections);
    }

    static ConnectionPool open(Vertx vertx, Path data, int maxConnections, int cacheMb) throws SQLException {
        ConnectionPool p = new ConnectionPool(data, maxConnections, cacheMb);
        vertx.deployVerticle(p);
        return p;
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public Future<?> stop() {
        pool.dispose();
        try {
            cacheHolder.close();
        } catch (SQLException e) {
            return Future.failedFuture(e);
        }
        return Future.succeededFuture();
    }
}

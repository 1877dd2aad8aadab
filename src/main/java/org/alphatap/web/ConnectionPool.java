package org.alphatap.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.alphatap.store.Database;
import org.h2.jdbcx.JdbcConnectionPool;

/** The read-only connections of the served build, closed when Vert.x closes. */
final class ConnectionPool extends VerticleBase {
    private final JdbcConnectionPool pool;

    private ConnectionPool(Path data, int maxConnections, int cacheMb) {
        pool = Database.readOnlyPool(data, maxConnections, cacheMb);
    }

    static ConnectionPool open(Vertx vertx, Path data, int maxConnections, int cacheMb) {
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
        return Future.succeededFuture();
    }
}

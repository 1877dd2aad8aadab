package org.alphatap.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import org.alphatap.store.Readers;
import org.alphatap.store.Store;

/** The read-only connections of the served build, closed when Vert.x closes. */
final class ConnectionPool extends VerticleBase {
    private final Readers pool;

    private ConnectionPool(Store tables, int maxConnections, int cacheMb) throws SQLException {
        pool = tables.readers(maxConnections, cacheMb);
    }

    static ConnectionPool open(Vertx vertx, Store tables, int maxConnections, int cacheMb) throws SQLException {
        ConnectionPool p = new ConnectionPool(tables, maxConnections, cacheMb);
        vertx.deployVerticle(p);
        return p;
    }

    Connection connection() throws SQLException {
        return pool.connection();
    }

    /** When the database's page cache is warm, at once where nothing is warmed. */
    CompletableFuture<Void> warm() {
        return pool.warm();
    }

    @Override
    public Future<?> stop() {
        pool.close();
        return Future.succeededFuture();
    }
}

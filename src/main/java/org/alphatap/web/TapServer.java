package org.alphatap.web;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.alphatap.adql.check.Catalog;
import org.alphatap.out.Field;
import org.alphatap.out.VotableResults;
import org.alphatap.store.Database;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.TableSet;
import org.alphatap.tap.TapException;
import org.alphatap.tap.uws.AsyncSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the service. Routers only translate HTTP to calls of the {@code tap} layer;
 * queries run on worker threads, never on the event loop.
 */
public final class TapServer {
    private static final Logger LOG = LoggerFactory.getLogger(TapServer.class);
    static final String VOTABLE = "application/x-votable+xml";

    private final Path data;
    private final Catalog catalog;
    private final Map<String, Field> described;
    private final SyncQuery.Limits limits;
    private final TableSet tables;

    private TapServer(Path data, Catalog catalog, Map<String, Field> described, SyncQuery.Limits limits,
            TableSet tables) {
        this.data = data;
        this.catalog = catalog;
        this.described = described;
        this.limits = limits;
        this.tables = tables;
    }

    /** Opens the built database in {@code data} read-only and serves it; async jobs live in {@code data/uws}. */
    public static Future<HttpServer> start(Vertx vertx, Path data, String host, int port, SyncQuery.Limits limits,
            AsyncSettings async) throws SQLException {
        Map<String, Field> described = new HashMap<>();
        Catalog catalog = publishedTables(data, described);
        TableSet tables;
        try (Connection c = Database.openReadOnly(data)) {
            tables = TableSet.read(c);
        }
        TapServer s = new TapServer(data, catalog, described, limits, tables);
        Router router = Router.router(vertx);
        router.route("/tap/*").handler(BodyHandler.create().setBodyLimit(1 << 20));
        router.route("/tap/sync").handler(s::sync);
        router.get("/tap/availability").handler(s::availability);
        router.get("/tap/tables").handler(ctx -> xml(ctx, s.tables.tableset()));
        router.get("/tap/tables/:name").handler(s::table);
        return AsyncEndpoint.mount(router, vertx, data, catalog, described, limits, async)
                .compose(v -> vertx.createHttpServer().requestHandler(router).listen(port, host));
    }

    /**
     * The names queries may use: TAP_SCHEMA.columns of the database; their units, UCDs and
     * descriptions go into {@code described}, by "schema.table.column".
     */
    static Catalog publishedTables(Path data, Map<String, Field> described) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (Connection c = Database.openReadOnly(data); ResultSet rs = c.createStatement().executeQuery(
                "SELECT table_name, column_name, unit, ucd, description FROM tap_schema.columns"
                        + " ORDER BY table_name, column_index")) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
                described.put(rs.getString(1) + "." + rs.getString(2),
                        new Field(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new SQLException("cannot read TAP_SCHEMA in " + data + " (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); was it written by an older alphatap build? Run alphatap build again", e);
        }
        Catalog catalog = new Catalog();
        columns.forEach(catalog::add);
        return catalog;
    }

    private void sync(RoutingContext ctx) {
        Map<String, String> params = parameters(ctx);
        HttpServerResponse response = ctx.response();
        // Parsing and checking a query (up to the 1 MiB body) is work too: none of it on the event loop.
        ctx.vertx().executeBlocking(() -> {
            SyncQuery.Prepared prepared = SyncQuery.prepare(params, catalog, described, limits);
            try (Connection db = Database.openReadOnly(data)) {
                ResponseStream out = new ResponseStream(response);
                SyncQuery.run(prepared, db, limits, () -> response.setChunked(true).setStatusCode(200)
                        .putHeader("Content-Type", prepared.format().mimeType()), out);
                out.flush();
            }
            return null;
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                response.end();
            } else if (!response.headWritten()) {
                error(response, done.cause() instanceof TapException e ? e
                        : new TapException(500, "the service failed to run the query: " + done.cause().getMessage()));
            } else {
                // Past the first byte there is no second document to send: end the stream and log.
                LOG.warn("sync query failed while streaming: {}", done.cause().getMessage());
                response.reset();
            }
        });
    }

    private void table(RoutingContext ctx) {
        String doc = tables.table(ctx.pathParam("name"));
        if (doc == null) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain")
                    .end("no table '" + ctx.pathParam("name") + "'; /tap/tables lists the tables\n");
        } else {
            xml(ctx, doc);
        }
    }

    private static void xml(RoutingContext ctx, String doc) {
        ctx.response().putHeader("Content-Type", "text/xml; charset=UTF-8").end(doc);
    }

    private void availability(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/xml").end("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<vosi:availability xmlns:vosi=\"http://www.ivoa.net/xml/VOSIAvailability/v1.0\">\n"
                + "  <vosi:available>true</vosi:available>\n</vosi:availability>\n");
    }

    /**
     * GET and POST parameters together, not a route's path parameters (which Vert.x adds to the
     * request's); names are case-insensitive in TAP, values are not.
     */
    static Map<String, String> parameters(RoutingContext ctx) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (MultiMap part : List.of(ctx.queryParams(), ctx.request().formAttributes())) {
            for (Map.Entry<String, String> e : part) {
                out.putIfAbsent(e.getKey().toUpperCase(Locale.ROOT), e.getValue());
            }
        }
        return out;
    }

    private static void error(HttpServerResponse response, TapException e) {
        ByteArrayOutputStream doc = new ByteArrayOutputStream();
        try {
            VotableResults.error(e.getMessage(), doc);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        response.setStatusCode(e.status()).putHeader("Content-Type", VOTABLE)
                .end(new String(doc.toByteArray(), StandardCharsets.UTF_8));
    }
}

package org.alphatap.web;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.alphatap.adql.sql.Dialect;
import org.alphatap.writers.VotableResults;
import org.alphatap.predict.PredictSettings;
import org.alphatap.store.H2Store;
import org.alphatap.store.Store;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.store.CatalogueReader;
import org.alphatap.tap.ConeSearch;
import org.alphatap.tap.ServiceDocument;
import org.alphatap.tap.Coverage;
import org.alphatap.tap.OutputFormat;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.SyncSlots;
import org.alphatap.tap.TableSet;
import org.alphatap.tap.TapException;
import org.alphatap.tap.VoResources;
import org.alphatap.tap.uws.AsyncSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the service. Routers only translate HTTP to calls of the {@code tap} layer;
 * queries run on worker threads, never on the event loop: sync queries on their slots, cone
 * searches on threads of their own, each thread sure of a connection, so that heavy queries
 * cannot hold the cones up.
 */
public final class TapServer {
    /** Where uploads and posted tables wait while their request lasts (deleted at its end). */
    public static final String REQUESTS_DIR = "requests";
    private static final Logger LOG = LoggerFactory.getLogger(TapServer.class);
    static final String VOTABLE = "application/x-votable+xml";

    private static final ServiceDocument CAPABILITIES = ServiceDocument.load("capabilities.xml");
    private static final ServiceDocument REGISTRY_RECORD = ServiceDocument.load("registry-record.xml");
    private static final String EXAMPLES = VoResources.text("examples.html");
    /** Seconds of silence a connection is allowed beyond the longest a request may need. */
    private static final int IDLE_MARGIN_SECONDS = 10;
    /** Cone searches at once; as many as the clients of the SCS benchmark. */
    private static final int CONE_THREADS = 8;

    private final SyncQuery.Limits limits;
    private final TableSet tables;
    private final AsyncSettings async;
    private final ConnectionPool pool;
    private final Catalogue catalogue;
    private final Dialect dialect;
    /** The tables' sky coverage, once read. */
    private Future<Coverage> coverage;
    private final SyncSlots syncSlots;
    private final WorkerExecutor syncWorkers;
    private final WorkerExecutor coneWorkers;

    private TapServer(Vertx vertx, Store store, Catalogue catalogue, SyncQuery.Limits limits, TableSet tables,
            AsyncSettings async) throws SQLException {
        this.catalogue = catalogue;
        this.dialect = SyncQuery.dialect(store.engine());
        this.limits = limits;
        this.tables = tables;
        this.async = async;
        // A connection for every thread that may ask for one: none ever waits for another's.
        this.pool = ConnectionPool.open(vertx, store, limits.syncSlots() + CONE_THREADS, limits.cacheMb());
        this.syncSlots = new SyncSlots(limits.syncSlots(), limits.syncWaitSeconds() * 1000L, limits.timeoutSeconds());
        this.syncWorkers = vertx.createSharedWorkerExecutor("alphatap-sync", limits.syncSlots());
        this.coneWorkers = vertx.createSharedWorkerExecutor("alphatap-scs", CONE_THREADS);
    }

    /** As below, with /predict's default settings. */
    public static Future<HttpServer> start(Vertx vertx, Path data, String host, int port, SyncQuery.Limits limits,
            AsyncSettings async) throws SQLException, IOException {
        return start(vertx, data, host, port, limits, async, PredictSettings.defaults());
    }

    /** Opens the H2 database of the build in {@code data} read-only and serves it. */
    public static Future<HttpServer> start(Vertx vertx, Path data, String host, int port, SyncQuery.Limits limits,
            AsyncSettings async, PredictSettings predict) throws SQLException, IOException {
        return start(vertx, data, new H2Store(data), host, port, limits, async, predict);
    }

    /**
     * Serves the build whose tables are in {@code store} (read-only) and whose models, report and
     * figures are in {@code data}; async jobs live in {@code data/uws} beside a build in H2, and in
     * the database's schema {@code alphatap_uws} beside one in PostgreSQL, shared by every process
     * serving it.
     */
    public static Future<HttpServer> start(Vertx vertx, Path data, Store store, String host, int port,
            SyncQuery.Limits limits, AsyncSettings async, PredictSettings predict) throws SQLException, IOException {
        Catalogue catalogue;
        List<LandingPage.Table> counted;
        try (Connection c = store.openReader()) {
            try {
                catalogue = CatalogueReader.read(c);
                counted = LandingPage.tables(c, catalogue);
            } catch (SQLException e) {
                throw new SQLException("cannot read TAP_SCHEMA in " + store.where() + " (" + e.getMessage().lines()
                        .findFirst().orElse("") + "); " + store.howToBuild(), e);
            }
        }
        TapServer s = new TapServer(vertx, store, catalogue, limits, TableSet.of(catalogue), async);
        // The sky coverage of the tables, read once, beside the start: an index-only scan per table.
        s.coverage = vertx.executeBlocking(() -> {
            try (Connection c = store.openReader()) {
                return Coverage.read(c, catalogue, s.dialect);
            }
        }, false);
        s.coverage.onFailure(e -> LOG.warn("the sky coverage could not be read: {}", e.getMessage()));
        // Request bodies are spooled inside the data directory, as everything the service writes.
        Path requests = Files.createDirectories(data.resolve(REQUESTS_DIR));
        Router router = Router.router(vertx);
        // Behind a TLS proxy the client's URL is in Forwarded / X-Forwarded-*: job URLs and the
        // access URLs of the capabilities use it. They are no more trusted than Host, which they replace.
        router.allowForward(AllowForwardHeaders.ALL);
        router.route().handler(ctx -> {
            ctx.response().putHeader("Server", "alphatap");
            ctx.next();
        });
        // Browser clients on any site may read the answers (nothing here depends on cookies or
        // credentials, so none are allowed); a preflight is answered here, before any body is read.
        router.route().handler(CorsHandler.create().addOrigin("*")
                .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE))
                .allowedHeaders(Set.of("Content-Type", "Accept", "Range"))
                .exposedHeaders(Set.of("Location", "Retry-After", "Content-Disposition", "Content-Range"))
                .maxAgeSeconds(86400));
        // Uploaded tables go to temporary files that live as long as their request. Only POSTs carry
        // a body: Vert.x fails with a 500 when asked to decode a multipart body of another method.
        // (Routes for any method, so that other methods of an unknown path get a 404, not a 405.)
        BodyHandler body = BodyHandler.create()
                .setBodyLimit(limits.bodyBytes())
                .setUploadsDirectory(requests.toString())
                .setDeleteUploadedFilesOnEnd(true);
        router.route("/tap/*").handler(UnfinishedBody::watch);
        router.route("/tap/*").handler(ctx -> {
            if (ctx.request().method() == HttpMethod.POST) {
                body.handle(ctx);
            } else {
                ctx.next();
            }
        });
        router.route("/tap/*").handler(UnfinishedBody::read);
        router.route("/tap/*").failureHandler(s::bodyRefused);
        router.route("/tap/sync").handler(s::sync);
        ConeSearch.tables(catalogue).forEach((name, table) -> router.get("/scs/" + name)
                .handler(ctx -> s.coneSearch(ctx, table)));
        router.get("/tap/availability").handler(s::availability);
        router.get("/tap/capabilities").handler(ctx -> s.describe(ctx, CAPABILITIES));
        router.get("/registry-record.xml").handler(s::describeWithCoverage);
        router.get("/tap/examples").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/xhtml+xml; charset=UTF-8").end(EXAMPLES));
        router.get("/tap/tables").handler(s::tableset);
        router.get("/tap/tables/:name").handler(s::table);
        CoverageEndpoint.mount(router, s.coverage);
        DataLinkEndpoint.mount(router, s.coneWorkers, s.pool, catalogue, s.dialect);
        LandingPage.mount(router, counted);
        Plots.mount(router, vertx, data, store, catalogue, s.dialect, s.pool.warm());
        PredictEndpoint.mount(router, data, store, requests, catalogue, predict);
        Refusals.route(router);
        return AsyncEndpoint.mount(router, vertx, data, store, catalogue, limits, async)
                .compose(v -> vertx.createHttpServer(new HttpServerOptions()
                        // A QUERY in a form is bounded by the body limit, not by Vert.x's 8 KiB per field.
                        .setMaxFormAttributeSize(-1)
                        // Answers are gzipped, as they stream, for a client that accepts it (curl
                        // --compressed, browsers, Python's requests under pyvo): VOTable TABLEDATA and
                        // CSV shrink several times. Level 1: a fast level keeps a download's pace.
                        .setCompressionSupported(true)
                        .setCompressionLevel(1)
                        // No upgrade of plain HTTP/1.1 connections to HTTP/2 (h2c): on an upgraded
                        // connection, answers larger than the first flow-control window (/tap/tables,
                        // the registry record) never arrived whole (curl --http2 and Java's client).
                        // Clients asking for the upgrade are answered in HTTP/1.1, as the upgrade allows.
                        .setHttp2ClearTextEnabled(false)
                        .setIdleTimeout(idleSeconds(limits, async)))
                        .requestHandler(router).invalidRequestHandler(Refusals::invalid).listen(port, host));
    }

    /**
     * How long a connection may stay silent both ways before the service closes it, so that a
     * client sending nothing does not hold one for ever: longer than a sync query may run and a
     * WAIT may block without a byte written, with room to spare. (A client trickling a byte more
     * often than this still holds its connection: there is no deadline for a request's headers.)
     */
    static int idleSeconds(SyncQuery.Limits limits, AsyncSettings async) {
        return Math.max(limits.timeoutSeconds(), async.maxWait()) + IDLE_MARGIN_SECONDS;
    }

    /** A sync query on a free slot; with none free, 503 and when to come back. */
    private void sync(RoutingContext ctx) {
        Map<String, String> params;
        try {
            params = parametersWithAccept(ctx);
        } catch (TapException e) {
            error(ctx.response(), e);
            return;
        }
        Map<String, Path> parts = parts(ctx);
        // Taken last: whatever takes a slot must reach the release below. A query that finds every
        // slot busy waits for one, bounded, before it is refused; either way it goes on here.
        Context here = ctx.vertx().getOrCreateContext();
        syncSlots.acquire(new SyncSlots.Outcome() {
            @Override
            public void granted(SyncSlots.Slot slot) {
                here.runOnContext(v -> stream(ctx, syncWorkers, () -> SyncQuery.prepare(params, parts,
                        catalogue, dialect, limits), TapServer::error, slot::release));
            }

            @Override
            public void refused(int retryAfterSeconds) {
                here.runOnContext(v -> {
                    ctx.response().putHeader("Retry-After", String.valueOf(retryAfterSeconds));
                    error(ctx.response(), new TapException(503, "all " + limits.syncSlots() + " sync query slots"
                            + " stayed busy for " + limits.syncWaitSeconds() + " s; try again in " + retryAfterSeconds
                            + " s, or use /tap/async"));
                });
            }
        });
    }

    /**
     * A /tap request that failed in Vert.x rather than in a handler of ours (which answer their own
     * failures): mostly the body handler's, for a body past the limit (413) or one it cannot decode
     * (400, whatever status Vert.x gives it: a POST whose body was not read failed in reading it).
     * The answer is a TAP error document; what is left of the body is dropped, within bounds.
     */
    private void bodyRefused(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return; // answered already: an unfinished multipart body
        }
        Throwable failure = ctx.failure();
        String cause = failure == null ? "HTTP " + ctx.statusCode()
                : failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        boolean unreadBody = ctx.request().method() == HttpMethod.POST && !UnfinishedBody.wasRead(ctx);
        TapException e = ctx.statusCode() == 413
                ? new TapException(413, "the request body is larger than the limit of " + limits.bodyBytes()
                        + " bytes; uploaded tables may have " + limits.uploadBytes() + " bytes each")
                : ctx.statusCode() == 400 || unreadBody
                ? new TapException(400, "the request body cannot be read: " + cause + "; send a complete"
                        + " application/x-www-form-urlencoded or multipart/form-data body")
                : new TapException(500, "the service failed: " + cause);
        if (ctx.response().headWritten()) {
            ctx.response().reset();
        } else {
            RefusedBody.drop(ctx.request(), limits.bodyBytes());
            error(ctx.response(), e);
        }
    }

    /** Simple Cone Search on a searchable table; errors as SCS error documents. */
    private void coneSearch(RoutingContext ctx, ConeSearch.Searchable table) {
        Map<String, String> params;
        try {
            params = parametersWithAccept(ctx);
        } catch (TapException e) {
            coneSearchError(ctx.response(), 200, e);
            return;
        }
        // SCS 1.03 clients read the error from the document; the status stays 200 as they expect.
        stream(ctx, coneWorkers, () -> ConeSearch.prepare(table, params, catalogue, dialect, limits),
                (response, e) -> coneSearchError(response, 200, e), () -> { });
    }

    static void coneSearchError(HttpServerResponse response, int status, TapException e) {
        response.setStatusCode(status).putHeader("Content-Type", VOTABLE).end(document(e.getMessage(),
                VotableResults::coneSearchError));
    }

    /**
     * Prepares a query on a thread of {@code workers} (parsing and checking is work too: none of it
     * on the event loop), runs it and streams the result. A failure before the first byte gets an
     * error document from {@code error}; past it there is no second document to send.
     * {@code finished} runs on the thread when the query has run or failed, before any error
     * document: a client that sends its next query as soon as it has an answer finds its slot free.
     */
    private void stream(RoutingContext ctx, WorkerExecutor workers, Callable<SyncQuery.Prepared> prepare,
            BiConsumer<HttpServerResponse, TapException> error, Runnable finished) {
        HttpServerResponse response = ctx.response();
        String service = baseUrl(ctx);
        workers.<Void>executeBlocking(() -> {
            try {
                SyncQuery.Prepared prepared = prepare.call().at(service);
                try (Connection db = pool.connection()) {
                    ResponseStream out = new ResponseStream(response, () -> response.setStatusCode(200)
                            .putHeader("Content-Type", prepared.format().mimeType()));
                    SyncQuery.run(prepared, db, limits, out);
                    out.end();
                }
            } finally {
                finished.run();
            }
            return null;
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                return;
            }
            if (!response.headWritten()) {
                error.accept(response, done.cause() instanceof TapException e ? e
                        : new TapException(500, "the service failed to run the query: " + done.cause().getMessage()));
            } else {
                LOG.warn("query failed while streaming: {}", done.cause().getMessage());
                response.reset();
            }
        });
    }

    private void tableset(RoutingContext ctx) {
        try {
            xml(ctx, tables.tableset(parameters(ctx).get("DETAIL")));
        } catch (TapException e) {
            ctx.response().setStatusCode(e.status()).putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end(e.getMessage() + "\n");
        }
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

    /**
     * The scheme and authority the client reached the service at, e.g. {@code https://tap.example.org}:
     * the request's Host, or a proxy's Forwarded headers, or the local address for an HTTP/1.0
     * request without Host.
     */
    static String baseUrl(RoutingContext ctx) {
        HostAndPort host = ctx.request().authority();
        String authority = host != null ? host.host() + (host.port() >= 0 ? ":" + host.port() : "")
                : ctx.request().localAddress().hostAddress() + ":" + ctx.request().localAddress().port();
        return ctx.request().scheme() + "://" + authority;
    }

    /** A {@link ServiceDocument} with the base URL this client used and the settings the service runs with. */
    private void describe(RoutingContext ctx, ServiceDocument doc) {
        describe(ctx, doc, "");
    }

    /** The registry record, once the coverage it carries is read (empty if it could not be). */
    private void describeWithCoverage(RoutingContext ctx) {
        coverage.onComplete(read -> describe(ctx, REGISTRY_RECORD,
                read.succeeded() ? read.result().all(Coverage.REGISTRY_ORDER).ascii() : ""));
    }

    private void describe(RoutingContext ctx, ServiceDocument doc, String spatialCoverage) {
        int retention = async.retentionDays() * 86400;
        Map<String, Object> values = new HashMap<>(Map.of("maxrecDefault", limits.defaultMaxrec(), "maxrecHard",
                limits.hardMaxrec(), "retentionDefault", retention, "retentionHard", retention, "durationDefault",
                async.defaultDuration(), "durationHard", async.maxDuration(), "uploadHard", limits.uploadBytes(),
                "maxConeRadius", limits.maxConeRadius(), "schemas", tables.schemas().indent(2).stripTrailing()));
        values.put("coverage", spatialCoverage);
        xml(ctx, doc.render(baseUrl(ctx), values));
    }

    private void availability(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/xml").end("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<vosi:availability xmlns:vosi=\"http://www.ivoa.net/xml/VOSIAvailability/v1.0\">\n"
                + "  <vosi:available>true</vosi:available>\n</vosi:availability>\n");
    }

    /** The files of a multipart request, by part name. */
    static Map<String, Path> parts(RoutingContext ctx) {
        Map<String, Path> out = new HashMap<>();
        for (FileUpload f : ctx.fileUploads()) {
            out.put(f.name(), Path.of(f.uploadedFileName()));
        }
        return out;
    }

    /** The parameters, RESPONSEFORMAT taken from the Accept header when they name no format. */
    static Map<String, String> parametersWithAccept(RoutingContext ctx) throws TapException {
        Map<String, String> params = parameters(ctx);
        OutputFormat.preferAccepted(params, ctx.request().getHeader("Accept"));
        return params;
    }

    /**
     * GET and POST parameters together, not a route's path parameters (which Vert.x adds to the
     * request's); names are case-insensitive in TAP, values are not. A query string that cannot be
     * percent-decoded is a 400.
     */
    static Map<String, String> parameters(RoutingContext ctx) throws TapException {
        MultiMap query;
        try {
            query = ctx.queryParams();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new TapException(400, "the query string cannot be decoded (" + cause.getMessage() + "): write"
                    + " each '%' that starts no escape as %25, and each non-ASCII character as the %XX of its UTF-8"
                    + " bytes (as URL encoders do)");
        }
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (MultiMap part : List.of(query, ctx.request().formAttributes())) {
            for (Map.Entry<String, String> e : part) {
                out.putIfAbsent(e.getKey().toUpperCase(Locale.ROOT), e.getValue());
            }
        }
        return out;
    }

    static void error(HttpServerResponse response, TapException e) {
        response.setStatusCode(e.status()).putHeader("Content-Type", VOTABLE)
                .end(document(e.getMessage(), VotableResults::error));
    }

    private interface ErrorDocument {
        void write(String message, java.io.OutputStream out) throws IOException;
    }

    private static String document(String message, ErrorDocument writer) {
        ByteArrayOutputStream doc = new ByteArrayOutputStream();
        try {
            writer.write(message, doc);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return doc.toString(StandardCharsets.UTF_8);
    }
}

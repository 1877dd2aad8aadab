package org.alphatap.web;

import io.vertx.core.MultiMap;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.alphatap.adql.sql.Dialect;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.tap.DataLinks;
import org.alphatap.tap.TapException;
import org.alphatap.writers.LinksDocument;

/**
 * {@code /datalink/TABLE?ID=...}: the DataLink 1.1 {links} of rows of a table with links, by GET
 * or by a POSTed form, one or many IDs (up to {@link DataLinks#MAX_IDS}). An ID that names no row
 * gets a row with a NotFoundFault; a request without an ID gets HTTP 400 and an error document.
 */
final class DataLinkEndpoint {
    /** A form of up to MAX_IDS identifiers of a few dozen characters. */
    private static final long BODY_BYTES = 1 << 20;

    private final WorkerExecutor workers;
    private final ConnectionPool pool;
    private final Catalogue catalogue;
    private final Dialect dialect;

    private DataLinkEndpoint(WorkerExecutor workers, ConnectionPool pool, Catalogue catalogue, Dialect dialect) {
        this.workers = workers;
        this.pool = pool;
        this.catalogue = catalogue;
        this.dialect = dialect;
    }

    static void mount(Router router, WorkerExecutor workers, ConnectionPool pool, Catalogue catalogue,
            Dialect dialect) {
        DataLinkEndpoint e = new DataLinkEndpoint(workers, pool, catalogue, dialect);
        BodyHandler body = BodyHandler.create().setBodyLimit(BODY_BYTES).setHandleFileUploads(false);
        for (String table : DataLinks.served().tables()) {
            router.get("/datalink/" + table).handler(ctx -> e.links(ctx, table));
            router.post("/datalink/" + table).handler(body).handler(ctx -> e.links(ctx, table));
        }
    }

    private void links(RoutingContext ctx, String table) {
        // The body handler merges a POSTed form into the request's parameters. Each ID once, in the
        // order given: the rows of one ID must come together.
        Set<String> ids = new LinkedHashSet<>();
        MultiMap params = ctx.request().params();
        for (String name : params.names()) {
            if (name.toUpperCase(Locale.ROOT).equals("ID")) {
                params.getAll(name).stream().filter(id -> !id.isBlank()).forEach(ids::add);
            }
        }
        String format = ctx.request().getParam("RESPONSEFORMAT");
        if (format != null && !format.startsWith("application/x-votable+xml") && !format.equals("votable")) {
            TapServer.error(ctx.response(), new TapException(400, "UsageFault: RESPONSEFORMAT=" + format
                    + " is not served; DataLink answers are VOTable (application/x-votable+xml;content=datalink)"));
            return;
        }
        if (ids.isEmpty()) {
            TapServer.error(ctx.response(), new TapException(400, "UsageFault: no ID given; send ID=<" + DataLinks
                    .served().idColumn(table) + " of a row of " + table + ">, once per row"));
            return;
        }
        String service = TapServer.baseUrl(ctx);
        workers.executeBlocking(() -> {
            DataLinks.Answer a;
            try (Connection db = pool.connection()) {
                a = DataLinks.served().links(db, catalogue, dialect, table, List.copyOf(ids), service);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LinksDocument.write(a.links(), a.descriptors(), a.overflow(), out);
            return Buffer.buffer(out.toByteArray());
        }, false).onSuccess(doc -> ctx.response().putHeader("Content-Type", LinksDocument.CONTENT_TYPE).end(doc))
                .onFailure(e -> TapServer.error(ctx.response(), new TapException(500, "the links could not be read: "
                        + e.getMessage())));
    }
}

package org.alphatap.web;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.writers.JsonResults;
import org.alphatap.writers.StreamedTable;
import org.alphatap.predict.InputFormat;
import org.alphatap.predict.PredictService;
import org.alphatap.predict.PredictSettings;
import org.alphatap.tap.OutputFormat;
import org.alphatap.predict.PredictRefusal;
import org.alphatap.tap.TapException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.alphatap.store.Store;

/**
 * {@code /predict}: [X/Fe] on demand. GET {@code ?teff=&logg=&feh=} (and teff_err, logg_err,
 * feh_err) for one star; POST a table as text/csv, application/x-votable+xml or application/json
 * (an array of objects) for many, up to the row limit. A body goes to a temporary file as it
 * arrives, within a byte limit; a worker reads it once to check it, so that a bad cell or a row
 * too many gets its 400 or 413 before any answer, then again to predict, writing the answer a
 * batch at a time. RESPONSEFORMAT as for /tap/sync; errors are VOTable documents, JSON when
 * JSON was asked for.
 */
public final class PredictEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(PredictEndpoint.class);
    private static final String PATH = "/predict";

    /** What a worker answers with. */
    private interface Request {
        StreamedTable table() throws TapException, PredictRefusal;
    }

    private final PredictService service;
    private final String unavailable;
    private final long maxBodyBytes;
    /** The directory posted tables are spooled to. */
    private final Path spool;

    private PredictEndpoint(PredictService service, String unavailable, PredictSettings settings, Path spool) {
        this.service = service;
        this.unavailable = unavailable;
        this.maxBodyBytes = settings.maxBodyBytes();
        this.spool = spool;
    }

    /**
     * Loads the models of the build in {@code data} and routes /predict on {@code router}; bodies
     * are spooled to files in {@code spool} while their request lasts. A build
     * without models is still served, its /predict answering 503. The catalogue's table of stars
     * describes the answer's columns.
     */
    public static void mount(Router router, Path data, Store tables, Path spool, Catalogue catalogue,
            PredictSettings settings) {
        PredictEndpoint endpoint;
        try {
            endpoint = new PredictEndpoint(PredictService.load(data, tables, catalogue.table(PredictService.STARS), settings),
                    null, settings, spool);
        } catch (IOException | SQLException e) {
            LOG.warn("/predict is unavailable: {}", e.getMessage());
            endpoint = new PredictEndpoint(null, "/predict is unavailable: " + e.getMessage(), settings, spool);
        }
        router.get(PATH).handler(endpoint::get);
        router.post(PATH).handler(endpoint::post);
    }

    private PredictService service() throws TapException {
        if (service == null) {
            throw new TapException(503, unavailable);
        }
        return service;
    }

    private void get(RoutingContext ctx) {
        Map<String, String> params;
        try {
            params = TapServer.parametersWithAccept(ctx);
        } catch (TapException e) {
            refuse(ctx, Map.of(), e);
            return;
        }
        answer(ctx, params, () -> service().star(params), null);
    }

    private void post(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.pause();
        Map<String, String> params;
        try {
            params = TapServer.parametersWithAccept(ctx);
        } catch (TapException e) {
            RefusedBody.drop(request, maxBodyBytes);
            refuse(ctx, Map.of(), e);
            return;
        }
        InputFormat format;
        try {
            String length = request.getHeader("Content-Length");
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBodyBytes) {
                throw tooLarge(maxBodyBytes);
            }
            service();
            format = InputFormat.of(request.getHeader("Content-Type"));
        } catch (PredictRefusal e) {
            RefusedBody.drop(request, maxBodyBytes);
            refuse(ctx, params, refused(e));
            return;
        } catch (TapException e) {
            RefusedBody.drop(request, maxBodyBytes);
            refuse(ctx, params, e);
            return;
        }
        FileSystem fs = ctx.vertx().fileSystem();
        fs.createTempFile(spool.toString(), "predict-", ".body", (String) null).onComplete(created -> {
            if (created.failed()) {
                RefusedBody.drop(request, maxBodyBytes);
                refuse(ctx, params, new TapException(500, "no room for the request body: "
                        + created.cause().getMessage()));
                return;
            }
            Path body = Path.of(created.result());
            fs.open(created.result(), new OpenOptions().setWrite(true)).compose(file -> receive(request, file))
                    .onSuccess(v -> answer(ctx, params, () -> service.posted(body, format), body))
                    .onFailure(e -> {
                        fs.delete(created.result());
                        RefusedBody.drop(request, maxBodyBytes);
                        refuse(ctx, params, e instanceof TapException t ? t
                                : new TapException(400, "the request body was not received: " + e.getMessage()));
                    });
        });
    }

    /**
     * Reads the body into {@code file} as it arrives, at the pace of the disk; fails past the byte
     * limit, after which the rest of the body is read and dropped.
     */
    private Future<Void> receive(HttpServerRequest request, AsyncFile file) {
        Promise<Void> received = Promise.promise();
        long[] bytes = {0};
        request.handler(chunk -> {
            if (received.future().isComplete()) {
                return;
            }
            bytes[0] += chunk.length();
            if (bytes[0] > maxBodyBytes) {
                received.tryFail(tooLarge(maxBodyBytes));
                return;
            }
            file.write(chunk).onFailure(received::tryFail);
            if (file.writeQueueFull()) {
                request.pause();
                file.drainHandler(v -> request.resume());
            }
        });
        request.exceptionHandler(received::tryFail);
        request.endHandler(v -> received.tryComplete());
        request.resume();
        return received.future().eventually(file::close);
    }

    /** A refusal of the predictor as the error the service answers with. */
    private static TapException refused(PredictRefusal e) {
        return new TapException(e.status(), e.getMessage());
    }

    private static TapException tooLarge(long limit) {
        return new TapException(413, "the request body is larger than " + limit + " bytes, the most /predict"
                + " receives at its row limit; send the table in parts");
    }

    /**
     * Checks and answers on a worker; {@code body}, when not null, is deleted afterwards. Failures
     * before the first byte get an error document; past it the stream is cut and the failure logged.
     */
    private void answer(RoutingContext ctx, Map<String, String> params, Request request, Path body) {
        HttpServerResponse response = ctx.response();
        ctx.vertx().executeBlocking(() -> {
            try {
                OutputFormat format = OutputFormat.requested(params);
                StreamedTable table = request.table();
                ResponseStream out = new ResponseStream(response, () -> response.setStatusCode(200)
                        .putHeader("Content-Type", format.mimeType()));
                format.writer().write(table, out);
                out.end();
                return null;
            } finally {
                if (body != null) {
                    Files.deleteIfExists(body);
                }
            }
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                return;
            }
            if (done.cause() instanceof TapException e && !response.headWritten()) {
                refuse(ctx, params, e);
            } else if (done.cause() instanceof PredictRefusal e && !response.headWritten()) {
                refuse(ctx, params, refused(e));
            } else if (!response.headWritten()) {
                LOG.warn("/predict failed", done.cause());
                refuse(ctx, params, new TapException(500, "the prediction failed: " + done.cause().getMessage()));
            } else {
                LOG.warn("/predict failed while streaming: {}", done.cause().getMessage());
                response.reset();
            }
        });
    }

    /** An error document: JSON when JSON was asked for, VOTable otherwise. */
    static void refuse(RoutingContext ctx, Map<String, String> params, TapException e) {
        HttpServerResponse response = ctx.response();
        if (!asksForJson(params)) {
            TapServer.error(response, e);
            return;
        }
        ByteArrayOutputStream doc = new ByteArrayOutputStream();
        try {
            JsonResults.error(e.getMessage(), doc);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        response.setStatusCode(e.status()).putHeader("Content-Type", OutputFormat.JSON.mimeType())
                .end(Buffer.buffer(doc.toByteArray()));
    }

    private static boolean asksForJson(Map<String, String> params) {
        try {
            return OutputFormat.requested(params) == OutputFormat.JSON;
        } catch (TapException e) {
            return false;
        }
    }
}

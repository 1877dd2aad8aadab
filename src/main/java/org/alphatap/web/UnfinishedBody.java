package org.alphatap.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import org.alphatap.tap.TapException;

/**
 * A multipart body that ends inside a part, its closing boundary missing (a client cut off, or a
 * Content-Length too short): Vert.x's body handler waits for the end of that part for ever, and
 * the client for an answer, its upload files kept. Routed around the body handler, this answers
 * 400 and deletes the files when the body handler has not passed the request on within a grace
 * time after the body's last byte (time enough to write the last chunks of an upload to disk).
 */
final class UnfinishedBody {
    private static final long GRACE_MS = 2000;
    private static final String READ = "alphatap.bodyRead";

    private UnfinishedBody() {
    }

    /** Before the body handler: watches a multipart POST. */
    static void watch(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String type = request.getHeader("Content-Type");
        boolean multipart = type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
        if (request.method() == HttpMethod.POST && multipart) {
            request.end().onSuccess(ended -> ctx.vertx().setTimer(GRACE_MS, t -> {
                if (!wasRead(ctx) && !ctx.response().headWritten()) {
                    TapServer.error(ctx.response(), new TapException(400, "the multipart/form-data body ends inside"
                            + " a part: its closing boundary (--BOUNDARY-- on a line of its own) never came; send the"
                            + " whole body, with a Content-Length that counts all of it"));
                    // Fails the body handler too, whose failure handler finds the answer sent.
                    ctx.cancelAndCleanupFileUploads();
                }
            }));
        }
        ctx.next();
    }

    /** After the body handler: the body was read. */
    static void read(RoutingContext ctx) {
        ctx.put(READ, Boolean.TRUE);
        ctx.next();
    }

    /** Whether the body handler read the body and passed the request on. */
    static boolean wasRead(RoutingContext ctx) {
        return ctx.get(READ) != null;
    }
}

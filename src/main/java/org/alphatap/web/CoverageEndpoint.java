package org.alphatap.web;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.stream.Stream;
import org.alphatap.sky.Moc;
import org.alphatap.tap.Coverage;

/**
 * {@code /coverage/TABLE.fits} and {@code /coverage/TABLE.txt}: the MOC 2.0 coverage of each table
 * that has a sky index, in FITS (for Aladin, mocpy, STILTS) or ASCII, read once at start.
 */
final class CoverageEndpoint {
    private CoverageEndpoint() {
    }

    static void mount(Router router, Future<Coverage> coverage) {
        router.get("/coverage/:file").handler(ctx -> coverage.onComplete(read -> {
            if (read.failed()) {
                ctx.response().setStatusCode(503).putHeader("Content-Type", "text/plain; charset=UTF-8")
                        .end("the coverage could not be read: " + read.cause().getMessage() + "\n");
                return;
            }
            answer(ctx, read.result());
        }));
    }

    private static void answer(RoutingContext ctx, Coverage coverage) {
        String file = ctx.pathParam("file");
        boolean fits = file.endsWith(".fits");
        String table = file.replaceFirst("\\.(fits|txt)$", "");
        Optional<Moc> moc = file.equals(table) ? Optional.empty() : coverage.of(table);
        if (moc.isEmpty()) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end("no coverage '" + file + "'; there are " + String.join(", ", coverage.tables().stream()
                            .flatMap(t -> Stream.of(t + ".fits", t + ".txt")).toList()) + "\n");
            return;
        }
        if (fits) {
            ctx.response().putHeader("Content-Type", "application/fits")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + table + ".moc.fits\"")
                    .end(Buffer.buffer(moc.get().fits()));
        } else {
            ctx.response().putHeader("Content-Type", "text/plain; charset=UTF-8").end(moc.get().ascii() + "\n");
        }
    }
}

package org.alphatap.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import org.alphatap.adql.sql.Dialect;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.report.ClusterMap;
import org.alphatap.report.Figures;
import org.alphatap.report.SkyMap;
import org.alphatap.science.Gradients;
import org.alphatap.store.Store;
import org.alphatap.survey.Element;
import org.alphatap.tap.SkyMapQuery;
import org.jfree.chart.JFreeChart;

/**
 * {@code /plots/{name}.png|svg}: the build's figures under names that do not change with the
 * report's numbering ({@code gradient-mg}, {@code performance-mg}), and the cluster maps
 * ({@code clustermap-mg}) and sky maps ({@code skymap-mg}, {@code skymap-density}), drawn from
 * alpha.clusters and alpha.stars when first asked for and kept (the sky maps' numbers are read once
 * the page cache is warm). Only the names listed here are served, so a request names a figure,
 * never a file.
 */
final class Plots {
    private static final Set<String> TYPES = Set.of("png", "svg");
    /** The sky maps' table, and their order: pixels of 0.84 deg², 49,152 on the sky. */
    private static final String SKY_TABLE = "alpha.stars";
    private static final int SKY_ORDER = 6;
    private static final String DENSITY = "skymap-density";

    /** Stable name to the build's file, without its extension. */
    private final Map<String, Path> built = new LinkedHashMap<>();
    private final Map<String, Element> maps = new LinkedHashMap<>();
    /** Sky-map name to the element whose mean it shows, or null for the density. */
    private final Map<String, Element> skyMaps = new LinkedHashMap<>();
    private final Map<String, Future<Buffer>> drawn = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final Store tables;
    private final Catalogue catalogue;
    private final Dialect dialect;
    /** The sky maps' numbers: one scan of the star table for all of them, made once. */
    private Future<SkyMap.Pixels> skyPixels;

    private Plots(Vertx vertx, Path data, Store tables, Catalogue catalogue, Dialect dialect) {
        this.vertx = vertx;
        this.tables = tables;
        this.catalogue = catalogue;
        this.dialect = dialect;
        Path dir = data.resolve(Figures.DIR);
        for (Element e : Element.values()) {
            built.put("gradient-" + e.key(), dir.resolve(Figures.gradientName(e.key())));
            built.put("performance-" + e.key(), dir.resolve(Figures.performanceName(e.key())));
            maps.put("clustermap-" + e.key(), e);
            skyMaps.put("skymap-" + e.key(), e);
        }
        skyMaps.put(DENSITY, null);
        built.put("gradient-" + Gradients.IRON, dir.resolve(Figures.gradientName(Gradients.IRON)));
    }

    /**
     * Serves the figures. The sky maps' scan starts once the page cache is warm (at once on
     * PostgreSQL), so that the landing page's maps are ready when its first visitors come; before
     * that, the first request starts it.
     */
    static void mount(Router router, Vertx vertx, Path data, Store tables, Catalogue catalogue, Dialect dialect,
            CompletableFuture<Void> warm) {
        Plots plots = new Plots(vertx, data, tables, catalogue, dialect);
        warm.thenRun(plots::skyPixels);
        router.get("/plots/:file").handler(plots::serve);
    }

    private void serve(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        int dot = file.lastIndexOf('.');
        String name = dot < 0 ? file : file.substring(0, dot);
        String type = dot < 0 ? "" : file.substring(dot + 1);
        if (!TYPES.contains(type) || !(built.containsKey(name) || maps.containsKey(name)
                || skyMaps.containsKey(name))) {
            notFound(ctx, "no figure '" + file + "'; the figures are " + String.join(", ", built.keySet()) + ", "
                    + String.join(", ", maps.keySet()) + ", " + String.join(", ", skyMaps.keySet())
                    + ", each .png or .svg");
            return;
        }
        ctx.response().putHeader("Content-Type", type.equals("png") ? "image/png" : "image/svg+xml");
        if (built.containsKey(name)) {
            Path path = Path.of(built.get(name) + "." + type);
            if (Files.isRegularFile(path)) {
                ctx.response().sendFile(path.toString());
            } else {
                notFound(ctx, "this build has no figure '" + file + "'; build it again to draw it");
            }
            return;
        }
        // Drawn once per name; a failed drawing is forgotten so that the next request tries again.
        drawn.computeIfAbsent(file, f -> skyMaps.containsKey(name) ? drawSky(skyMaps.get(name), type)
                : vertx.executeBlocking(() -> encode(clusterMap(maps.get(name)), type, Figures.HEIGHT), false))
                .onSuccess(ctx.response()::end)
                .onFailure(e -> {
                    drawn.remove(file);
                    ctx.response().setStatusCode(500).putHeader("Content-Type", "text/plain")
                            .end("the figure could not be drawn: " + e.getMessage() + "\n");
                });
    }

    private JFreeChart clusterMap(Element e) throws Exception {
        try (Connection db = tables.openReader()) {
            return ClusterMap.chart(ClusterMap.dataset(db, e), e);
        }
    }

    /** A sky map of one element's mean, or of the density when {@code e} is null. */
    private Future<Buffer> drawSky(Element e, String type) {
        return skyPixels().compose(p -> vertx.executeBlocking(() -> encode(e == null ? SkyMap.density(p, "stars")
                : SkyMap.mean(p, column(e), "[" + e.symbol() + "/Fe]"), type, SkyMap.HEIGHT), false));
    }

    private synchronized Future<SkyMap.Pixels> skyPixels() {
        if (skyPixels == null || skyPixels.failed()) {
            List<String> columns = skyMaps.values().stream().filter(e -> e != null).map(Plots::column).toList();
            skyPixels = vertx.executeBlocking(() -> {
                try (Connection db = tables.openReader()) {
                    return SkyMapQuery.read(db, catalogue, dialect, SKY_TABLE, SKY_ORDER, columns);
                }
            }, false);
        }
        return skyPixels;
    }

    private static String column(Element e) {
        return e.key() + "_fe";
    }

    private static Buffer encode(JFreeChart chart, String type, int height) throws Exception {
        return Buffer.buffer(type.equals("png") ? Figures.png(chart, Figures.WIDTH, height)
                : Figures.svg(chart, Figures.WIDTH, height).getBytes(StandardCharsets.UTF_8));
    }

    private static void notFound(RoutingContext ctx, String message) {
        ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end(message + "\n");
    }
}

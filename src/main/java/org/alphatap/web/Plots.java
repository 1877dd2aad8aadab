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
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.alphatap.report.ClusterMap;
import org.alphatap.report.Figures;
import org.alphatap.science.Gradients;
import org.alphatap.survey.Element;
import org.jfree.chart.JFreeChart;
import org.alphatap.store.Store;

/**
 * {@code /plots/{name}.png|svg}: the build's figures under names that do not change with the
 * report's numbering ({@code gradient-mg}, {@code performance-mg}), and the cluster maps
 * ({@code clustermap-mg}), drawn from alpha.clusters on their first request and kept. Only the
 * names listed here are served, so a request names a figure, never a file.
 */
final class Plots {
    private static final Set<String> TYPES = Set.of("png", "svg");

    /** Stable name to the build's file, without its extension. */
    private final Map<String, Path> built = new LinkedHashMap<>();
    private final Map<String, Element> maps = new LinkedHashMap<>();
    private final Map<String, Future<Buffer>> drawn = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final Store tables;

    private Plots(Vertx vertx, Path data, Store tables) {
        this.vertx = vertx;
        this.tables = tables;
        Path dir = data.resolve(Figures.DIR);
        for (Element e : Element.values()) {
            built.put("gradient-" + e.key(), dir.resolve(Figures.gradientName(e.key())));
            built.put("performance-" + e.key(), dir.resolve(Figures.performanceName(e.key())));
            maps.put("clustermap-" + e.key(), e);
        }
        built.put("gradient-" + Gradients.IRON, dir.resolve(Figures.gradientName(Gradients.IRON)));
    }

    static void mount(Router router, Vertx vertx, Path data, Store tables) {
        Plots plots = new Plots(vertx, data, tables);
        router.get("/plots/:file").handler(plots::serve);
    }

    private void serve(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        int dot = file.lastIndexOf('.');
        String name = dot < 0 ? file : file.substring(0, dot);
        String type = dot < 0 ? "" : file.substring(dot + 1);
        if (!TYPES.contains(type) || !(built.containsKey(name) || maps.containsKey(name))) {
            notFound(ctx, "no figure '" + file + "'; the figures are " + String.join(", ", built.keySet()) + ", "
                    + String.join(", ", maps.keySet()) + ", each .png or .svg");
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
        drawn.computeIfAbsent(file, f -> vertx.executeBlocking(draw(maps.get(name), type), false))
                .onSuccess(ctx.response()::end)
                .onFailure(e -> {
                    drawn.remove(file);
                    ctx.response().setStatusCode(500).putHeader("Content-Type", "text/plain")
                            .end("the figure could not be drawn: " + e.getMessage() + "\n");
                });
    }

    private Callable<Buffer> draw(Element e, String type) {
        return () -> {
            JFreeChart chart;
            try (Connection db = tables.openReader()) {
                chart = ClusterMap.chart(ClusterMap.dataset(db, e), e);
            }
            return Buffer.buffer(type.equals("png") ? Figures.png(chart, Figures.WIDTH, Figures.HEIGHT)
                    : Figures.svg(chart, Figures.WIDTH, Figures.HEIGHT).getBytes(StandardCharsets.UTF_8));
        };
    }

    private static void notFound(RoutingContext ctx, String message) {
        ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end(message + "\n");
    }
}

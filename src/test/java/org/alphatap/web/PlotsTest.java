package org.alphatap.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.alphatap.predict.BuiltFixture;
import org.alphatap.report.FigureFiles;
import org.alphatap.report.Figures;
import org.alphatap.survey.Element;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every figure of a real build under its stable name, as PNG and as SVG. */
@ExtendWith(VertxExtension.class)
class PlotsTest {
    private static HttpServer server;
    private static TapClient client;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        server = TapServer.start(vertx, BuiltFixture.data(), "127.0.0.1", 0, SyncQuery.Limits.defaults(),
                AsyncSettings.defaults()).await();
        client = new TapClient(server.actualPort());
    }

    @AfterAll
    static void stop() {
        server.close().await();
    }

    private static List<String> names() {
        List<String> out = new ArrayList<>(List.of("gradient-fe", "skymap-density"));
        for (Element e : Element.values()) {
            out.addAll(List.of("gradient-" + e.key(), "performance-" + e.key(), "clustermap-" + e.key(),
                    "skymap-" + e.key()));
        }
        return out;
    }

    @Test
    void everyFigureIsAPngAndAnSvg() throws Exception {
        for (String name : names()) {
            HttpResponse<byte[]> png = client.getBytes("/plots/" + name + ".png");
            assertEquals(200, png.statusCode(), name);
            assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""), name);
            FigureFiles.assertPng(png.body(), name);
            HttpResponse<byte[]> svg = client.getBytes("/plots/" + name + ".svg");
            assertEquals(200, svg.statusCode(), name);
            assertEquals("image/svg+xml", svg.headers().firstValue("Content-Type").orElse(""), name);
            FigureFiles.assertSvg(svg.body(), name);
        }
    }

    @Test
    void theBuildsFiguresAreServedAsTheyAre() throws Exception {
        byte[] file = Files.readAllBytes(BuiltFixture.data().resolve(Figures.DIR)
                .resolve(Figures.gradientName("mg") + ".svg"));
        assertArrayEquals(file, client.getBytes("/plots/gradient-mg.svg").body());
        file = Files.readAllBytes(BuiltFixture.data().resolve(Figures.DIR).resolve(Figures.performanceName("ti") + ".png"));
        assertArrayEquals(file, client.getBytes("/plots/performance-ti.png").body());
    }
}

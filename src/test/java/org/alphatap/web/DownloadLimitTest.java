package org.alphatap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.alphatap.store.Fixture;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync time limit bounds the time to the first row; a result whose rows keep flowing is sent
 * whole, up to the longer download limit, so that a scripted download of a large table completes.
 */
@ExtendWith(VertxExtension.class)
class DownloadLimitTest {
    private static final int TIME_LIMIT = 1;
    private static final int ROWS = 3_000_000;
    private static HttpServer server;

    @BeforeAll
    static void start(Vertx vertx, @TempDir Path dir) throws Exception {
        Fixture.write(dir);
        server = TapServer.start(vertx, dir, "127.0.0.1", 0, new SyncQuery.Limits(ROWS, ROWS, TIME_LIMIT,
                SyncQuery.Limits.DEFAULT_UPLOAD_BYTES, SyncQuery.Limits.DEFAULT_CACHE_MB,
                SyncQuery.Limits.DEFAULT_MAX_CONE_RADIUS, SyncQuery.Limits.DEFAULT_UPLOAD_BYTES
                        + SyncQuery.Limits.FORM_BYTES, 2, 1, 120), AsyncSettings.defaults()).await();
    }

    @AfterAll
    static void stop() {
        server.close().await();
    }

    @Test
    void rowsThatKeepFlowingPastTheTimeLimitAreAllSent() throws Exception {
        String adql = "SELECT a.column_name, b.column_name, c.column_name FROM tap_schema.columns AS a,"
                + " tap_schema.columns AS b, tap_schema.columns AS c";
        long t0 = System.nanoTime();
        HttpResponse<Stream<String>> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.actualPort() + "/tap/sync?LANG=ADQL&RESPONSEFORMAT=csv&MAXREC=" + ROWS
                        + "&QUERY=" + URLEncoder.encode(adql, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        long lines = r.body().count();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(ROWS + 1, lines, "the header and every row up to MAXREC");
        assertTrue(seconds > TIME_LIMIT, "the download outlasted the time limit (" + seconds + " s), so it tested it");
    }
}

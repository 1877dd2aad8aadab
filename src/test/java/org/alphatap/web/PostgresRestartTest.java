package org.alphatap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.alphatap.predict.PredictSettings;
import org.alphatap.store.Fixture;
import org.alphatap.store.PostgresStore;
import org.alphatap.store.TestPostgres;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarted under a running service: the query it cut off gets an error document, the
 * next queries are answered without restarting alphatap, and a finished async job keeps its result.
 */
class PostgresRestartTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /** Runs until the restart ends it: 10^9 rows to count. */
    private static final String ENDLESS = "SELECT COUNT(*) AS n FROM tap_schema.columns AS a, tap_schema.columns AS b,"
            + " tap_schema.columns AS c, tap_schema.columns AS d";

    @Test
    void aRestartCostsOnlyTheQueriesInFlight(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TestPostgres pg = TestPostgres.create()) {
            PostgresStore store = PostgresStore.of(pg.url());
            Fixture.write(store, dir);
            int port = TapServer.start(vertx, dir, store, "127.0.0.1", 0, SyncQuery.Limits.defaults(),
                    AsyncSettings.defaults(), PredictSettings.defaults()).await().actualPort();
            String base = "http://127.0.0.1:" + port + "/tap";

            String job = post(base + "/async", "LANG=ADQL&PHASE=RUN&REQUEST=doQuery&RESPONSEFORMAT=csv&QUERY="
                    + enc("SELECT COUNT(*) AS n FROM alpha.stars")).headers().firstValue("Location").orElseThrow();
            String phase = "";
            for (int i = 0; i < 300 && !phase.equals("COMPLETED") && !phase.equals("ERROR"); i++) {
                Thread.sleep(100);
                phase = get(job + "/phase").body().strip();
            }
            assertEquals("COMPLETED", phase, get(job + "/error").body());
            String result = get(job + "/results/result").body();
            assertEquals("n\n4", result.strip());

            // A pooled connection used a moment before the restart: it must not fail the next query.
            assertEquals(200, get(base + "/sync?LANG=ADQL&QUERY=" + enc("SELECT TOP 1 obsid FROM alpha.stars"))
                    .statusCode());
            CompletableFuture<HttpResponse<String>> inFlight = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base
                    + "/sync?LANG=ADQL&QUERY=" + enc(ENDLESS))).build(), HttpResponse.BodyHandlers.ofString());
            awaitRunning(pg);
            TestPostgres.restartServer();
            HttpResponse<String> cut = inFlight.get();
            assertEquals(503, cut.statusCode(), cut.body());
            assertTrue(cut.body().contains("QUERY_STATUS\" value=\"ERROR\"") && cut.body().contains("send the query"
                    + " again"), cut.body());

            HttpResponse<String> next = get(base + "/sync?LANG=ADQL&RESPONSEFORMAT=csv&QUERY="
                    + enc("SELECT COUNT(*) AS n FROM alpha.stars"));
            assertEquals(200, next.statusCode(), next.body());
            assertEquals("n\n4", next.body().strip());
            assertEquals("COMPLETED", get(job + "/phase").body().strip());
            assertEquals(result, get(job + "/results/result").body(), "the finished job's result is still there");
        } finally {
            vertx.close().await();
        }
    }

    /** Waits until the endless query is running in PostgreSQL. */
    private static void awaitRunning(TestPostgres pg) throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            for (int i = 0; i < 100; i++) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active'"
                        + " AND query LIKE '%tap_schema%columns%'")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the endless query never started");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

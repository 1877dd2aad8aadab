package org.alphatap.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.alphatap.predict.PredictSettings;
import org.alphatap.sky.Healpix;
import org.alphatap.sky.Moc;
import org.alphatap.sky.Sky;
import org.alphatap.store.ColumnMetadata;
import org.alphatap.store.H2Store;
import org.alphatap.store.Staging;
import org.alphatap.store.Store;
import org.alphatap.store.TapSchema;
import org.alphatap.survey.Progress;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.util.ByteArrayDataSource;
import uk.ac.starlink.votable.VOTableBuilder;

/** Simple Cone Search through the real server, against a brute-force distance computation. */
@ExtendWith(VertxExtension.class)
class ConeSearchTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int N = 20_000;
    private static final double[][] STARS = new double[N][];
    private static HttpServer server;

    @BeforeAll
    static void start(Vertx vertx, @TempDir Path dir) throws Exception {
        start(vertx, dir, new H2Store(dir));
    }

    /** Loads the stars into {@code store} as a build would: H2 here, PostgreSQL in {@link PostgresConeSearchTest}. */
    static void start(Vertx vertx, Path dir, Store store) throws Exception {
        Random rnd = new Random(11);
        try (Staging staging = store.stage(dir)) {
            Connection c = staging.connection();
            staging.runScript("/schema/alpha.sql", Progress.SILENT);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + staging.schemas().table("alpha.stars")
                    + " (obsid, ra, dec, hpx8, feh, flags) VALUES (?, ?, ?, ?, ?, 0)")) {
                for (int i = 0; i < N; i++) {
                    // A third of the stars crowd the poles and RA 0/360.
                    double ra = i % 3 == 0 ? (rnd.nextBoolean() ? 0 : 359) + rnd.nextDouble() : rnd.nextDouble() * 360;
                    double dec = i % 3 == 0 ? (rnd.nextBoolean() ? 1 : -1) * (80 + 10 * rnd.nextDouble())
                            : Math.toDegrees(Math.asin(2 * rnd.nextDouble() - 1));
                    STARS[i] = new double[] {i, ra, dec};
                    ins.setLong(1, i);
                    ins.setDouble(2, ra);
                    ins.setDouble(3, dec);
                    ins.setLong(4, Healpix.nestedIndex(Healpix.INDEX_ORDER, ra, dec));
                    ins.setDouble(5, -0.1);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            staging.runScript("/schema/alpha-keys.sql", Progress.SILENT);
            TapSchema.publish(staging, ColumnMetadata.load());
            staging.grantReading();
            staging.publish(Progress.SILENT);
        }
        server = TapServer.start(vertx, dir, store, "127.0.0.1", 0,
                new SyncQuery.Limits(5000, 10000, 10, 1 << 20, 16, 30), AsyncSettings.defaults(),
                PredictSettings.defaults()).await();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close().await();
        }
    }

    /** The stars' MOC is the pixels of their positions, in ASCII, in FITS and, at order 6, in the registry record. */
    @Test
    void theCoverageIsThePixelsOfTheStars() throws Exception {
        long[] pixels = new long[N];
        for (int i = 0; i < N; i++) {
            pixels[i] = Healpix.nestedIndex(Healpix.INDEX_ORDER, STARS[i][1], STARS[i][2]);
        }
        Moc expected = Moc.ofPixels(Healpix.INDEX_ORDER, pixels);
        String base = "http://127.0.0.1:" + server.actualPort();
        HttpResponse<String> ascii = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/coverage/alpha.stars.txt"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ascii.statusCode(), ascii.body());
        assertEquals(expected.ascii(), ascii.body().strip());
        HttpResponse<byte[]> fits = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/coverage/alpha.stars.fits"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("application/fits", fits.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(expected.fits(), fits.body());
        HttpResponse<String> record = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/registry-record.xml"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(record.body().contains("<spatial>" + expected.atOrder(6).ascii() + "</spatial>"), record.body());
        HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/coverage/alpha.members.txt"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, none.statusCode());
        assertTrue(none.body().contains("alpha.stars.fits"), none.body());
    }

    /** A HEALPix sky map through TAP counts what the sky package counts, pixel for pixel. */
    @Test
    void healpixGroupByCountsEveryPixel() throws Exception {
        for (int order : new int[] {0, 2, 4}) {
            Map<Long, Integer> expected = new TreeMap<>();
            for (double[] s : STARS) {
                expected.merge(Healpix.nestedIndex(order, s[1], s[2]), 1, Integer::sum);
            }
            String adql = "SELECT ivo_healpix_index(" + order + ", ra, dec) AS pixel, COUNT(*) AS n FROM alpha.stars"
                    + " GROUP BY ivo_healpix_index(" + order + ", ra, dec)";
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.actualPort() + "/tap/sync?LANG=ADQL&RESPONSEFORMAT=csv&MAXREC=1000000&QUERY="
                    + URLEncoder.encode(adql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            Map<Long, Integer> served = new TreeMap<>();
            r.body().lines().skip(1).forEach(l -> served.put(Long.parseLong(l.split(",")[0]),
                    Integer.parseInt(l.split(",")[1])));
            assertEquals(expected, served, "order " + order);
        }
    }

    @Test
    void conesReturnTheBruteForceRowsNearestFirst() throws Exception {
        double[][] cones = {{150, 30, 2}, {0, 90, 5}, {10, -90, 7}, {359.9, 0.5, 3}, {0.2, -85, 4}, {45, 10, 0.3}};
        for (double[] c : cones) {
            List<double[]> truth = new ArrayList<>();
            for (double[] s : STARS) {
                double d = Sky.angle(Sky.unit(s[1], s[2]), Sky.unit(c[0], c[1]));
                if (d <= c[2]) {
                    truth.add(new double[] {s[0], d});
                }
            }
            truth.sort(Comparator.comparingDouble(t -> t[1]));
            List<Object[]> rows = rows(get("/scs/stars?RA=" + c[0] + "&DEC=" + c[1] + "&SR=" + c[2] + "&VERB=1"));
            assertEquals(truth.size(), rows.size(), "cone " + c[0] + ", " + c[1] + ", " + c[2]);
            for (int i = 0; i < rows.size(); i++) {
                assertEquals((long) truth.get(i)[0], rows.get(i)[0], "row " + i + " of cone at " + c[0] + ", " + c[1]);
                assertEquals(truth.get(i)[1], (Double) rows.get(i)[3], 1e-9);
            }
        }
    }

    @Test
    void verbosityChoosesTheColumnsAndTheFirstThreeCarryTheScsUcds() throws Exception {
        StarTable one = table(get("/scs/stars?RA=150&DEC=30&SR=1&VERB=1"));
        assertEquals(4, one.getColumnCount(), "id, ra, dec, distance");
        assertEquals("ID_MAIN", one.getColumnInfo(0).getUCD());
        assertEquals("POS_EQ_RA_MAIN", one.getColumnInfo(1).getUCD());
        assertEquals("POS_EQ_DEC_MAIN", one.getColumnInfo(2).getUCD());
        assertEquals("distance", one.getColumnInfo(3).getName());
        int two = table(get("/scs/stars?RA=150&DEC=30&SR=1")).getColumnCount();
        int three = table(get("/scs/stars?RA=150&DEC=30&SR=1&VERB=3")).getColumnCount();
        assertTrue(4 < two && two < three, two + " < " + three);
        StarTable clusters = table(get("/scs/clusters?RA=56.6&DEC=24.1&SR=1&VERB=1"));
        assertEquals("name", clusters.getColumnInfo(0).getName());
    }

    @Test
    void maxrecCutsWithOverflow() throws Exception {
        String doc = get("/scs/stars?RA=0&DEC=90&SR=10&VERB=1&MAXREC=5");
        assertEquals(5, rows(doc).size());
        assertTrue(doc.contains("QUERY_STATUS\" value=\"OVERFLOW\""), doc);
    }

    @Test
    void badParametersGetTheScsErrorDocument() throws Exception {
        scsError("/scs/stars?DEC=30&SR=1", "missing parameter RA");
        scsError("/scs/stars?RA=150&DEC=north&SR=1", "DEC=north is not a number");
        scsError("/scs/stars?RA=150&DEC=95&SR=1", "DEC=95 is out of range");
        scsError("/scs/stars?RA=361&DEC=0&SR=1", "RA=361 is out of range");
        scsError("/scs/stars?RA=150&DEC=30&SR=0", "SR=0 is out of range");
        scsError("/scs/stars?RA=150&DEC=30&SR=31", "at most 30.0 degrees");
        scsError("/scs/stars?RA=150&DEC=30&SR=1&VERB=4", "VERB=4 is out of range");
        scsError("/scs/stars?RA=150&DEC=30&SR=1&VERB=1.5", "VERB must be 1, 2 or 3");
        assertEquals(5, rows(get("/scs/stars?RA=150&DEC=30&SR=3&VERB=1&MAXREC=5")).size(), "still serving");
    }

    private static void scsError(String path, String message) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "SCS errors are documents with status 200");
        assertTrue(r.body().contains("<INFO name=\"Error\" value=") && r.body().contains(message), r.body());
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    private static StarTable table(String doc) throws Exception {
        return new VOTableBuilder().makeStarTable(new ByteArrayDataSource("r", doc.getBytes(StandardCharsets.UTF_8)),
                false, StoragePolicy.PREFER_MEMORY);
    }

    private static List<Object[]> rows(String doc) throws Exception {
        List<Object[]> out = new ArrayList<>();
        try (RowSequence s = table(doc).getRowSequence()) {
            while (s.next()) {
                out.add(s.getRow().clone());
            }
        }
        return out;
    }
}

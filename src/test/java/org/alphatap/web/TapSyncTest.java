package org.alphatap.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.alphatap.predict.PredictSettings;
import org.alphatap.store.Fixture;
import org.alphatap.store.H2Store;
import org.alphatap.store.Store;
import org.alphatap.store.TapSchema;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.util.ByteArrayDataSource;
import uk.ac.starlink.votable.VOTableBuilder;

/** The real server on a random port, a real HTTP client, real VOTables read back with STIL. */
@ExtendWith(VertxExtension.class)
class TapSyncTest {
    private static HttpServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start(Vertx vertx, @TempDir Path dir) throws Exception {
        start(vertx, dir, new H2Store(dir));
    }

    /** Serves the fixture from {@code store}: H2 here, PostgreSQL in {@link PostgresTapSyncTest}. */
    static void start(Vertx vertx, Path dir, Store store) throws Exception {
        Fixture.write(store, dir);
        server = TapServer.start(vertx, dir, store, "127.0.0.1", 0, new SyncQuery.Limits(1000, 2000, 2),
                AsyncSettings.defaults(), PredictSettings.defaults()).await();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close().await();
        }
    }

    @Test
    void syncGetReturnsABinary2VotableWithTheRows() throws Exception {
        HttpResponse<byte[]> r = get("REQUEST=doQuery&LANG=ADQL&QUERY="
                + enc("SELECT obsid, o_fe FROM alpha.stars WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 150, 30, 0.05))"));
        assertEquals(200, r.statusCode());
        assertEquals("application/x-votable+xml", r.headers().firstValue("Content-Type").orElse(""));
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("<BINARY2>"), body);
        assertTrue(body.contains("QUERY_STATUS\" value=\"OK\""), body);
        StarTable t = votable(r.body());
        assertEquals(2, t.getColumnCount());
        assertEquals("obsid", t.getColumnInfo(0).getName());
        assertEquals("meta.id;meta.main", t.getColumnInfo(0).getUCD(), "metadata from TAP_SCHEMA");
        assertEquals("dex", t.getColumnInfo(1).getUnitString());
        assertEquals(2, rows(t));
    }

    /**
     * A client asking to upgrade to HTTP/2 (Java's does by default) gets large documents whole, in
     * HTTP/1.1: on upgraded connections they were cut off past the first flow-control window.
     */
    @Test
    void anUpgradeRequestIsAnsweredWholeInHttp11() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = h2.send(HttpRequest.newBuilder(uri("/tap/tables")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(HttpClient.Version.HTTP_1_1, r.version());
            assertTrue(r.body().length() > 50_000 && r.body().stripTrailing().endsWith("</vosi:tableset>"),
                    r.body().length() + " characters");
        }
    }

    @Test
    void maxrecCutsTheResultAndSaysOverflow() throws Exception {
        HttpResponse<byte[]> r = get("LANG=ADQL&MAXREC=1&RESPONSEFORMAT=votable/td&QUERY="
                + enc("SELECT obsid FROM alpha.stars ORDER BY obsid"));
        assertEquals(200, r.statusCode());
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("<TABLEDATA>"), body);
        assertTrue(body.indexOf("QUERY_STATUS\" value=\"OVERFLOW\"") > body.indexOf("</TABLE>"), body);
        assertEquals(1, rows(votable(r.body())));
    }

    @Test
    void everyOutputFormatComesWithItsContentTypeAndTheRows() throws Exception {
        String q = "&QUERY=" + enc("SELECT obsid, designation, o_fe FROM alpha.stars ORDER BY obsid");
        HttpResponse<byte[]> csv = get("LANG=ADQL&RESPONSEFORMAT=csv" + q);
        assertEquals("text/csv;header=present", csv.headers().firstValue("Content-Type").orElse(""));
        List<String> lines = new String(csv.body(), StandardCharsets.UTF_8).lines().toList();
        assertEquals("obsid,designation,o_fe", lines.get(0));
        assertEquals(5, lines.size());
        HttpResponse<byte[]> tsv = get("LANG=ADQL&FORMAT=text/tab-separated-values" + q);
        List<String> tsvLines = new String(tsv.body(), StandardCharsets.UTF_8).lines().toList();
        assertEquals("obsid\tdesignation\to_fe", tsvLines.get(0));
        assertEquals("3\tJ000000.50+895959.0\t", tsvLines.get(3), "NULL is an empty field");
        HttpResponse<byte[]> json = get("LANG=ADQL&RESPONSEFORMAT=application/json&MAXREC=2" + q);
        assertEquals("application/json", json.headers().firstValue("Content-Type").orElse(""));
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.body());
        assertEquals("designation", tree.get("columns").get(1).get("name").asText());
        assertEquals("dex", tree.get("columns").get(2).get("unit").asText());
        assertEquals(2, tree.get("data").size());
        assertEquals("OVERFLOW", tree.get("query_status").asText());
        HttpResponse<byte[]> fits = get("LANG=ADQL&RESPONSEFORMAT=fits" + q);
        assertEquals("application/fits", fits.headers().firstValue("Content-Type").orElse(""));
        StarTable t = new uk.ac.starlink.fits.FitsTableBuilder().makeStarTable(
                new ByteArrayDataSource("r", fits.body()), false, uk.ac.starlink.table.StoragePolicy.PREFER_MEMORY);
        assertEquals(4, t.getRowCount());
        assertEquals("o_fe", t.getColumnInfo(2).getName());
        HttpResponse<byte[]> binary = get("LANG=ADQL&RESPONSEFORMAT=votable/b" + q);
        assertTrue(new String(binary.body(), StandardCharsets.UTF_8).contains("<BINARY>"));
        assertEquals(4, rows(votable(binary.body())));
    }

    @Test
    void postFormWorksToo() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri("/tap/sync"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("request=doQuery&lang=ADQL-2.1&query="
                        + enc("SELECT COUNT(*) AS n FROM alpha.members"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        StarTable t = votable(r.body());
        assertEquals("n", t.getColumnInfo(0).getName());
    }

    @Test
    void badQueriesAndParametersGetAVotableErrorWithWhereAndHow() throws Exception {
        HttpResponse<byte[]> r = get("LANG=ADQL&QUERY=" + enc("SELECT fe_h FROM alpha.stars"));
        assertEquals(400, r.statusCode());
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("QUERY_STATUS\" value=\"ERROR\">unknown column 'fe_h'; did you mean 'feh'?"
                + " at line 1, column 8</INFO>"), body);
        assertEquals(400, get("QUERY=" + enc("SELECT 1 FROM alpha.stars")).statusCode(), "no LANG");
        assertEquals(400, get("LANG=SQL&QUERY=x").statusCode());
        assertEquals(400, get("LANG=ADQL&MAXREC=many&QUERY=" + enc("SELECT obsid FROM alpha.stars")).statusCode());
        assertEquals(400, get("LANG=ADQL&RESPONSEFORMAT=pdf&QUERY=" + enc("SELECT obsid FROM alpha.stars")).statusCode());
        assertEquals(400, get("LANG=ADQL&QUERY=" + enc("SELECT FILE_READ('/etc/passwd') FROM alpha.stars")).statusCode());
        // The service keeps serving.
        assertEquals(200, get("LANG=ADQL&QUERY=" + enc("SELECT TOP 1 obsid FROM alpha.stars")).statusCode());
    }

    @Test
    void tablesDescribeWhatTapSchemaDescribes() throws Exception {
        HttpResponse<String> all = HTTP.send(HttpRequest.newBuilder(uri("/tap/tables")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, all.statusCode());
        assertTrue(all.body().contains("<name>alpha.stars</name>"));
        assertTrue(all.body().contains("<name>tap_schema.columns</name>"));
        assertEquals(11, all.body().split("<table type=").length - 1, "every table of tap_schema.tables");
        HttpResponse<String> one = HTTP.send(HttpRequest.newBuilder(uri("/tap/tables/alpha.members")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, one.statusCode());
        assertTrue(one.body().contains("<targetTable>alpha.clusters</targetTable>"), one.body());
        assertTrue(one.body().contains("<dataType xsi:type=\"vs:VOTableType\" arraysize=\"64*\">char</dataType>"),
                one.body());
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(uri("/tap/tables/alpha.nothing")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    /** A client that accepts gzip gets the same bytes, compressed, with the same Content-Type. */
    @Test
    void gzipIsTheSameBytesCompressed() throws Exception {
        for (String format : new String[] {"votable/td", "csv", "votable"}) {
            URI u = uri("/tap/sync?LANG=ADQL&RESPONSEFORMAT=" + enc(format) + "&QUERY="
                    + enc("SELECT * FROM alpha.stars ORDER BY obsid"));
            HttpResponse<byte[]> plain = HTTP.send(HttpRequest.newBuilder(u).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> zipped = HTTP.send(HttpRequest.newBuilder(u).header("Accept-Encoding", "gzip").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, zipped.statusCode());
            assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""), format);
            assertEquals(plain.headers().firstValue("Content-Type"), zipped.headers().firstValue("Content-Type"));
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
                assertArrayEquals(plain.body(), in.readAllBytes(), format);
            }
            assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "none unless asked for");
        }
    }

    /** TAP_SCHEMA.tables says how many rows each table has, as the tables themselves count them. */
    @Test
    void tapSchemaTablesCountTheRows() throws Exception {
        for (String table : new String[] {"alpha.stars", "alpha.clusters", "tap_schema.columns"}) {
            String nrows = csv("SELECT nrows FROM tap_schema.tables WHERE table_name = '" + table + "'");
            String count = csv("SELECT COUNT(*) AS nrows FROM " + table);
            assertEquals(count, nrows, table);
        }
    }

    private static String csv(String adql) throws Exception {
        HttpResponse<byte[]> r = get("LANG=ADQL&RESPONSEFORMAT=csv&QUERY=" + enc(adql));
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return new String(r.body(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void aQueryPastTheSyncLimitIsCancelledAndTheServiceKeepsAnswering() throws Exception {
        String endless = "SELECT COUNT(*) FROM tap_schema.columns AS a, tap_schema.columns AS b,"
                + " tap_schema.columns AS c, tap_schema.columns AS d";
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = get("LANG=ADQL&QUERY=" + enc(endless));
        double seconds = (System.nanoTime() - t0) / 1e9;
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(408, r.statusCode(), body);
        assertTrue(body.contains("longer than the limit of 2 s; use /async"), body);
        assertTrue(seconds < 10, "cancelled, not run to the end: " + seconds + " s");
        assertEquals(200, get("LANG=ADQL&QUERY=" + enc("SELECT TOP 1 obsid FROM alpha.stars")).statusCode());
    }

    @Test
    void capabilitiesDeclareWhatTheServiceDoes() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/tap/capabilities")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        String doc = r.body();
        String base = "http://127.0.0.1:" + server.actualPort();
        assertTrue(doc.contains("<accessURL use=\"base\">" + base + "/tap</accessURL>"), doc);
        assertTrue(doc.contains("<form>POLYGON</form>") && doc.contains("<form>CENTROID</form>"), doc);
        assertTrue(doc.contains("<alias>fits</alias>") && doc.contains("<mime>application/json</mime>"), doc);
        assertTrue(doc.contains("<default unit=\"row\">1000</default>") && doc.contains("<hard unit=\"row\">2000</hard>"),
                doc);
        assertTrue(doc.contains("upload-inline") && doc.contains("ivo://ivoa.net/std/DALI#examples"), doc);
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> examples = HTTP.send(HttpRequest.newBuilder(uri("/tap/examples")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("application/xhtml+xml; charset=UTF-8", examples.headers().firstValue("Content-Type").orElse(""));
        assertTrue(examples.body().contains("typeof=\"example\""));
        assertEquals("alphatap", examples.headers().firstValue("Server").orElse(""));
    }

    @Test
    void availabilitySaysAvailable() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/tap/availability")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<vosi:available>true</vosi:available>"));
    }

    private static HttpResponse<byte[]> get(String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/tap/sync?" + query)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static StarTable votable(byte[] doc) throws Exception {
        return new VOTableBuilder().makeStarTable(new ByteArrayDataSource("result", doc), false,
                uk.ac.starlink.table.StoragePolicy.PREFER_MEMORY);
    }

    private static long rows(StarTable t) throws Exception {
        long n = 0;
        try (var seq = t.getRowSequence()) {
            while (seq.next()) {
                n++;
            }
        }
        return n;
    }

}

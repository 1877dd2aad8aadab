package org.alphatap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alphatap.adql.CaseFiles;
import org.alphatap.predict.PredictSettings;
import org.alphatap.store.Fixture;
import org.alphatap.store.H2Store;
import org.alphatap.store.Store;
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

/** TAP_UPLOAD through the real server: a user's list joined with alpha.stars by position and by id. */
@ExtendWith(VertxExtension.class)
class TapUploadTest {
    private static final String LIST = """
            <?xml version="1.0"?>
            <VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE><TABLE>
            <FIELD name="id" datatype="char" arraysize="*"/><FIELD name="ra" datatype="double" unit="deg"/>
            <FIELD name="dec" datatype="double" unit="deg"/><FIELD name="obsid" datatype="long"/>
            <DATA><TABLEDATA>
            <TR><TD>first</TD><TD>150.0001</TD><TD>30.0002</TD><TD>1</TD></TR>
            <TR><TD>pole</TD><TD>0.002</TD><TD>89.999</TD><TD>3</TD></TR>
            <TR><TD>nothing near</TD><TD>10</TD><TD>10</TD><TD></TD></TR>
            </TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>
            """;
    private static HttpServer server;

    @BeforeAll
    static void start(Vertx vertx, @TempDir Path dir) throws Exception {
        start(vertx, dir, new H2Store(dir));
    }

    /** Serves the fixture from {@code store}: H2 here, PostgreSQL in {@link PostgresTapUploadTest}. */
    static void start(Vertx vertx, Path dir, Store store) throws Exception {
        Fixture.write(store, dir);
        server = TapServer.start(vertx, dir, store, "127.0.0.1", 0, new SyncQuery.Limits(1000, 2000, 10, 4096),
                AsyncSettings.defaults(), PredictSettings.defaults()).await();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close().await();
        }
    }

    @Test
    void aListIsCrossMatchedByPositionWithTheExampleQuery() throws Exception {
        HttpResponse<byte[]> r = post(CaseFiles.examples().get("xmatch"), "mine,param:mine", "mine", LIST);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        List<Object[]> rows = rows(r.body());
        assertEquals(2, rows.size(), "two of three match within 2 arcsec");
        assertEquals("first", rows.get(0)[0]);
        assertEquals(1L, rows.get(0)[1]);
        assertTrue((Double) rows.get(0)[7] < 1, "separation in arcsec");
    }

    @Test
    void aListIsJoinedById() throws Exception {
        HttpResponse<byte[]> r = post("SELECT u.id, s.feh FROM TAP_UPLOAD.mine AS u JOIN alpha.stars AS s"
                + " ON s.obsid = u.obsid ORDER BY u.id", "mine,param:part1", "part1", LIST);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        List<Object[]> rows = rows(r.body());
        assertEquals(2, rows.size());
        assertEquals("pole", rows.get(1)[0]);
    }

    @Test
    void badUploadsAreClientErrorsThatSayWhy() throws Exception {
        String q = "SELECT * FROM TAP_UPLOAD.mine";
        assertError(post(q, "mine,param:other", "mine", LIST), 400, "has no part called 'other'");
        assertError(post(q, "mine,param:mine", "mine", "id,ra\n1,2\n"), 400, "not");
        assertError(post(q, "select,param:mine", "mine", LIST), 400, "'select' cannot be a table name");
        assertError(post(q, "mine,param:mine", "mine", LIST.replace("name=\"dec\"", "name=\"ra\"")), 400,
                "two columns called 'ra'");
        assertError(post(q, "mine,param:mine", "mine", LIST.replace("<TR><TD>first", "<TR><TD>" + "x".repeat(5000)
                + "</TD><TD>1</TD><TD>1</TD><TD>1</TD></TR><TR><TD>first")), 413, "larger than the limit of 4096 bytes");
        assertError(post(q, "mine,ftp://example.org/t.xml", "mine", LIST), 400, "neither param:part nor an http(s) URL");
        assertError(post("SELECT * FROM TAP_UPLOAD.theirs", "mine,param:mine", "mine", LIST), 400,
                "unknown table 'tap_upload.theirs'; did you mean 'tap_upload.mine'?");
        String xxe = LIST.replace("<VOTABLE", "<!DOCTYPE VOTABLE [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<VOTABLE")
                .replace("<TD>first</TD>", "<TD>&x;</TD>");
        HttpResponse<byte[]> r = post(q, "mine,param:mine", "mine", xxe);
        assertError(r, 400, "DOCTYPE");
        assertTrue(!new String(r.body(), StandardCharsets.UTF_8).contains("root:"), "no file content leaks");
        assertEquals(200, post(q, "mine,param:mine", "mine", LIST).statusCode(), "still serving");
    }

    private static void assertError(HttpResponse<byte[]> r, int status, String message) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(status, r.statusCode(), body);
        assertTrue(body.contains("QUERY_STATUS\" value=\"ERROR\"") && body.contains(message), body);
    }

    /** A multipart/form-data POST to /tap/sync with the query and one file part. */
    private static HttpResponse<byte[]> post(String query, String upload, String part, String content) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("REQUEST", "doQuery");
        fields.put("LANG", "ADQL");
        fields.put("QUERY", query);
        fields.put("UPLOAD", upload);
        return new TapClient(server.actualPort()).postMultipart("/tap/sync", fields, part, content);
    }

    private static List<Object[]> rows(byte[] votable) throws Exception {
        StarTable t = new VOTableBuilder().makeStarTable(new ByteArrayDataSource("r", votable), false,
                StoragePolicy.PREFER_MEMORY);
        List<Object[]> out = new ArrayList<>();
        try (RowSequence s = t.getRowSequence()) {
            while (s.next()) {
                out.add(s.getRow().clone());
            }
        }
        return out;
    }
}

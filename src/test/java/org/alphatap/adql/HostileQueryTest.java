package org.alphatap.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.alphatap.store.Database;
import org.alphatap.store.Fixture;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.store.CatalogueReader;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.alphatap.web.TapServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Hostile ADQL, one attempt per file under {@code src/test/resources/adql/hostile} (as
 * {@link CaseFiles} reads them): statements after the query, H2's own functions, tables and
 * commands, comments and quoting that would hide SQL, odd characters, huge numbers, deep nesting.
 * Each fails with its typed error at its place, or runs harmlessly, on the service's read-only
 * connection; a sample also goes through the real server. Afterwards the build is as it was: its
 * files byte for byte, and every row of every published table.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileQueryTest {
    private static final String CASES = "/adql/hostile";
    /** The attempts also sent to the real server, each an error. */
    private static final List<String> OVER_HTTP = List.of("statement-drop-after-semicolon", "statement-runscript",
            "function-file-read", "function-csvread-from", "comment-block", "identifier-table-smuggles-condition",
            "parameter-marker", "number-huge-exponent", "cast-char-gigabyte", "nesting-derived-tables",
            "nesting-stack-overflow");
    /** Where the writing attempts aim. */
    private static final Path WRITE_TARGET = Path.of("/tmp/alphatap-hostile-written");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static Connection db;
    private static Catalogue catalog;
    private static HttpServer server;
    private static Snapshot before;

    /** What must not change: the files of the data directory, the database's bytes, the rows. */
    private record Snapshot(List<String> files, String databaseBytes, String rows) {
    }

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        Fixture.write(dir);
        catalog = CatalogueReader.read(dir);
        db = Database.openReadOnly(dir);
        server = TapServer.start(vertx, dir, "127.0.0.1", 0, new SyncQuery.Limits(1000, 2000, 10),
                AsyncSettings.defaults()).await();
        before = snapshot();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close().await();
        db.close();
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyAttemptFailsWhereItShouldOrDoesNoHarm() throws Exception {
        return CaseFiles.tests(CASES, 50, c -> c.run(catalog, db));
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> overHttpEachIsA400ErrorDocument() {
        return OVER_HTTP.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            CaseFiles.Case c = CaseFiles.load(CASES + "/" + name + ".adql");
            HttpResponse<byte[]> r = sync(c.query());
            assertEquals(400, r.statusCode());
            assertEquals("application/x-votable+xml", r.headers().firstValue("Content-Type").orElse(""));
            String[] lc = c.errorPosition().split(":");
            String message = queryStatus(r.body(), "ERROR");
            assertTrue(message.contains(c.errorMessage()) && message.contains("line " + lc[0] + ", column " + lc[1]),
                    message);
        }));
    }

    @Test
    @Order(3)
    void afterThemAllTheBuildIsUnchangedAndTheServerServes() throws Exception {
        assertEquals(before, snapshot());
        assertFalse(Files.exists(WRITE_TARGET), WRITE_TARGET + " was written");
        HttpResponse<byte[]> r = sync("SELECT COUNT(*) AS n FROM alpha.stars");
        assertEquals(200, r.statusCode());
        assertEquals("OK", queryStatus(r.body(), "OK"));
    }

    private static Snapshot snapshot() throws Exception {
        List<String> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
        MessageDigest rows = MessageDigest.getInstance("SHA-256");
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT table_name FROM tap_schema.tables")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (String table : tables) {
            try (ResultSet rs = db.createStatement().executeQuery("SELECT * FROM " + table)) {
                while (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        rows.update((rs.getString(i) + "\t").getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        byte[] file = Files.readAllBytes(dir.resolve(Database.FILE_NAME));
        return new Snapshot(files, hex(MessageDigest.getInstance("SHA-256").digest(file)), hex(rows.digest()));
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    private static HttpResponse<byte[]> sync(String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/tap/sync"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("REQUEST=doQuery&LANG=ADQL&QUERY="
                        + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The text of the QUERY_STATUS INFO, which must have the value {@code status}. */
    private static String queryStatus(byte[] votable, String status) throws Exception {
        NodeList infos = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(votable)).getElementsByTagName("INFO");
        for (int i = 0; i < infos.getLength(); i++) {
            Element info = (Element) infos.item(i);
            if (info.getAttribute("name").equals("QUERY_STATUS")) {
                assertEquals(status, info.getAttribute("value"));
                return status.equals("OK") ? status : info.getTextContent();
            }
        }
        throw new AssertionError("no QUERY_STATUS in " + new String(votable, StandardCharsets.UTF_8));
    }
}

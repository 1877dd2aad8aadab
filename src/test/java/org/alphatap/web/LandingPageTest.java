package org.alphatap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alphatap.store.Database;
import org.alphatap.store.Fixture;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The landing page over HTTP: the tables it lists, its assets, and nothing it needs from elsewhere. */
@ExtendWith(VertxExtension.class)
class LandingPageTest {
    private static final Pattern TABLE_ROW = Pattern.compile(
            "<a href=\"tap/tables/([^\"]+)\"><code>\\1</code></a></th><td class=\"num\">([0-9,]+)</td>");
    private static final Pattern LINK = Pattern.compile("(?:src|href)=\"([^\"]*)\"");

    private static Path data;
    private static HttpServer server;
    private static TapClient client;

    @BeforeAll
    static void start(Vertx vertx, @TempDir Path dir) throws Exception {
        data = dir;
        Fixture.write(dir);
        server = TapServer.start(vertx, dir, "127.0.0.1", 0, new SyncQuery.Limits(1000, 2000, 2),
                AsyncSettings.defaults()).await();
        client = new TapClient(server.actualPort());
    }

    @AfterAll
    static void stop() {
        server.close().await();
    }

    @Test
    void everyPublishedTableIsListedWithItsRowCountAndALinkToItsMetadata() throws Exception {
        HttpResponse<String> page = client.get("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=UTF-8", page.headers().firstValue("Content-Type").orElse(""));
        Map<String, Long> listed = new LinkedHashMap<>();
        Matcher m = TABLE_ROW.matcher(page.body());
        while (m.find()) {
            listed.put(m.group(1), Long.parseLong(m.group(2).replace(",", "")));
        }
        Map<String, Long> counted = new LinkedHashMap<>();
        try (Connection db = Database.openReadOnly(data); ResultSet rs = db.createStatement().executeQuery(
                "SELECT table_name FROM tap_schema.tables ORDER BY table_index")) {
            while (rs.next()) {
                try (ResultSet n = db.createStatement().executeQuery("SELECT COUNT(*) FROM " + rs.getString(1))) {
                    n.next();
                    counted.put(rs.getString(1), n.getLong(1));
                }
            }
        }
        assertEquals(counted, listed);
        assertEquals(4, listed.get("alpha.stars"));
        for (String table : listed.keySet()) {
            assertEquals(200, client.get("/tap/tables/" + table).statusCode(), table);
        }
    }

    @Test
    void thePageNeedsNothingFromAnotherHost() throws Exception {
        String page = client.get("/").body();
        Matcher m = LINK.matcher(page);
        int links = 0;
        while (m.find()) {
            String link = m.group(1);
            assertTrue(!link.contains("//") && !link.startsWith("/"), "relative to the service: " + link);
            links++;
        }
        assertTrue(links > 10, page);
        HttpResponse<String> js = client.get("/site/app.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(!js.body().contains("http://") && !js.body().contains("https://"), "no external script");
        assertEquals(200, client.get("/site/style.css").statusCode());
        assertEquals(404, client.get("/site/index.html").statusCode());
    }

    @Test
    void aConeSearchAnswersInTabledataWhenAskedTo() throws Exception {
        HttpResponse<String> cone = client.get("/scs/stars?RA=150&DEC=30&SR=0.1&RESPONSEFORMAT=votable/td");
        assertEquals(200, cone.statusCode());
        assertTrue(cone.body().contains("<TABLEDATA>"), cone.body());
        assertEquals(2, cone.body().split("<TR>", -1).length - 1, cone.body());
    }
}

package org.alphatap.web;

import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alphatap.catalogue.Catalogue;
import uk.ac.starlink.votable.VOSerializer;

/**
 * The page for people at {@code /}: what the service holds, the science with its figures, a
 * query form, a cone-search form and how to reach the service from TOPCAT, pyvo, curl and
 * STILTS. The page is written once at start-up, with the row count of every published table;
 * everything it runs goes through the public endpoints, from the script beside it.
 */
final class LandingPage {
    private static final String SITE = "/org/alphatap/web/site/";
    /** The assets beside the page, by the name they are served under, with their types. */
    private static final Map<String, String> ASSETS = Map.of("style.css", "text/css; charset=UTF-8",
            "app.js", "text/javascript; charset=UTF-8");

    /** A published table as the page lists it. */
    record Table(String name, String description, long rows) {
    }

    private LandingPage() {
    }

    static void mount(Router router, List<Table> tables) {
        String page = page(tables);
        router.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=UTF-8").end(page));
        ASSETS.forEach((name, type) -> {
            String body = resource(name);
            router.get("/site/" + name).handler(ctx -> ctx.response().putHeader("Content-Type", type).end(body));
        });
    }

    /**
     * The published tables in their order, with the row counts the build recorded in
     * TAP_SCHEMA.tables: no table is counted again at each start (a full scan on PostgreSQL).
     */
    static List<Table> tables(Connection db, Catalogue catalogue) throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT table_name, nrows FROM"
                + " tap_schema.tables")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getLong(2));
            }
        }
        List<Table> out = new ArrayList<>();
        for (org.alphatap.catalogue.Table t : catalogue.tables()) {
            out.add(new Table(t.name(), t.description(), rows.getOrDefault(t.name(), 0L)));
        }
        return out;
    }

    static String page(List<Table> tables) {
        StringBuilder rows = new StringBuilder();
        for (Table t : tables) {
            String name = VOSerializer.formatText(t.name());
            rows.append("        <tr><th scope=\"row\"><a href=\"tap/tables/").append(name).append("\"><code>").append(name)
                    .append("</code></a></th><td class=\"num\">").append(String.format(Locale.ROOT, "%,d", t.rows()))
                    .append("</td><td>").append(VOSerializer.formatText(t.description() == null ? "" : t.description()))
                    .append("</td></tr>\n");
        }
        return resource("index.html").replace("<!-- TABLES -->\n", rows.toString());
    }

    private static String resource(String name) {
        try (InputStream in = LandingPage.class.getResourceAsStream(SITE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SITE + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

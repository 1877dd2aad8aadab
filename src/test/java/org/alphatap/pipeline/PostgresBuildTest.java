package org.alphatap.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.alphatap.predict.BuiltFixture;
import org.alphatap.predict.PredictSettings;
import org.alphatap.store.H2Store;
import org.alphatap.store.PostgresStore;
import org.alphatap.store.Store;
import org.alphatap.store.TestPostgres;
import org.alphatap.survey.Progress;
import org.alphatap.survey.mock.MockFixture;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.alphatap.web.TapServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alphatap build --database}: the same build as the H2 fixture's, loaded into PostgreSQL,
 * gives the same tables and TAP_SCHEMA; the service's role may only read; a build that fails
 * halfway leaves the served one as it was.
 */
class PostgresBuildTest {
    private static final long SEED = 11;
    /** Every published table, ordered so that both engines list the same rows in the same order. */
    private static final List<String> DUMPS = List.of(
            "SELECT * FROM alpha.gradients ORDER BY sample, element, model",
            "SELECT * FROM alpha.clusters ORDER BY name",
            "SELECT * FROM alpha.models ORDER BY model, element",
            "SELECT * FROM alpha.members ORDER BY cluster, obsid",
            "SELECT * FROM alpha.training ORDER BY split, sobject_id, obsid",
            "SELECT * FROM alpha.stars ORDER BY obsid",
            "SELECT * FROM tap_schema.schemas ORDER BY schema_name",
            "SELECT * FROM tap_schema.tables ORDER BY table_name",
            "SELECT * FROM tap_schema.columns ORDER BY table_name, column_name",
            "SELECT * FROM tap_schema.keys ORDER BY key_id",
            "SELECT * FROM tap_schema.key_columns ORDER BY key_id, from_column");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestPostgres pg;
    private static PostgresStore store;
    private static Path data;

    @BeforeAll
    static void build(@TempDir Path dir) throws Exception {
        pg = TestPostgres.create();
        store = PostgresStore.of(pg.url());
        data = dir.resolve("data");
        Build.run(BuildInputs.of(MockFixture.small()), LightSettings.of(SEED), data, store, Progress.SILENT);
    }

    @AfterAll
    static void drop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void theServiceAnswersFromPostgres() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            int port = TapServer.start(vertx, data, store, "127.0.0.1", 0, SyncQuery.Limits.defaults(),
                    AsyncSettings.defaults(), PredictSettings.defaults()).await().actualPort();
            String base = "http://127.0.0.1:" + port;
            String sync = get(base + "/tap/sync?LANG=ADQL&RESPONSEFORMAT=csv&QUERY=" + URLEncoder.encode(
                    "SELECT COUNT(*) AS n FROM alpha.clusters WHERE in_gradient = 1", StandardCharsets.UTF_8));
            assertEquals(count(new H2Store(BuiltFixture.data()),
                    "SELECT COUNT(*) FROM alpha.clusters WHERE in_gradient = 1"), Long.parseLong(sync.lines().skip(1)
                    .findFirst().orElseThrow().strip()));
            long obsid;
            String position;
            try (Connection c = store.openReader(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT obsid, ra, dec FROM alpha.stars ORDER BY obsid LIMIT 1")) {
                rs.next();
                obsid = rs.getLong(1);
                position = "RA=" + rs.getDouble(2) + "&DEC=" + rs.getDouble(3);
            }
            String cone = get(base + "/scs/stars?" + position + "&SR=0.01&VERB=1&RESPONSEFORMAT=csv");
            assertTrue(cone.lines().anyMatch(row -> row.startsWith(obsid + ",")), cone);
            String predicted = get(base + "/predict?teff=4800&logg=2.5&feh=-0.1&RESPONSEFORMAT=csv");
            assertTrue(predicted.startsWith("teff") || predicted.contains("mg_fe"), predicted);
            String error = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/tap/sync?LANG=ADQL&QUERY="
                    + URLEncoder.encode("SELECT nope FROM alpha.stars", StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(error.contains("QUERY_STATUS\" value=\"ERROR\"") && error.contains("nope"), error);
        } finally {
            vertx.close().await();
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }

    private static long count(Store tables, String sql) throws Exception {
        try (Connection c = tables.openReader(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void everyTableHoldsTheH2BuildsRows() throws Exception {
        List<List<String>> h2 = dump(new H2Store(BuiltFixture.data()));
        List<List<String>> postgres = dump(store);
        for (int i = 0; i < DUMPS.size(); i++) {
            assertFalse(h2.get(i).isEmpty(), DUMPS.get(i));
            assertEquals(h2.get(i).size(), postgres.get(i).size(), DUMPS.get(i));
            for (int row = 0; row < h2.get(i).size(); row++) {
                assertEquals(h2.get(i).get(row), postgres.get(i).get(row), DUMPS.get(i) + ", row " + row);
            }
        }
    }

    @Test
    void theReaderMaySelectAndNothingElse() throws Exception {
        try (Connection c = store.openReader(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT current_user, COUNT(*) FROM alpha.stars GROUP BY 1")) {
                assertTrue(rs.next());
                assertEquals(PostgresStore.READER, rs.getString(1));
            }
            c.rollback();
            for (String sql : List.of("DELETE FROM alpha.stars", "CREATE TABLE alpha.x (i INT)",
                    "UPDATE tap_schema.tables SET description = ''", "CREATE TEMPORARY TABLE t (i INT)")) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertTrue(List.of("25006", "42501").contains(e.getSQLState()), sql + ": " + e.getSQLState());
                c.rollback();
            }
        }
    }

    @Test
    void aBuildThatFailsHalfwayLeavesTheServedOneInPlace(@TempDir Path dir) throws Exception {
        List<List<String>> before = dump(store);
        // Fails once the rows are in, as the keys and indexes are being made.
        Progress failing = (stage, total) -> {
            if (stage.startsWith("index")) {
                throw new IllegalStateException("injected failure at " + stage);
            }
            return Progress.SILENT.start(stage, total);
        };
        Exception e = assertThrows(Exception.class, () -> Build.run(BuildInputs.of(MockFixture.small()),
                LightSettings.of(SEED + 1), dir.resolve("data"), store, failing));
        assertTrue(String.valueOf(e.getMessage()).contains("injected"), String.valueOf(e.getMessage()));
        assertEquals(before, dump(store), "the served build is untouched");
    }

    /** Every row of every table in {@link #DUMPS}, numbers compared as doubles, not as each driver prints them. */
    private static List<List<String>> dump(Store tables) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = tables.openReader(); Statement s = c.createStatement()) {
            for (String q : DUMPS) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(q)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder b = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            int type = md.getColumnType(i);
                            Object v = type == Types.REAL ? Float.valueOf(rs.getFloat(i))
                                    : type == Types.DOUBLE || type == Types.FLOAT ? Double.valueOf(rs.getDouble(i))
                                    : rs.getString(i);
                            b.append(rs.wasNull() ? "NULL" : v).append('|');
                        }
                        rows.add(b.toString());
                    }
                }
                out.add(rows);
            }
        }
        return out;
    }
}

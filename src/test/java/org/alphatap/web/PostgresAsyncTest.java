package org.alphatap.web;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.alphatap.store.Fixture;
import org.alphatap.store.PostgresStore;
import org.alphatap.store.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of {@link AsyncTest}, against the service reading a build in PostgreSQL, where the
 * jobs and their files live in the database.
 */
class PostgresAsyncTest extends AsyncTest {
    private static TestPostgres pg;

    @BeforeAll
    static void start(Vertx vertx, @TempDir Path dir) throws Exception {
        pg = TestPostgres.create();
        PostgresStore store = PostgresStore.of(pg.url());
        Path data = dir.resolve("main");
        Fixture.write(store, data);
        // As AsyncTest's build: 1,000 more stars, enough for endless joins.
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO alpha.stars (obsid, ra, dec, flags) SELECT x + 100, x % 360, 0, 0"
                    + " FROM generate_series(1, 1000) AS x");
        }
        setData(data);
        start(vertx, store, PostgresAsyncTest::filesInDatabase);
    }

    @AfterAll
    static void stop() throws Exception {
        AsyncTest.stop();
        if (pg != null) {
            pg.close();
        }
    }

    private static List<String> filesInDatabase(String id) {
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement("SELECT DISTINCT name FROM "
                + PostgresStore.JOBS + ".job_file WHERE job_id = ? ORDER BY name")) {
            ps.setString(1, id);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

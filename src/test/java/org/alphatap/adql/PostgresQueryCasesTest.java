package org.alphatap.adql;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.alphatap.adql.sql.H2Dialect;
import org.alphatap.adql.sql.PostgresDialect;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.store.CatalogueReader;
import org.alphatap.store.Database;
import org.alphatap.store.Fixture;
import org.alphatap.store.PostgresStore;
import org.alphatap.store.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ADQL run case ({@code src/test/resources/adql/run}) on PostgreSQL beside H2, on the same
 * schema and rows: the expected columns and row count on both, and the same rows (as a multiset,
 * numbers to 6 significant digits) wherever the query fixes which rows come back.
 */
class PostgresQueryCasesTest {
    private static TestPostgres server;
    private static Connection pg;
    private static Connection h2;
    private static Catalogue catalogue;

    @BeforeAll
    static void databases(@TempDir Path dir) throws Exception {
        server = TestPostgres.create();
        Fixture.write(PostgresStore.of(server.url()), dir);
        catalogue = CatalogueReader.read(dir);
        h2 = Database.openReadOnly(dir);
        pg = server.connect();
    }

    @AfterAll
    static void close() throws Exception {
        if (h2 != null) {
            h2.close();
        }
        if (pg != null) {
            pg.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseFileOnBothEngines() throws Exception {
        return CaseFiles.tests("/adql/run", 30, c -> {
            if (c.isError() && c.errorMessage().contains("is not available on this service")) {
                // A refusal of what H2 lacks: PostgreSQL has it, and must run it.
                String sql = c.sql(catalogue, PostgresDialect.INSTANCE);
                assertDoesNotThrow(() -> rows(pg, sql), sql);
                return;
            }
            c.run(catalogue, pg, PostgresDialect.INSTANCE);
            if (c.isError() || arbitraryRows(c.query())) {
                return;
            }
            String onH2 = c.sql(catalogue, H2Dialect.INSTANCE);
            String onPg = c.sql(catalogue, PostgresDialect.INSTANCE);
            assertEquals(rows(h2, onH2), rows(pg, onPg), onPg);
        });
    }

    /** TOP without ORDER BY: each engine may return other rows, both correct. */
    private static boolean arbitraryRows(String query) {
        String q = query.toUpperCase(Locale.ROOT);
        return q.contains("TOP ") && !q.contains("ORDER BY") || q.contains("RAND(");
    }

    /** The rows as sorted text: numbers to 6 significant digits, NULL as a word. */
    private static List<String> rows(Connection db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    row.append(i == 1 ? "" : " | ").append(v == null ? "NULL" : v instanceof Number x
                            ? String.format(Locale.ROOT, "%.6g", x.doubleValue()) : v.toString().stripTrailing());
                }
                out.add(row.toString());
            }
        }
        out.sort(null);
        return out;
    }
}

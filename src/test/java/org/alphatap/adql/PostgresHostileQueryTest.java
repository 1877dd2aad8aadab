package org.alphatap.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.alphatap.adql.parse.AdqlException;
import org.alphatap.adql.sql.PostgresDialect;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.store.CatalogueReader;
import org.alphatap.store.Fixture;
import org.alphatap.store.PostgresStore;
import org.alphatap.store.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every attempt of {@code src/test/resources/adql/hostile/} on PostgreSQL, written in its dialect
 * and run as the service's reader: each fails where it should or does no harm, and afterwards
 * every published row is as it was. Two differences from H2 are refusals, not harm: PostgreSQL
 * refuses an overflowing double where H2 computes Infinity, and a string holding NUL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresHostileQueryTest {
    private static TestPostgres server;
    private static Connection reader;
    private static Catalogue catalogue;
    private static List<String> before;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        server = TestPostgres.create();
        PostgresStore store = PostgresStore.of(server.url());
        Fixture.write(store, dir);
        catalogue = CatalogueReader.read(store);
        reader = store.openReader();
        before = rows();
    }

    @AfterAll
    static void stop() throws Exception {
        if (reader != null) {
            reader.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyAttemptFailsWhereItShouldOrDoesNoHarm() throws Exception {
        return CaseFiles.tests("/adql/hostile", 50, c -> {
            try {
                c.run(catalogue, reader, PostgresDialect.INSTANCE);
            } catch (SQLException e) {
                // Where H2 computes Infinity, PostgreSQL refuses the value (SQLState class 22, data
                // exception: the service answers it with a 400 saying so). A refusal does no harm.
                if (c.isError() || e.getSQLState() == null || !e.getSQLState().startsWith("22")) {
                    throw e;
                }
            } catch (AdqlException e) {
                // PostgreSQL strings cannot hold NUL: the translator refuses such a literal.
                if (c.isError() || !e.getMessage().contains("U+0000")) {
                    throw e;
                }
            } finally {
                // A failed statement ends the reader's transaction; the next case starts clean.
                reader.rollback();
            }
        });
    }

    @Test
    @Order(2)
    void afterThemAllEveryRowIsAsItWas() throws Exception {
        assertEquals(before, rows());
        assertFalse(Files.exists(Path.of("/tmp/alphatap-hostile-written")), "a file was written");
    }

    /** Every row of every published table, as text. */
    private static List<String> rows() throws Exception {
        List<String> out = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = reader.createStatement().executeQuery("SELECT table_name FROM tap_schema.tables"
                + " ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (String table : tables) {
            try (ResultSet rs = reader.createStatement().executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder(table);
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.append('|').append(rs.getString(i));
                    }
                    out.add(row.toString());
                }
            }
        }
        reader.rollback();
        return out;
    }
}

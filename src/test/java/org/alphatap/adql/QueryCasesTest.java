package org.alphatap.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.stream.Stream;
import org.alphatap.adql.ast.Query;
import org.alphatap.adql.check.Catalog;
import org.alphatap.adql.check.Checker;
import org.alphatap.adql.parse.AdqlException;
import org.alphatap.adql.parse.Parser;
import org.alphatap.adql.sql.H2Translator;
import org.alphatap.store.Database;
import org.alphatap.store.Fixture;
import org.alphatap.tap.Published;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * One file per case under {@code src/test/resources/adql/run}, run through parse → check →
 * translate → H2 on the published schema with a few rows ({@code adql/fixture.sql}). The first line
 * says what must come back: {@code -- expect: OK rows=N columns=a,b} or
 * {@code -- expect: ERROR <message part> @ line:column}.
 */
class QueryCasesTest {
    private static Connection db;
    private static Catalog catalog;

    @BeforeAll
    static void database(@TempDir Path dir) throws Exception {
        Fixture.write(dir);
        // The names a query may use are those TAP_SCHEMA publishes, as the service reads them.
        catalog = Published.read(dir).catalog();
        db = Database.openReadOnly(dir);
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseFile() throws Exception {
        return CaseFiles.tests("/adql/run", 30, QueryCasesTest::run);
    }

    private static void run(CaseFiles.Case c) throws Exception {
        if (c.isError()) {
            c.assertError(assertThrows(AdqlException.class, () -> translate(c.query())));
            return;
        }
        String[] fields = c.expect().split(" ");
        int rows = Integer.parseInt(fields[1].substring("rows=".length()));
        List<String> columns = Arrays.asList(fields[2].substring("columns=".length()).split(","));
        Query q = Parser.parse(c.query());
        assertEquals(columns, new Checker(catalog).check(q));
        String sql = H2Translator.toSql(q);
        int n = 0;
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            assertEquals(columns.size(), rs.getMetaData().getColumnCount(), sql);
            while (rs.next()) {
                n++;
            }
        }
        assertEquals(rows, n, sql);
    }

    private static String translate(String text) throws AdqlException {
        Query q = Parser.parse(text);
        new Checker(catalog).check(q);
        return H2Translator.toSql(q);
    }
}

package org.alphatap.adql;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.stream.Stream;
import org.alphatap.store.Database;
import org.alphatap.store.Fixture;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.store.CatalogueReader;
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
    private static Catalogue catalog;

    @BeforeAll
    static void database(@TempDir Path dir) throws Exception {
        Fixture.write(dir);
        // The names a query may use are those TAP_SCHEMA publishes, as the service reads them.
        catalog = CatalogueReader.read(dir);
        db = Database.openReadOnly(dir);
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseFile() throws Exception {
        return CaseFiles.tests("/adql/run", 30, c -> c.run(catalog, db));
    }
}

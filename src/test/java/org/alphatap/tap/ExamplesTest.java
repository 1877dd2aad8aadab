package org.alphatap.tap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Collection;
import org.alphatap.adql.CaseFiles;
import org.alphatap.adql.ast.Query;
import org.alphatap.adql.check.Checker;
import org.alphatap.adql.parse.Parser;
import org.alphatap.adql.sql.H2Dialect;
import org.alphatap.adql.sql.SqlWriter;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.store.CatalogueReader;
import org.alphatap.store.Database;
import org.alphatap.store.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DALI examples document is well-formed XHTML with one query per example, and every query on alpha.* runs. */
class ExamplesTest {
    @Test
    void everyExampleQueryRunsAndReturnsRows(@TempDir Path dir) throws Exception {
        Collection<String> queries = CaseFiles.examples().values();
        assertTrue(queries.size() >= 6, "examples found: " + queries.size());
        Fixture.write(dir);
        Catalogue catalogue = CatalogueReader.read(dir);
        try (Connection db = Database.openReadOnly(dir)) {
            for (String text : queries) {
                if (text.contains("TAP_UPLOAD.")) {
                    continue; // needs an upload: TapUploadTest runs it
                }
                Query q = Parser.parse(text);
                new Checker(catalogue).check(q);
                String sql = SqlWriter.toSql(q, catalogue, H2Dialect.INSTANCE);
                try (ResultSet rs = db.createStatement().executeQuery(sql)) {
                    assertTrue(rs.next(), "the example returns rows on the fixture: " + text);
                }
            }
        }
    }
}

package org.alphatap.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.alphatap.adql.ast.Query;
import org.alphatap.adql.check.Checker;
import org.alphatap.adql.parse.Parser;
import org.alphatap.adql.sql.H2Translator;
import org.alphatap.store.Database;
import org.alphatap.store.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The DALI examples document is well-formed XHTML, and every query of it on alpha.* runs. */
class ExamplesTest {
    @Test
    void everyExampleQueryRunsAndReturnsRows(@TempDir Path dir) throws Exception {
        List<String> queries = new ArrayList<>();
        try (InputStream in = ExamplesTest.class.getResourceAsStream("/vo-resources/examples.html")) {
            NodeList all = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                    .getElementsByTagName("*");
            int examples = 0;
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                examples += e.getAttribute("typeof").equals("example") ? 1 : 0;
                if (e.getAttribute("property").equals("query")) {
                    queries.add(e.getTextContent());
                }
            }
            assertEquals(examples, queries.size(), "one query per example");
        }
        assertTrue(queries.size() >= 6, "examples found: " + queries.size());
        Fixture.write(dir);
        Published published = Published.read(dir);
        try (Connection db = Database.openReadOnly(dir)) {
            for (String text : queries) {
                if (text.contains("TAP_UPLOAD.")) {
                    continue; // needs an upload: TapUploadTest runs it
                }
                Query q = Parser.parse(text);
                new Checker(published.catalog()).check(q);
                try (ResultSet rs = db.createStatement().executeQuery(H2Translator.toSql(q))) {
                    assertTrue(rs.next(), "the example returns rows on the fixture: " + text);
                }
            }
        }
    }
}

package org.alphatap.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.alphatap.adql.parse.AdqlSyntaxException;
import org.alphatap.adql.parse.Parser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One file per case under {@code src/test/resources/adql/syntax}: the first line says what the
 * parser must answer, {@code -- expect: OK} or {@code -- expect: ERROR <message part> @ line:column};
 * the rest is the query. Adding a case is adding a file.
 */
class SyntaxCasesTest {
    @TestFactory
    Stream<DynamicTest> everyCaseFile() throws Exception {
        return CaseFiles.tests("/adql/syntax", 40, c -> {
            if (c.isError()) {
                c.assertError(assertThrows(AdqlSyntaxException.class, () -> Parser.parse(c.query())));
            } else {
                assertEquals("OK", c.expect());
                Parser.parse(c.query());
            }
        });
    }
}

package org.alphatap.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        Path dir = Path.of(SyntaxCasesTest.class.getResource("/adql/syntax").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".adql")).sorted().toList();
        }
        assertTrue(files.size() >= 40, "the case files are there");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String header = text.lines().findFirst().orElseThrow().trim();
        String expect = header.substring("-- expect:".length()).trim();
        if (expect.equals("OK")) {
            Parser.parse(text);
            return;
        }
        int at = expect.lastIndexOf(" @ ");
        String message = expect.substring("ERROR ".length(), at);
        String[] lc = expect.substring(at + 3).split(":");
        AdqlSyntaxException e = assertThrows(AdqlSyntaxException.class, () -> Parser.parse(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(Integer.parseInt(lc[0]) + ":" + Integer.parseInt(lc[1]),
                e.position().line() + ":" + e.position().column(), e.getMessage());
    }
}

package org.alphatap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.alphatap.store.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdqlCheckCommandTest {
    @Test
    void linesModeAnswersEveryLineInOrder() {
        String input = String.join("\n",
                "SELECT ra, dec FROM alpha.stars",
                "SELECT obsid FROM alpha.stars LIMIT 5",
                "SELECT obsid\\n  FROM alpha.stars -- a comment\\nWHERE feh > 0",
                "SELECT \\u0022select\\u0022 FROM t\\tWHERE x = 'a\\\\b'",
                "SELECT 1 \\q") + "\n";
        Run r = run(input, "adql", "check", "--lines");
        assertEquals(1, r.exit, "some lines fail");
        assertEquals(List.of("OK", "ERROR LIMIT is not ADQL: write SELECT TOP n instead at line 1, column 31", "OK", "OK",
                "ERROR bad escape in the input line: unknown escape \\q"), r.out.lines().toList());
    }

    @Test
    void oneQueryAsArgumentOrOnStandardInput() {
        assertEquals(0, run("", "adql", "check", "SELECT TOP 5 * FROM alpha.stars").exit);
        assertEquals(1, run("DROP TABLE alpha.stars\n", "adql", "check").exit);
        assertEquals(0, run("SELECT obsid\nFROM alpha.stars\n", "adql", "check").exit);
    }

    @Test
    void withDataTheNamesAreCheckedAgainstThatBuild(@TempDir Path dir) throws Exception {
        Fixture.write(dir);
        String input = String.join("\n", "SELECT feh FROM alpha.stars", "SELECT fe_h FROM alpha.stars",
                "SELECT obsid FROM alpha.stars WHERE 1 = CONTAINS(POINT(ra, dec), POLYGON(0, 0, 1, 0, 0.5, 0.5, 1, 1, 0, 1))")
                + "\n";
        Run r = run(input, "adql", "check", "--lines", "--data", dir.toString());
        assertEquals(1, r.exit);
        List<String> out = r.out.lines().toList();
        assertEquals("OK", out.get(0));
        assertEquals("ERROR unknown column 'fe_h'; did you mean 'feh'? at line 1, column 8", out.get(1));
        assertTrue(out.get(2).startsWith("ERROR POLYGON must be convex"), out.get(2));
        assertEquals(0, run("", "adql", "check", "SELECT fe_h FROM alpha.stars").exit, "syntax only without --data");
    }

    @Test
    void sqlPrintsTheTranslationOrTheProblem() {
        Run ok = run("", "adql", "sql", "SELECT TOP 3 obsid FROM alpha.stars ORDER BY obsid");
        assertEquals(0, ok.exit);
        assertEquals("SELECT \"OBSID\" FROM \"ALPHA\".\"STARS\" ORDER BY \"OBSID\" ASC FETCH FIRST 3 ROWS ONLY",
                ok.out.strip());
        assertEquals(1, run("", "adql", "sql", "SELECT FILE_READ('/etc/passwd') FROM alpha.stars").exit);
    }

    @Test
    void unescapeRefusesMalformedEscapes() {
        assertEquals("a\nb\\c\u00e9", AdqlCommand.unescape("a\\nb\\\\c\\u00e9"));
        assertThrows(IllegalArgumentException.class, () -> AdqlCommand.unescape("x\\u12"));
        assertThrows(IllegalArgumentException.class, () -> AdqlCommand.unescape("x\\"));
    }

    private record Run(int exit, String out) {
    }

    private static synchronized Run run(String stdin, String... args) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit = Main.commandLine().execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
        }
    }
}

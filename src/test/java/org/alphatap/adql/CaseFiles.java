package org.alphatap.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.alphatap.adql.parse.AdqlException;
import org.junit.jupiter.api.DynamicTest;

/**
 * The data-driven ADQL cases: one {@code .adql} file per case, its first line
 * {@code -- expect: <what>}, the rest the query (the expectation line is an ADQL comment).
 */
final class CaseFiles {
    /** One case: the text after "-- expect:" and the whole file (a valid query). */
    record Case(String expect, String query) {
        /** For "ERROR <message part> @ line:column": the message part. */
        String errorMessage() {
            return expect.substring("ERROR ".length(), expect.lastIndexOf(" @ "));
        }

        /** Asserts that {@code e} says the expected message at the expected place. */
        void assertError(AdqlException e) {
            assertTrue(e.getMessage().contains(errorMessage()), e.getMessage());
            String[] lc = expect.substring(expect.lastIndexOf(" @ ") + 3).split(":");
            assertEquals(Integer.parseInt(lc[0]) + ":" + Integer.parseInt(lc[1]),
                    e.position().line() + ":" + e.position().column(), e.getMessage());
        }

        boolean isError() {
            return expect.startsWith("ERROR ");
        }
    }

    interface Check {
        void run(Case c) throws Exception;
    }

    private CaseFiles() {
    }

    /** A dynamic test per file of the resource directory, at least {@code minimum} of them. */
    static Stream<DynamicTest> tests(String resourceDir, int minimum, Check check) throws Exception {
        Path dir = Path.of(CaseFiles.class.getResource(resourceDir).toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".adql")).sorted().toList();
        }
        assertTrue(files.size() >= minimum, "the case files are there");
        Function<Path, DynamicTest> test = f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            String header = text.lines().findFirst().orElseThrow().trim();
            check.run(new Case(header.substring("-- expect:".length()).trim(), text));
        });
        return files.stream().map(test);
    }
}

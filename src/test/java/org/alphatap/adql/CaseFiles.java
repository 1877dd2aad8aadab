package org.alphatap.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.alphatap.adql.ast.Query;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.adql.check.Checker;
import org.alphatap.adql.parse.AdqlException;
import org.alphatap.adql.parse.Parser;
import org.alphatap.adql.sql.Dialect;
import org.alphatap.adql.sql.H2Dialect;
import org.alphatap.adql.sql.SqlWriter;
import org.junit.jupiter.api.DynamicTest;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The data-driven ADQL cases: one {@code .adql} file per case, its first line
 * {@code -- expect: <what>}, the rest the query (the expectation line is an ADQL comment).
 */
public final class CaseFiles {
    /**
     * One case: the text after "-- expect:" and the whole file (a valid query). The text is
     * {@code ERROR <message part> @ line:column} or {@code OK rows=N columns=a,b [value=text]}, where
     * the value, if given, is the first column of the first row, to the end of the line.
     */
    record Case(String expect, String query) {
        /** For "ERROR <message part> @ line:column": the message part. */
        String errorMessage() {
            return expect.substring("ERROR ".length(), expect.lastIndexOf(" @ "));
        }

        /** Asserts that {@code e} says the expected message at the expected place. */
        void assertError(AdqlException e) {
            assertTrue(e.getMessage().contains(errorMessage()), e.getMessage());
            assertEquals(errorPosition(), e.position().line() + ":" + e.position().column(), e.getMessage());
        }

        /** For an error: "line:column". */
        String errorPosition() {
            String[] lc = expect.substring(expect.lastIndexOf(" @ ") + 3).split(":");
            return Integer.parseInt(lc[0]) + ":" + Integer.parseInt(lc[1]);
        }

        boolean isError() {
            return expect.startsWith("ERROR ");
        }

        /**
         * Runs the case: an error must come from parsing, checking or translating; a query must
         * give its columns and rows (and value) when the engine runs its SQL on {@code db}.
         */
        void run(Catalogue catalog, Connection db) throws Exception {
            run(catalog, db, H2Dialect.INSTANCE);
        }

        void run(Catalogue catalog, Connection db, Dialect dialect) throws Exception {
            if (isError()) {
                assertError(assertThrows(AdqlException.class, () -> sql(catalog, dialect)));
                return;
            }
            String[] fields = expect.split(" ", 4);
            int rows = Integer.parseInt(fields[1].substring("rows=".length()));
            List<String> columns = Arrays.asList(fields[2].substring("columns=".length()).split(","));
            String value = fields.length > 3 ? fields[3].substring("value=".length()) : null;
            assertEquals(columns, new Checker(catalog).check(Parser.parse(query)));
            String sql = sql(catalog, dialect);
            int n = 0;
            try (ResultSet rs = db.createStatement().executeQuery(sql)) {
                assertEquals(columns.size(), rs.getMetaData().getColumnCount(), sql);
                while (rs.next()) {
                    if (n++ == 0 && value != null) {
                        assertEquals(value, rs.getString(1), sql);
                    }
                }
            }
            assertEquals(rows, n, sql);
        }

        /** The query parsed, checked and written for one engine. */
        String sql(Catalogue catalog, Dialect dialect) throws AdqlException {
            Query q = Parser.parse(query);
            new Checker(catalog).check(q);
            return SqlWriter.toSql(q, catalog, dialect);
        }
    }

    interface Check {
        void run(Case c) throws Exception;
    }

    private CaseFiles() {
    }

    /** A dynamic test per file of the resource directory, at least {@code minimum} of them. */
    static Stream<DynamicTest> tests(String resourceDir, int minimum, Check check) throws Exception {
        List<Path> files = files(resourceDir);
        assertTrue(files.size() >= minimum, "the case files are there");
        Function<Path, DynamicTest> test = f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> check.run(load(f)));
        return files.stream().map(test);
    }

    /** The queries of every case file of the resource directory, in the order of the file names. */
    public static List<String> queries(String resourceDir) throws Exception {
        List<String> out = new ArrayList<>();
        for (Path f : files(resourceDir)) {
            out.add(load(f).query());
        }
        return out;
    }

    /** The query of each example of the DALI examples document, by the example's id, in document order. */
    public static Map<String, String> examples() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = CaseFiles.class.getResourceAsStream("/vo-resources/examples.html")) {
            NodeList all = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                if (e.getAttribute("typeof").equals("example")) {
                    NodeList inner = e.getElementsByTagName("pre");
                    assertTrue(inner.getLength() == 1 && ((Element) inner.item(0)).getAttribute("property")
                            .equals("query"), "example " + e.getAttribute("id") + " has one query");
                    out.put(e.getAttribute("id"), inner.item(0).getTextContent());
                }
            }
        }
        return out;
    }

    private static List<Path> files(String resourceDir) throws Exception {
        Path dir = Path.of(CaseFiles.class.getResource(resourceDir).toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".adql")).sorted().toList();
        }
    }

    /** The case of one file, by resource path. */
    static Case load(String resource) throws Exception {
        return load(Path.of(CaseFiles.class.getResource(resource).toURI()));
    }

    private static Case load(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String header = text.lines().findFirst().orElseThrow().trim();
        return new Case(header.substring("-- expect:".length()).trim(), text);
    }
}

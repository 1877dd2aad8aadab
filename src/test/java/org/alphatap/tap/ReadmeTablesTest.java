package org.alphatap.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README's table of the published tables names each alpha table, in order, with the principal
 * columns that vo-resources publishes: renaming a column or adding a table without README fails.
 */
class ReadmeTablesTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void readmeListsTheTablesAndTheirPrincipalColumns() throws Exception {
        Map<String, List<String>> published = new LinkedHashMap<>();
        for (String[] t : tsv("vo-resources/tables.tsv")) {
            if (t[0].startsWith("alpha.")) {
                published.put(t[0], columns(t[0]));
            }
        }
        Map<String, List<String>> readme = new LinkedHashMap<>();
        Files.readAllLines(Path.of("README.md")).stream()
                .dropWhile(l -> !l.startsWith("| table | what a row is |")).skip(2)
                .takeWhile(l -> l.startsWith("|")).forEach(row -> {
                    String[] cells = row.split("\\|");
                    readme.put(names(cells[1]).get(0), names(cells[3]));
                });
        assertEquals(published, readme);
    }

    private static List<String> columns(String table) throws Exception {
        return tsv("vo-resources/columns.tsv").stream().filter(c -> c[0].equals(table) && c[4].equals("1"))
                .map(c -> c[1]).toList();
    }

    private static List<String> names(String cell) {
        Matcher m = CODE.matcher(cell);
        return m.results().map(r -> r.group(1)).collect(Collectors.toList());
    }

    /** The data rows of a vo-resources TSV (after its comment and header lines). */
    private static List<String[]> tsv(String file) throws Exception {
        return Files.readAllLines(Path.of(file)).stream().filter(l -> !l.startsWith("#")).skip(1)
                .map(l -> l.split("\t", -1)).toList();
    }
}

package org.alphatap.adql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every ADQL feature README.md lists names case files (or a test class) that exist. */
class ReadmeFeaturesTest {
    private static final Path CASES = Path.of("src/test/resources/adql");

    @Test
    void everyListedFeatureHasItsTests() throws Exception {
        List<String> rows = Files.readAllLines(Path.of("README.md")).stream()
                .dropWhile(l -> !l.startsWith("| feature | example | case |")).skip(2)
                .takeWhile(l -> l.startsWith("|")).toList();
        assertTrue(rows.size() >= 15, "the feature table is there: " + rows.size() + " rows");
        for (String row : rows) {
            String cases = row.substring(row.lastIndexOf("| ", row.length() - 2) + 2);
            Matcher m = Pattern.compile("`([^`]+)`").matcher(cases);
            int found = 0;
            while (m.find()) {
                String name = m.group(1);
                boolean exists = Files.exists(CASES.resolve("run/" + name + ".adql"))
                        || Files.exists(CASES.resolve("syntax/" + name + ".adql"))
                        || Files.exists(Path.of("src/test/java/org/alphatap/web/" + name + ".java"));
                assertTrue(exists, "README names a test that does not exist: " + name + " in " + row);
                found++;
            }
            assertTrue(found > 0, "a feature without tests: " + row);
        }
    }
}

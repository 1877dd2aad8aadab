package org.alphatap.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.TableFormatException;

/** RFC 4180 as clients write it: quotes, CRLF, a byte-order mark, a last line break or none. */
class CsvInputTest {
    @TempDir
    Path dir;

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() throws Exception {
        CsvInput t = csv("\uFEFFid,\"teff\",note\r\n\"a,1\",5800,\"said \"\"hi\"\"\r\nthere\"\r\n\r\nb,,\n");
        assertEquals(3, t.getColumnCount());
        assertEquals("id", t.getColumnInfo(0).getName(), "no byte-order mark in the first name");
        assertEquals("teff", t.getColumnInfo(1).getName());
        List<Object[]> rows = rows(t);
        assertEquals(2, rows.size(), "the blank line is skipped");
        assertArrayEquals(new Object[] {"a,1", "5800", "said \"hi\"\r\nthere"}, rows.get(0));
        assertArrayEquals(new Object[] {"b", null, null}, rows.get(1), "empty fields are null");
        assertEquals(2, rows(t).size(), "a second pass reads the rows again");
    }

    @Test
    void errorsNameTheRow() throws Exception {
        assertEquals("row 2 has 2 fields where the header has 3",
                assertThrows(TableFormatException.class, () -> rows(csv("a,b,c\n1,2,3\n1,2\n"))).getMessage());
        assertTrue(assertThrows(TableFormatException.class, () -> rows(csv("a,b\n1,\"2\n"))).getMessage()
                .startsWith("row 1: a quoted field is not closed"));
        assertTrue(assertThrows(TableFormatException.class, () -> rows(csv("a,b\n1,2\n3,\"4\"x\n"))).getMessage()
                .startsWith("row 2: text follows the closing quote"));
        assertTrue(assertThrows(TableFormatException.class, () -> csv("\"a,b\n")).getMessage()
                .startsWith("the header line"));
        assertEquals("the CSV body has no header line",
                assertThrows(TableFormatException.class, () -> csv("\r\n\n")).getMessage());
    }

    private CsvInput csv(String text) throws IOException {
        Path file = Files.createTempFile(dir, "t", ".csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return CsvInput.open(file);
    }

    private static List<Object[]> rows(CsvInput t) throws IOException {
        List<Object[]> out = new ArrayList<>();
        try (RowSequence seq = t.getRowSequence()) {
            while (seq.next()) {
                out.add(seq.getRow().clone());
            }
        }
        return out;
    }
}

package org.alphatap.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DDL of schema/ and the metadata of vo-resources/ describe the same columns, in the same order. */
class SchemaMetadataTest {
    @Test
    void everyDdlColumnHasMetadataAndNoMetadataLacksAColumn(@TempDir Path dir) throws Exception {
        ColumnMetadata meta = ColumnMetadata.load();
        try (Connection c = Database.create(dir)) {
            Database.runScript(c, "/schema/alpha.sql");
            List<String> ddl = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT LOWER(TABLE_SCHEMA) || '.' || LOWER(TABLE_NAME),"
                    + " LOWER(COLUMN_NAME) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'ALPHA'"
                    + " ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
                while (rs.next()) {
                    ddl.add(rs.getString(1) + "." + rs.getString(2));
                }
            }
            List<String> described = meta.columns().stream().map(m -> m.table() + "." + m.name()).sorted().toList();
            assertEquals(ddl.stream().sorted().toList(), described);
            for (String table : meta.tables().keySet()) {
                List<String> inDdl = ddl.stream().filter(s -> s.startsWith(table + ".")).toList();
                List<String> inMeta = meta.columns(table).stream().map(m -> m.table() + "." + m.name()).toList();
                assertEquals(inDdl, inMeta, "column order of " + table);
            }
        }
        for (ColumnMetadata.Column col : meta.columns()) {
            assertFalse(col.description().isBlank(), col.name());
            assertFalse(col.ucd().isBlank(), col.name());
        }
        assertTrue(meta.columns("alpha.stars").stream().anyMatch(m -> m.ucd().equals("pos.eq.ra;meta.main")));
    }
}

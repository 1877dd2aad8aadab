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
    void tapSchemaDescribesEveryTableColumnAndKey(@TempDir Path dir) throws Exception {
        try (Staging staging = new H2Store(dir).stage(dir)) {
            Connection c = staging.connection();
            DdlScript.run(c, "/schema/alpha.sql");
            DdlScript.run(c, "/schema/alpha-keys.sql");
            TapSchema.publish(staging, ColumnMetadata.load());
            staging.grantReading();
            ColumnMetadata meta = ColumnMetadata.load();
            assertEquals(meta.columns().size(), count(c, "SELECT COUNT(*) FROM tap_schema.columns"));
            assertEquals(meta.tables().size(), count(c, "SELECT COUNT(*) FROM tap_schema.tables"));
            assertEquals(2, count(c, "SELECT COUNT(*) FROM tap_schema.schemas"));
            assertEquals(2, count(c, "SELECT COUNT(*) FROM tap_schema.keys WHERE from_table = 'alpha.members'"));
            assertEquals(1, count(c, "SELECT COUNT(*) FROM tap_schema.key_columns WHERE from_column = 'cluster'"
                    + " AND target_column = 'name'"));
            assertEquals(1, count(c, "SELECT COUNT(*) FROM tap_schema.columns WHERE table_name = 'alpha.stars'"
                    + " AND column_name = 'obsid' AND datatype = 'long' AND indexed = 1 AND principal = 1"
                    + " AND column_index = 1"));
            assertEquals(1, count(c, "SELECT COUNT(*) FROM tap_schema.columns WHERE table_name = 'alpha.clusters'"
                    + " AND column_name = 'name' AND datatype = 'char' AND arraysize = '64*'"));
            assertEquals(1, count(c, "SELECT COUNT(*) FROM tap_schema.columns WHERE column_name = '\"size\"'"),
                    "a reserved word is published delimited");
            assertEquals(5, count(c, "SELECT COUNT(*) FROM tap_schema.keys WHERE from_table LIKE 'tap_schema.%'"),
                    "TAP_SCHEMA's own foreign keys");
            assertEquals(0, count(c, "SELECT COUNT(*) FROM tap_schema.columns WHERE table_name LIKE 'alpha.%'"
                    + " AND (unit IS NULL AND ucd IS NULL)"));
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void everyDdlColumnHasMetadataAndNoMetadataLacksAColumn(@TempDir Path dir) throws Exception {
        ColumnMetadata meta = ColumnMetadata.load();
        try (Staging staging = new H2Store(dir).stage(dir)) {
            Connection c = staging.connection();
            DdlScript.run(c, "/schema/alpha.sql");
            DdlScript.run(c, "/schema/alpha-keys.sql");
            DdlScript.run(c, "/schema/tap_schema.sql");
            List<String> ddl = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT LOWER(TABLE_SCHEMA) || '.' || LOWER(TABLE_NAME),"
                    + " LOWER(COLUMN_NAME) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA IN ('ALPHA', 'TAP_SCHEMA')"
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
            assertTrue(col.table().startsWith("tap_schema.") || !col.ucd().isBlank(), col.name() + " needs a UCD");
        }
        assertTrue(meta.columns("alpha.stars").stream().anyMatch(m -> m.ucd().equals("pos.eq.ra;meta.main")));
    }
}

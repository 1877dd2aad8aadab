package org.alphatap.store;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small published build for the service tests: the real schema, a few rows, TAP_SCHEMA. */
public final class Fixture {
    private Fixture() {
    }

    /** Writes the fixture database into {@code dir} and closes it, as a build would. */
    public static void write(Path dir) throws Exception {
        try (Staging staging = new H2Store(dir).stage(dir)) {
            Connection c = staging.connection();
            DdlScript.run(c, "/schema/alpha.sql");
            DdlScript.run(c, "/adql/fixture.sql");
            DdlScript.run(c, "/schema/alpha-keys.sql");
            TapSchema.publish(staging, ColumnMetadata.load());
            staging.grantReading();
        }
    }

    /**
     * The same schemas and rows in PostgreSQL: the DDL scripts as they are, the rows (TAP_SCHEMA's
     * too) copied from the H2 fixture in {@code dir} table by table, in the order each script
     * creates its tables.
     */
    public static void copyToPostgres(Path dir, Connection pg) throws Exception {
        try (Connection h2 = Database.create(dir)) {
            for (String script : List.of("/schema/alpha.sql", "/schema/tap_schema.sql")) {
                DdlScript.run(pg, script);
                for (String table : tables(script)) {
                    copy(h2, pg, table);
                }
            }
        }
        DdlScript.run(pg, "/schema/alpha-keys.sql");
        try (Statement s = pg.createStatement()) {
            s.execute("ANALYZE");
        }
    }

    private static void copy(Connection from, Connection to, String table) throws Exception {
        try (Statement s = from.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            int n = rs.getMetaData().getColumnCount();
            String marks = String.join(", ", Collections.nCopies(n, "?"));
            try (PreparedStatement insert = to.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        insert.setObject(i, rs.getObject(i));
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** The tables a DDL script creates, in its order. */
    private static List<String> tables(String script) throws Exception {
        String ddl;
        try (InputStream in = Fixture.class.getResourceAsStream(script)) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("CREATE TABLE (\\w+\\.\\w+)").matcher(ddl);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}

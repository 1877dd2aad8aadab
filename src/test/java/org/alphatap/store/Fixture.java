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
import org.alphatap.survey.Progress;

/** A small published build for the service tests: the real schema, a few rows, TAP_SCHEMA. */
public final class Fixture {
    private Fixture() {
    }

    /** Writes the fixture database into {@code dir} and closes it, as a build would. */
    public static void write(Path dir) throws Exception {
        write(new H2Store(dir), dir);
    }

    /**
     * Writes and publishes the fixture's tables in {@code store}, as a build into {@code dir} would.
     * The fixture's script computes the sky index with an H2 function, so another engine gets the
     * rows of the H2 fixture written into {@code dir} first.
     */
    public static void write(Store store, Path dir) throws Exception {
        if (store instanceof H2Store) {
            publish(store, dir, staging -> staging.runScript("/adql/fixture.sql", Progress.SILENT));
        } else {
            write(dir);
            load(store, dir);
        }
    }

    /** Publishes in {@code store} the rows of the H2 build in {@code dir}, which is only read. */
    public static void load(Store store, Path dir) throws Exception {
        publish(store, dir, staging -> {
            try (Connection h2 = Database.openReadOnly(dir)) {
                for (String table : tables("/schema/alpha.sql")) {
                    copy(h2, staging.connection(), table, staging.schemas().table(table));
                }
            }
        });
    }

    private interface Rows {
        void write(Staging staging) throws Exception;
    }

    private static void publish(Store store, Path dir, Rows rows) throws Exception {
        try (Staging staging = store.stage(dir)) {
            staging.runScript("/schema/alpha.sql", Progress.SILENT);
            rows.write(staging);
            staging.runScript("/schema/alpha-keys.sql", Progress.SILENT);
            TapSchema.publish(staging, ColumnMetadata.load());
            staging.grantReading();
            staging.publish(Progress.SILENT);
        }
    }

    private static void copy(Connection from, Connection to, String table, String target) throws Exception {
        try (Statement s = from.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            int n = rs.getMetaData().getColumnCount();
            String marks = String.join(", ", Collections.nCopies(n, "?"));
            try (PreparedStatement insert = to.prepareStatement("INSERT INTO " + target + " VALUES (" + marks + ")")) {
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

package org.alphatap.store;

import java.nio.file.Path;
import java.sql.Connection;

/** A small published build for the service tests: the real schema, a few rows, TAP_SCHEMA. */
public final class Fixture {
    private Fixture() {
    }

    /** Writes the fixture database into {@code dir} and closes it, as a build would. */
    public static void write(Path dir) throws Exception {
        try (Connection c = Database.create(dir)) {
            Database.runScript(c, "/schema/alpha.sql");
            Database.runScript(c, "/adql/fixture.sql");
            Database.runScript(c, "/schema/alpha-keys.sql");
            TapSchema.publish(c, ColumnMetadata.load());
        }
    }
}

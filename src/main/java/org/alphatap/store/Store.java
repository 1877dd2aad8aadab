package org.alphatap.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a build's tables live and how they are read and written: the H2 file in the data
 * directory (the default), or a PostgreSQL database. The data directory keeps everything else of
 * a build (model files, report, figures, async jobs) in both cases.
 */
public sealed interface Store permits H2Store, PostgresStore {

    /** The H2 file of {@code data}, or the PostgreSQL database of {@code databaseUrl} when given. */
    static Store of(Path data, String databaseUrl) {
        return databaseUrl == null || databaseUrl.isBlank() ? new H2Store(data) : PostgresStore.of(databaseUrl);
    }

    Engine engine();

    /** Where the tables are, for messages: a path or a URL without its password. */
    String where();

    /** What to do when the tables are missing or of an older layout, for messages. */
    String howToBuild();

    /** A connection as the read-only reader: SELECT on the published schemas and nothing else. */
    Connection openReader() throws SQLException;

    /** A pool of reader connections; {@code cacheMb} sizes H2's page cache (0: its default). */
    Readers readers(int maxConnections, int cacheMb) throws SQLException;

    /**
     * The database of the service's async jobs: an H2 file in {@code jobsDir} beside a build in
     * H2; beside a build in PostgreSQL, a schema of that database, which every service process
     * serving it shares.
     */
    JobDatabase jobDatabase(Path jobsDir) throws SQLException;

    /**
     * A place to write a new build without touching the served one; {@code stagingDir} is the new
     * build's data directory while it is written.
     */
    Staging stage(Path stagingDir) throws SQLException;
}

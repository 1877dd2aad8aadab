package org.alphatap.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.alphatap.survey.Progress;
import org.h2.jdbcx.JdbcConnectionPool;

/** The embedded default: the H2 file {@code DIR/alphatap.mv.db} of a data directory. */
public record H2Store(Path data) implements Store {
    /** The page-cache warm-ups started for each data directory, the last one each. */
    private static final Map<Path, CompletableFuture<Void>> WARMING = new ConcurrentHashMap<>();

    /**
     * When the warm-up of the page cache that the last reader pool of {@code data} started ends
     * (at once if none started): for a benchmark, which measures the service in its steady state.
     */
    public static CompletableFuture<Void> warming(Path data) {
        return WARMING.getOrDefault(data.toAbsolutePath(), CompletableFuture.completedFuture(null));
    }

    @Override
    public Engine engine() {
        return Engine.H2;
    }

    @Override
    public String where() {
        return data.toString();
    }

    @Override
    public String howToBuild() {
        return "was it written by an older alphatap build? Run alphatap build again";
    }

    @Override
    public Connection openReader() throws SQLException {
        return Database.openReadOnly(data);
    }

    @Override
    public Readers readers(int maxConnections, int cacheMb) throws SQLException {
        Connection cacheHolder = Database.openWithCache(data, cacheMb);
        CacheWarmer warmer = CacheWarmer.start(cacheHolder, data.resolve(Database.FILE_NAME), cacheMb);
        WARMING.put(data.toAbsolutePath(), warmer.done());
        JdbcConnectionPool pool = Database.readOnlyPool(data, maxConnections);
        return new Readers(pool, () -> {
            warmer.stop();
            pool.dispose();
            try {
                cacheHolder.close();
            } catch (SQLException e) {
                // Closing the last connection closes the file; nothing is left to undo.
            }
        }, warmer.done());
    }

    /**
     * {@code jobsDir/jobs.mv.db}. WRITE_DELAY=0: each change is on disk at its commit, not up to
     * half a second later, so that a job completed just before the service was killed stays
     * COMPLETED. The pool keeps a connection open, and with it the file.
     */
    @Override
    public JobDatabase jobDatabase(Path jobsDir) throws SQLException {
        return jobDatabaseIn(jobsDir);
    }

    /** The H2 job database of {@code jobsDir}, as {@link #jobDatabase}. */
    public static JobDatabase jobDatabaseIn(Path jobsDir) throws SQLException {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + jobsDir.toAbsolutePath().resolve("jobs")
                + ";WRITE_DELAY=0", "sa", "");
        try (Connection first = pool.getConnection()) {
            // Opens the file now: a locked or unreadable one stops the service before it serves.
        } catch (SQLException e) {
            pool.dispose();
            throw e;
        }
        pool.setMaxConnections(16);
        return new JobDatabase(pool, false, pool::dispose);
    }

    /** A new database file in the staging directory, which the build swaps in whole. */
    @Override
    public Staging stage(Path stagingDir) throws SQLException {
        return new Staging(Database.create(stagingDir), Schemas.AS_PUBLISHED) {
            @Override
            public void grantReading() throws SQLException {
                Database.grantReading(connection(), Schemas.PUBLISHED);
            }

            @Override
            public void publish(Progress progress) {
                // The data directory is swapped in as a whole, database file included.
            }
        };
    }
}

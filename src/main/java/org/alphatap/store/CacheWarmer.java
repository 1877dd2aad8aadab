package org.alphatap.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every published table of an H2 build into the page cache once the service starts, on a
 * thread of its own, when the cache can hold them: a scan that no index covers then decodes no page
 * (2–5 s at full scale instead of 25–35 s), from the first user's query on; so are the indexes,
 * which answer some scans alone. H2's cache keeps a page for good only once it is read a second
 * time, so everything is read twice.
 */
final class CacheWarmer {
    private static final Logger LOG = LoggerFactory.getLogger(CacheWarmer.class);
    /** Decoded pages take about twice their bytes on disk (full scale: 3.3 GB file, about 7 GB of cache). */
    private static final int DECODED_PER_STORED = 2;
    private static final int PASSES = 2;

    private final Connection admin;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean stopped;

    private CacheWarmer(Connection admin) {
        this.admin = admin;
    }

    /**
     * Starts warming through {@code admin}, the connection that holds the cache and is lent to no
     * query; it is done at once when the cache of {@code cacheMb} could not hold the decoded file.
     */
    static CacheWarmer start(Connection admin, Path file, int cacheMb) {
        CacheWarmer warmer = new CacheWarmer(admin);
        long needed;
        try {
            needed = Files.size(file) * DECODED_PER_STORED;
        } catch (IOException e) {
            needed = Long.MAX_VALUE;
        }
        if ((long) cacheMb << 20 < needed) {
            LOG.info("page cache of {} MB is smaller than the decoded tables (about {} MB): not warmed", cacheMb,
                    needed >> 20);
            warmer.done.complete(null);
        } else {
            warmer.run();
        }
        return warmer;
    }

    /** Completes when the tables are read, or the warming stopped. */
    CompletableFuture<Void> done() {
        return done;
    }

    /** Stops the reading at the next row, before the connection closes. */
    void stop() {
        stopped = true;
        done.join();
    }

    private void run() {
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                long rows = 0;
                for (int pass = 0; pass < PASSES; pass++) {
                    for (String query : reads()) {
                        rows += read(query);
                    }
                }
                LOG.info("page cache warm: {} rows read in {} s", rows, String.format(Locale.ROOT, "%.1f",
                        (System.nanoTime() - t0) / 1e9));
            } catch (SQLException e) {
                // The service closed the database while it was warming; nothing is lost.
                LOG.debug("page cache warming stopped: {}", e.getMessage());
            }
            done.complete(null);
        }, "h2-cache-warmer");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * A query for each published table (every column: a page is decoded whole) and one for each of
     * its indexes (the index's columns alone, which H2 answers from that index).
     */
    private List<String> reads() throws SQLException {
        String published = String.join(", ", Schemas.PUBLISHED.stream().map(p -> "'" + p + "'").toList());
        List<String> out = new ArrayList<>();
        try (Statement s = admin.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_TYPE = 'BASE TABLE' AND LOWER(TABLE_SCHEMA) IN (" + published + ")")) {
                while (rs.next()) {
                    out.add("SELECT * FROM " + name(rs.getString(1), rs.getString(2)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME,"
                    + " LISTAGG('\"' || COLUMN_NAME || '\"', ', ') WITHIN GROUP (ORDER BY ORDINAL_POSITION)"
                    + " FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE LOWER(TABLE_SCHEMA) IN (" + published + ")"
                    + " GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME")) {
                while (rs.next()) {
                    out.add("SELECT " + rs.getString(4) + " FROM " + name(rs.getString(1), rs.getString(2))
                            + " USE INDEX (\"" + rs.getString(3) + "\")");
                }
            }
        }
        return out;
    }

    private static String name(String schema, String table) {
        return "\"" + schema + "\".\"" + table + "\"";
    }

    private long read(String query) throws SQLException {
        long n = 0;
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (!stopped && rs.next()) {
                n++;
            }
        }
        return n;
    }
}

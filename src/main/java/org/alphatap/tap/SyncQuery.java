package org.alphatap.tap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.alphatap.adql.ast.Query;
import org.alphatap.adql.check.Checker;
import org.alphatap.adql.parse.AdqlException;
import org.alphatap.adql.parse.Parser;
import org.alphatap.adql.sql.Dialect;
import org.alphatap.adql.sql.H2Dialect;
import org.alphatap.adql.sql.PostgresDialect;
import org.alphatap.adql.sql.SqlWriter;
import org.alphatap.adql.sql.UploadedTable;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.catalogue.Column;
import org.alphatap.catalogue.Field;
import org.alphatap.catalogue.Table;
import org.alphatap.store.Engine;
import org.alphatap.writers.ResultTable;

/**
 * One synchronous TAP query: parameters checked, ADQL parsed, checked and translated, the SQL run
 * with MAXREC + 1 rows and a timeout, the rows streamed out. Everything that can fail before the
 * first byte is written fails as a {@link TapException}, so the caller can still set the status.
 */
public final class SyncQuery {
    /**
     * MAXREC default and hard limit, the sync timeout, the size limit of each uploaded table, the
     * database page cache (MB) of the served build, the largest cone search radius (degrees), the
     * largest request body of /tap (bytes), how many sync queries run at once, how long a sync
     * query waits for a slot when all are busy (seconds), and how long a result whose rows keep
     * flowing may take to download (seconds): the time limit bounds the time to the first row.
     */
    public record Limits(long defaultMaxrec, long hardMaxrec, int timeoutSeconds, long uploadBytes, int cacheMb,
            double maxConeRadius, long bodyBytes, int syncSlots, int syncWaitSeconds, int downloadSeconds) {
        public static final long DEFAULT_UPLOAD_BYTES = 20L << 20;
        /**
         * 55% of the heap, at least H2's own 64 MB. A scan that no index covers decodes the table's
         * pages again unless they stay cached: at full scale the decoded tables take about 7.4 GB,
         * which the launcher's heap (60% of the machine's memory) leaves room for on a 24 GB
         * machine, and a scan then takes 3–5 s instead of 25–30 s.
         */
        public static final int DEFAULT_CACHE_MB = (int) Math.max(64, Runtime.getRuntime().maxMemory() * 55 / 100
                / (1 << 20));
        public static final double DEFAULT_MAX_CONE_RADIUS = 180;
        /** Room in a request body for the parameters beside the uploaded tables. */
        public static final long FORM_BYTES = 1L << 20;
        public static final int DEFAULT_SYNC_SLOTS = 8;
        /** Long enough for a slot of millisecond queries to come free, short enough for a client to wait. */
        public static final int DEFAULT_SYNC_WAIT_SECONDS = 5;
        /**
         * Time enough for the whole star table at full scale as CSV, with room to spare: 102 s from
         * H2 just after start, 33 s from PostgreSQL (measured on a 2-core machine).
         */
        public static final int DEFAULT_DOWNLOAD_SECONDS = 1800;

        public Limits {
            if (bodyBytes < 1 || syncSlots < 1 || syncWaitSeconds < 0 || downloadSeconds < timeoutSeconds) {
                throw new IllegalArgumentException("the body limit and the sync slots must be at least 1, the wait for"
                        + " a slot at least 0 s, and the download limit at least the query time limit");
            }
        }

        /** The default download limit (or the time limit, if longer). */
        public Limits(long defaultMaxrec, long hardMaxrec, int timeoutSeconds, long uploadBytes, int cacheMb,
                double maxConeRadius, long bodyBytes, int syncSlots, int syncWaitSeconds) {
            this(defaultMaxrec, hardMaxrec, timeoutSeconds, uploadBytes, cacheMb, maxConeRadius, bodyBytes, syncSlots,
                    syncWaitSeconds, Math.max(timeoutSeconds, DEFAULT_DOWNLOAD_SECONDS));
        }

        /** The default wait for a sync slot and download limit. */
        public Limits(long defaultMaxrec, long hardMaxrec, int timeoutSeconds, long uploadBytes, int cacheMb,
                double maxConeRadius, long bodyBytes, int syncSlots) {
            this(defaultMaxrec, hardMaxrec, timeoutSeconds, uploadBytes, cacheMb, maxConeRadius, bodyBytes, syncSlots,
                    DEFAULT_SYNC_WAIT_SECONDS);
        }

        /** A body limit of one upload and its parameters, {@link #DEFAULT_SYNC_SLOTS} sync slots. */
        public Limits(long defaultMaxrec, long hardMaxrec, int timeoutSeconds, long uploadBytes, int cacheMb,
                double maxConeRadius) {
            this(defaultMaxrec, hardMaxrec, timeoutSeconds, uploadBytes, cacheMb, maxConeRadius,
                    uploadBytes + FORM_BYTES, DEFAULT_SYNC_SLOTS);
        }

        public Limits(long defaultMaxrec, long hardMaxrec, int timeoutSeconds, long uploadBytes) {
            this(defaultMaxrec, hardMaxrec, timeoutSeconds, uploadBytes, DEFAULT_CACHE_MB, DEFAULT_MAX_CONE_RADIUS);
        }

        public Limits(long defaultMaxrec, long hardMaxrec, int timeoutSeconds) {
            this(defaultMaxrec, hardMaxrec, timeoutSeconds, DEFAULT_UPLOAD_BYTES);
        }

        public static Limits defaults() {
            return new Limits(100_000, 10_000_000, 60);
        }

        /** The same limits with one time limit for the whole query and its rows (an async job's execution duration). */
        public Limits withTimeout(int seconds) {
            return new Limits(defaultMaxrec, hardMaxrec, seconds, uploadBytes, cacheMb, maxConeRadius, bodyBytes,
                    syncSlots, syncWaitSeconds, seconds);
        }
    }

    /**
     * A validated request, ready to run: the SQL with its parameter values (uploaded columns). When
     * a result column holds a table's DataLink IDs, {@code linked} says which and of what table;
     * once {@code service} (this service's URL) is known, a VOTable result carries the descriptor.
     */
    public record Prepared(String sql, List<Field> fields, long maxrec, OutputFormat format, List<Object> parameters,
            Dialect dialect, LinkedColumn linked, String service) {
        /** The same query with other result columns (same number, same order). */
        public Prepared withFields(List<Field> newFields) {
            return new Prepared(sql, newFields, maxrec, format, parameters, dialect, linked, service);
        }

        /** The same query, answered from the service at {@code url}. */
        public Prepared at(String url) {
            return new Prepared(sql, fields, maxrec, format, parameters, dialect, linked, url);
        }
    }

    /** The result column (0-based) whose values are DataLink IDs of rows of {@code table}. */
    public record LinkedColumn(int index, String table) {
    }

    /** SQLSTATE class 22: a value the query computed is out of range or of the wrong type. */
    private static final String DATA_EXCEPTION = "22";
    /** SQLState of a statement cancelled or timed out (both engines). */
    private static final String QUERY_CANCELED = "57014";
    /** Rows fetched at a time from a cursor. */
    private static final int FETCH_ROWS = 2_000;

    private SyncQuery() {
    }

    /**
     * Checks the parameters (names case-insensitive) and the query against the published
     * catalogue, which also says what each result column is.
     */
    public static Prepared prepare(Map<String, String> params, Catalogue catalogue, Dialect dialect, Limits limits)
            throws TapException {
        return prepare(params, Map.of(), catalogue, dialect, limits);
    }

    /**
     * As {@link #prepare(Map, Catalogue, Dialect, Limits)}, with the files of a multipart request by part
     * name, which UPLOAD=name,param:part refers to.
     */
    public static Prepared prepare(Map<String, String> params, Map<String, Path> parts, Catalogue catalogue,
            Dialect dialect, Limits limits) throws TapException {
        String request = params.get("REQUEST");
        if (request != null && !request.equals("doQuery")) {
            throw new TapException(400, "REQUEST=" + request + " is not supported; use REQUEST=doQuery");
        }
        String lang = params.get("LANG");
        if (lang == null) {
            throw new TapException(400, "missing parameter LANG: use LANG=ADQL");
        }
        if (!List.of("ADQL", "ADQL-2.0", "ADQL-2.1").contains(lang.toUpperCase(Locale.ROOT))) {
            throw new TapException(400, "LANG=" + lang + " is not supported; use LANG=ADQL (2.0 or 2.1)");
        }
        String adql = params.get("QUERY");
        if (adql == null || adql.isBlank()) {
            throw new TapException(400, "missing parameter QUERY: give an ADQL query");
        }
        long maxrec = limits.defaultMaxrec();
        if (params.get("MAXREC") != null) {
            try {
                maxrec = Long.parseLong(params.get("MAXREC").trim());
            } catch (NumberFormatException e) {
                throw new TapException(400, "MAXREC=" + params.get("MAXREC") + " is not a whole number");
            }
            if (maxrec < 0) {
                throw new TapException(400, "MAXREC must be zero or more, got " + maxrec);
            }
            maxrec = Math.min(maxrec, limits.hardMaxrec());
        }
        OutputFormat out = OutputFormat.requested(params);
        Map<String, UploadedTable> uploads = Uploads.read(params.get("UPLOAD"), parts, limits.uploadBytes());
        Catalogue withUploads = catalogue;
        for (UploadedTable t : uploads.values()) {
            withUploads = withUploads.with(new Table("tap_upload", "tap_upload." + t.name().toLowerCase(Locale.ROOT),
                    null, t.columns().stream().map(c -> Column.of(c.field())).toList(), List.of()));
        }
        Catalogue known = withUploads;
        try {
            Query q = Parser.parse(adql);
            List<Checker.Output> outputs = new Checker(known).describe(q);
            List<Field> fields = outputs.stream().map(o -> {
                Field f = o.table() == null ? null : known.field(o.table(), o.column());
                return f == null ? Field.named(o.name()) : f.renamed(o.name());
            }).toList();
            SqlWriter.Sql sql = SqlWriter.toSql(q, known, dialect, uploads);
            return new Prepared(sql.text(), fields, maxrec, out, sql.parameters(), dialect, linked(outputs), null);
        } catch (AdqlException e) {
            throw new TapException(400, e.getMessage());
        }
    }

    /** The first result column that is a table's DataLink ID column as it is, or null. */
    private static LinkedColumn linked(List<Checker.Output> outputs) {
        for (int i = 0; i < outputs.size(); i++) {
            Checker.Output o = outputs.get(i);
            if (o.table() != null && o.column().equals(DataLinks.served().idColumn(o.table()))) {
                return new LinkedColumn(i, o.table());
            }
        }
        return null;
    }

    /** What a run wrote: the number of rows and whether MAXREC cut the result. */
    public record Written(long rows, boolean overflow) {
    }

    /** The SQL a query is written in for an engine. */
    public static Dialect dialect(Engine engine) {
        return switch (engine) {
            case H2 -> H2Dialect.INSTANCE;
            case POSTGRESQL -> PostgresDialect.INSTANCE;
        };
    }

    /** Runs a prepared query on {@code db} and writes the result. */
    public static Written run(Prepared p, Connection db, Limits limits, OutputStream out)
            throws TapException, IOException {
        return run(p, db, limits, statement -> { }, out);
    }

    /**
     * As {@link #run(Prepared, Connection, Limits, OutputStream)}; {@code running} gets the
     * statement before it is executed, so that another thread can cancel it (an async ABORT). With
     * lazy execution a query can still fail at its first row, so whoever answers over HTTP commits
     * the status only when the first bytes go out, not when the statement has been executed.
     */
    public static Written run(Prepared p, Connection db, Limits limits, Consumer<Statement> running, OutputStream out)
            throws TapException, IOException {
        PreparedStatement st = null;
        Watchdog watchdog = null;
        try {
            ResultSet rs;
            try {
                st = db.prepareStatement(p.sql());
                running.accept(st);
                // The engine's own limit is the longer one, a backstop; the watchdog applies the time
                // limit to the first row.
                st.setQueryTimeout(limits.downloadSeconds());
                watchdog = new Watchdog(st, p.dialect(), limits);
                int maxRows = (int) Math.min(Integer.MAX_VALUE, p.maxrec() + 1);
                st.setMaxRows(maxRows);
                // Rows in blocks from a cursor where the engine keeps one (PostgreSQL, outside
                // autocommit); H2 refuses a fetch size above the row limit.
                st.setFetchSize(Math.min(FETCH_ROWS, maxRows));
                for (int i = 0; i < p.parameters().size(); i++) {
                    p.dialect().bind(st, i + 1, p.parameters().get(i));
                }
                rs = st.executeQuery();
            } catch (SQLException e) {
                if (timedOut(e)) {
                    throw tooLong(limits);
                }
                if (connectionLost(e)) {
                    throw lost(e);
                }
                throw new TapException(400, "the query could not be run: " + e.getMessage().lines().findFirst().orElse(""));
            }
            ResultTable table = new ResultTable(rs, p.fields(), p.maxrec());
            if (p.linked() != null && p.service() != null) {
                table.link(p.linked().index(), DataLinks.ID_FIELD,
                        DataLinks.served().resultDescriptor(p.linked().table(), p.service()));
            }
            watchdog.watch(table);
            try {
                p.format().writer().write(table, out);
            } catch (IOException e) {
                // A lazily executed query (a join that finds nothing for long) times out while its rows are read.
                if (cause(e, SQLTimeoutException.class) != null || timedOut(cause(e, SQLException.class))) {
                    throw watchdog.downloading() ? downloadTooLong(limits) : tooLong(limits);
                }
                // So do its values: 1e999 * 1e999, a division by zero, a CAST that does not fit.
                SQLException sql = cause(e, SQLException.class);
                if (connectionLost(sql)) {
                    throw lost(sql);
                }
                if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith(DATA_EXCEPTION)) {
                    throw new TapException(400, "the query failed while its rows were computed: "
                            + sql.getMessage().lines().findFirst().orElse("") + "; a value is out of range or of"
                            + " the wrong type: check the arithmetic and the CASTs");
                }
                throw e;
            }
            return new Written(table.rows(), table.overflow());
        } catch (SQLException e) {
            throw new IOException("reading the result failed: " + e.getMessage(), e);
        } finally {
            if (watchdog != null) {
                watchdog.stop();
            }
            if (st != null) {
                try {
                    st.close();
                } catch (SQLException e) {
                    // The statement dies with its connection anyway.
                }
            }
        }
    }

    /**
     * Whether the engine stopped a statement at its timeout or on a cancel: H2 throws a
     * SQLTimeoutException, PostgreSQL reports SQLState 57014, query_canceled.
     */
    private static boolean timedOut(SQLException e) {
        return e instanceof SQLTimeoutException || e != null && QUERY_CANCELED.equals(e.getSQLState());
    }

    /**
     * Whether the database went away under the query (a restarted or stopped server): SQLState class
     * 08, or PostgreSQL's 57P01–57P03 (shut down, crashed, not yet accepting connections).
     */
    private static boolean connectionLost(SQLException e) {
        String state = e == null ? null : e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    private static TapException lost(SQLException e) {
        return new TapException(503, "the database connection was lost while the query ran ("
                + e.getMessage().lines().findFirst().orElse("") + "); the service reconnects by itself: send the"
                + " query again");
    }

    private static TapException downloadTooLong(Limits limits) {
        return new TapException(408, "the rows took longer than the download limit of " + limits.downloadSeconds()
                + " s to send; use /async or fewer rows");
    }

    /** Timers of the watchdogs: one thread, as each only cancels a statement. */
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sync-time-limit");
        t.setDaemon(true);
        return t;
    });

    /**
     * The time limits of one query: cancelled at the time limit unless rows have begun to flow by
     * then; a result whose rows flow is cancelled only at the download limit, so that a scripted
     * download of a large table completes. The engine reports either cancel as a timeout.
     */
    private static final class Watchdog {
        private final Statement statement;
        private final Dialect dialect;
        private final Limits limits;
        private final long start = System.nanoTime();
        private volatile ResultTable table;
        private volatile boolean downloading;
        private ScheduledFuture<?> pending;
        /** Set by {@link #stop()}: no cancel may reach the connection after it, when its next statement runs. */
        private boolean stopped;

        Watchdog(Statement statement, Dialect dialect, Limits limits) {
            this.statement = statement;
            this.dialect = dialect;
            this.limits = limits;
            pending = TIMERS.schedule(this::firstRowDue, limits.timeoutSeconds(), TimeUnit.SECONDS);
        }

        void watch(ResultTable rows) {
            table = rows;
        }

        /** Whether the download limit, not the time limit, is the one that applies now. */
        boolean downloading() {
            return downloading;
        }

        private synchronized void firstRowDue() {
            ResultTable t = table;
            if (t != null && t.rows() > 0 && limits.downloadSeconds() > limits.timeoutSeconds()) {
                downloading = true;
                long left = TimeUnit.SECONDS.toNanos(limits.downloadSeconds()) - (System.nanoTime() - start);
                pending = TIMERS.schedule(this::cancel, Math.max(0, left), TimeUnit.NANOSECONDS);
            } else {
                cancel();
            }
        }

        /** Cancels again every 100 ms until the query is done: H2 ignores a cancel before a statement begins. */
        private synchronized void cancel() {
            pending = TIMERS.scheduleWithFixedDelay(this::cancelNow, 0, 100, TimeUnit.MILLISECONDS);
        }

        private synchronized void cancelNow() {
            if (stopped) {
                return;
            }
            try {
                dialect.cancel(statement);
            } catch (SQLException closed) {
                // The statement has ended on its own.
            }
        }

        synchronized void stop() {
            stopped = true;
            pending.cancel(false);
        }
    }

    private static TapException tooLong(Limits limits) {
        return new TapException(408, "the query ran longer than the limit of " + limits.timeoutSeconds()
                + " s; use /async or add constraints");
    }

    /** The first of {@code e}'s causes (itself included) of the type, or null. */
    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}

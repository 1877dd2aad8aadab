package org.alphatap.tap.uws;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.alphatap.store.H2Store;
import org.alphatap.store.JobDatabase;
import org.alphatap.tap.TapException;

/**
 * Async jobs in a database of their own (never the read-only build): an H2 file in {@code DIR/uws}
 * that this process has alone, or a schema of the build's PostgreSQL database that every service
 * process on it shares. Every phase change is a conditional UPDATE, so a job changes phase only
 * from the phases it may leave (an ABORT beats a completion that comes later), whichever process
 * makes it; each one made here is reported to {@code phaseChanged}. A job queued or run by a process
 * carries that process's name ({@code runner}) and a heartbeat the process renews, so that the
 * others can tell a job whose process died.
 */
public final class JobStore implements AutoCloseable {
    /** How the name of a result file on disk ends while it is being written; only a complete one is renamed. */
    public static final String PARTIAL_SUFFIX = ".part";
    /** The error of a job that was running when the service stopped. */
    public static final String INTERRUPTED = "the service stopped while this job was running; submit it again";

    /** Ids are 16 lower-case hex digits from SecureRandom; nothing else ever reaches a file path. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, run_id, phase, creation_time, start_time, end_time, execution_duration,"
            + " destruction, error_message, result_file, result_type, result_size, result_rows, result_overflow";

    private final JobDatabase db;
    private final JobFiles files;
    private final Consumer<String> phaseChanged;

    private JobStore(JobDatabase db, JobFiles files, Consumer<String> phaseChanged) {
        this.db = db;
        this.files = files;
        this.phaseChanged = phaseChanged;
    }

    /** Opens (or creates) the H2 job store in {@code dir}, as the service does beside a build in H2. */
    public static JobStore open(Path dir, Consumer<String> phaseChanged) throws SQLException, IOException {
        Files.createDirectories(dir);
        return open(H2Store.jobDatabaseIn(dir), dir, phaseChanged);
    }

    /**
     * Opens the job store of {@code db}, creating its tables if needed. A store that is not shared
     * belongs to this process alone: the jobs it finds EXECUTING were running when the service
     * stopped, so they become ERROR and their files go, with whatever a crash left behind; QUEUED
     * jobs stay QUEUED for the runner. A shared store keeps its files in the database, others in
     * {@code dir/results}. The store closes {@code db} when it closes.
     */
    public static JobStore open(JobDatabase db, Path dir, Consumer<String> phaseChanged)
            throws SQLException, IOException {
        try {
            createTables(db);
            JobFiles files = db.shared() ? JobFileTable.open(db) : new JobDirectories(dir.resolve("results"));
            JobStore store = new JobStore(db, files, phaseChanged);
            if (!db.shared()) {
                for (String id : store.idsIn(Phase.EXECUTING)) {
                    store.fail(id, INTERRUPTED);
                    files.delete(id);
                }
            }
            files.deleteLeftovers(store.allIds()::contains);
            return store;
        } catch (SQLException | IOException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * The job tables, created if missing; those of an older service gain the columns of runners. Two
     * processes starting at once may race to create them: the loser tries once more.
     */
    private static void createTables(JobDatabase db) throws SQLException {
        try {
            tryCreateTables(db);
        } catch (SQLException raced) {
            if (!db.shared()) {
                throw raced;
            }
            tryCreateTables(db);
        }
    }

    private static void tryCreateTables(JobDatabase db) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            // seq orders jobs created in the same millisecond.
            s.execute("CREATE TABLE IF NOT EXISTS job (seq BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE,"
                    + " id CHAR(16) PRIMARY KEY, run_id VARCHAR(4096), phase VARCHAR(16) NOT NULL,"
                    + " creation_time TIMESTAMP(3) WITH TIME ZONE NOT NULL, start_time TIMESTAMP(3) WITH TIME ZONE,"
                    + " end_time TIMESTAMP(3) WITH TIME ZONE, execution_duration INT NOT NULL,"
                    + " destruction TIMESTAMP(3) WITH TIME ZONE NOT NULL, error_message TEXT, result_file VARCHAR(64),"
                    + " result_type VARCHAR(128), result_size BIGINT, result_rows BIGINT, result_overflow BOOLEAN)");
            s.execute("ALTER TABLE job ADD COLUMN IF NOT EXISTS runner VARCHAR(128)");
            s.execute("ALTER TABLE job ADD COLUMN IF NOT EXISTS heartbeat TIMESTAMP(3) WITH TIME ZONE");
            // The URL the client reached the service at: results name it in their DataLink descriptors.
            s.execute("ALTER TABLE job ADD COLUMN IF NOT EXISTS service_url VARCHAR(2048)");
            s.execute("CREATE TABLE IF NOT EXISTS job_parameter (job_id CHAR(16) NOT NULL REFERENCES job (id)"
                    + " ON DELETE CASCADE, name VARCHAR(256) NOT NULL, val TEXT NOT NULL, PRIMARY KEY (job_id, name))");
        }
    }

    /** Whether other service processes share this store. */
    public boolean shared() {
        return db.shared();
    }

    private Set<String> allIds() throws SQLException {
        return new HashSet<>(ids("SELECT id FROM job"));
    }

    /** Now, at the precision times are stored with. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Whether {@code id} has the form of a job id; only such ids are looked up or made into paths. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Creates a PENDING job; parameter names are stored lower-case. */
    public Job create(String runId, Map<String, String> parameters, int executionDuration, Instant creationTime,
            Instant destruction) throws SQLException {
        return create(runId, parameters, executionDuration, creationTime, destruction, null);
    }

    /** A new PENDING job, created through the service at {@code serviceUrl} (null if not over HTTP). */
    public Job create(String runId, Map<String, String> parameters, int executionDuration, Instant creationTime,
            Instant destruction, String serviceUrl) throws SQLException {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO job (id, run_id, phase, creation_time,"
                    + " execution_duration, destruction, service_url) VALUES (?, ?, 'PENDING', ?, ?, ?, ?)")) {
                set(ps, id, runId, creationTime, executionDuration, destruction, serviceUrl);
                ps.executeUpdate();
                putParameters(c, id, parameters);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return get(id).orElseThrow();
    }

    /** The URL of the service the job was created through, or null. */
    public String serviceUrl(String id) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT service_url FROM job WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The job with this id; empty for an unknown id and for anything not of the form of an id. */
    public Optional<Job> get(String id) throws SQLException {
        if (!isValidId(id)) {
            return Optional.empty();
        }
        SortedMap<String, String> parameters = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, val FROM job_parameter WHERE job_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        parameters.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM job WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(job(rs, Collections.unmodifiableSortedMap(parameters)))
                            : Optional.empty();
                }
            }
        }
    }

    /** The phases of those of {@code ids} that still exist. */
    public Map<String, Phase> phases(Collection<String> ids) throws SQLException {
        Map<String, Phase> out = new HashMap<>();
        List<String> valid = ids.stream().filter(JobStore::isValidId).toList();
        if (valid.isEmpty()) {
            return out;
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT id, phase FROM job"
                + " WHERE id IN (" + String.join(", ", Collections.nCopies(valid.size(), "?")) + ")")) {
            set(ps, valid.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), Phase.valueOf(rs.getString(2)));
                }
            }
        }
        return out;
    }

    /**
     * Jobs, newest first: those in {@code phases} (all if empty) created after {@code after} (if
     * not null), at most {@code last} (if not null).
     */
    public List<Job.Ref> list(Set<Phase> phases, Instant after, Integer last) throws SQLException {
        String where = phases.isEmpty() ? "TRUE" : phases.stream().map(p -> "'" + p.name() + "'")
                .collect(Collectors.joining(", ", "phase IN (", ")"));
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT id, run_id, phase,"
                + " creation_time FROM job WHERE " + where + " AND creation_time > ?"
                + " ORDER BY creation_time DESC, seq DESC LIMIT ?")) {
            set(ps, after == null ? Instant.EPOCH : after, last == null ? Long.MAX_VALUE : last);
            List<Job.Ref> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Job.Ref(rs.getString(1), rs.getString(2), Phase.valueOf(rs.getString(3)),
                            instant(rs, "creation_time")));
                }
            }
            return out;
        }
    }

    /** The ids of the jobs in {@code phase}, oldest first. */
    public List<String> idsIn(Phase phase) throws SQLException {
        return ids("SELECT id FROM job WHERE phase = ? ORDER BY seq", phase.name());
    }

    /** The ids of the jobs whose destruction time is not after {@code now}. */
    public List<String> expired(Instant now) throws SQLException {
        return ids("SELECT id FROM job WHERE destruction <= ?", now);
    }

    /** Adds or replaces parameters of a PENDING job; a job in any other phase is a conflict (409). */
    public void setParameters(String id, Map<String, String> parameters) throws SQLException, TapException {
        requirePending(id, "its parameters");
        try (Connection c = db.connection()) {
            putParameters(c, id, parameters);
        }
    }

    /** Sets the execution duration of a PENDING job; a job in any other phase is a conflict (409). */
    public void setExecutionDuration(String id, int seconds) throws SQLException, TapException {
        if (update("UPDATE job SET execution_duration = ? WHERE id = ? AND phase = 'PENDING'", seconds, id) == 0) {
            requirePending(id, "its execution duration");
        }
    }

    /** Sets the destruction time of a job (in any phase). */
    public boolean setDestruction(String id, Instant destruction) throws SQLException {
        return update("UPDATE job SET destruction = ? WHERE id = ?", destruction, id) == 1;
    }

    /** PENDING → QUEUED, in the queue of {@code runner}. */
    public boolean queue(String id, String runner) throws SQLException {
        return change(id, Set.of(Phase.PENDING), "phase = 'QUEUED', runner = ?, heartbeat = CURRENT_TIMESTAMP", runner);
    }

    /** QUEUED → PENDING, when the queue had no room after all. */
    public boolean unqueue(String id) throws SQLException {
        return change(id, Set.of(Phase.QUEUED), "phase = 'PENDING', runner = NULL");
    }

    /** QUEUED → EXECUTING by {@code runner}, now; only one runner wins a job. */
    public boolean start(String id, String runner) throws SQLException {
        return change(id, Set.of(Phase.QUEUED), "phase = 'EXECUTING', start_time = ?, runner = ?,"
                + " heartbeat = CURRENT_TIMESTAMP", now(), runner);
    }

    /** EXECUTING → COMPLETED with its result file, now; false if the job was aborted or deleted meanwhile. */
    public boolean complete(String id, Job.Result r) throws SQLException {
        return change(id, Set.of(Phase.EXECUTING), "phase = 'COMPLETED', end_time = ?, result_file = ?,"
                + " result_type = ?, result_size = ?, result_rows = ?, result_overflow = ?", now(), r.file(),
                r.mimeType(), r.size(), r.rows(), r.overflow());
    }

    /** EXECUTING → ERROR with the message, now. */
    public boolean fail(String id, String message) throws SQLException {
        return change(id, Set.of(Phase.EXECUTING), "phase = 'ERROR', end_time = ?, error_message = ?", now(), message);
    }

    /** PENDING, QUEUED or EXECUTING → ABORTED, now. */
    public boolean abort(String id) throws SQLException {
        return change(id, Set.of(Phase.PENDING, Phase.QUEUED, Phase.EXECUTING), "phase = 'ABORTED', end_time = ?",
                now());
    }

    /** Renews the heartbeat of the jobs {@code runner} has queued or runs. */
    public void beat(String runner) throws SQLException {
        update("UPDATE job SET heartbeat = CURRENT_TIMESTAMP WHERE runner = ? AND phase IN ('QUEUED', 'EXECUTING')",
                runner);
    }

    /**
     * Jobs EXECUTING whose runner's heartbeat is older than {@code seconds} (by the database's
     * clock, which every process shares) become ERROR: the process running them is gone. Returns
     * their ids.
     */
    public List<String> failOrphans(int seconds) throws SQLException {
        List<String> failed = new ArrayList<>();
        for (String id : ids("SELECT id FROM job WHERE phase = ? AND " + stale(seconds), Phase.EXECUTING.name())) {
            if (change(id, Set.of(Phase.EXECUTING), "phase = 'ERROR', end_time = ?, error_message = ?", now(),
                    INTERRUPTED)) {
                failed.add(id);
            }
        }
        return failed;
    }

    /**
     * Moves into the queue of {@code runner} the QUEUED jobs whose runner's heartbeat is older than
     * {@code seconds}, or that have none; returns them, oldest first.
     */
    public List<String> claimQueued(String runner, int seconds) throws SQLException {
        List<String> claimed = new ArrayList<>();
        for (String id : ids("SELECT id FROM job WHERE phase = ? AND (runner IS NULL OR " + stale(seconds) + ")"
                + " ORDER BY seq", Phase.QUEUED.name())) {
            if (update("UPDATE job SET runner = ?, heartbeat = CURRENT_TIMESTAMP WHERE id = ? AND phase = 'QUEUED'"
                    + " AND (runner IS NULL OR " + stale(seconds) + ")", runner, id) == 1) {
                claimed.add(id);
            }
        }
        return claimed;
    }

    /** A heartbeat at least {@code seconds} old, or none: SQL both engines read alike. */
    private static String stale(int seconds) {
        return "(heartbeat IS NULL OR heartbeat <= CURRENT_TIMESTAMP - INTERVAL '" + Math.max(0, seconds)
                + "' SECOND)";
    }

    /** Deletes a job and its files; false if there was no such job. */
    public boolean delete(String id) throws SQLException, IOException {
        if (!isValidId(id) || update("DELETE FROM job WHERE id = ?", id) == 0) {
            return false;
        }
        files.delete(id);
        phaseChanged.accept(id);
        return true;
    }

    private static final Pattern UPLOAD_PART = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * The directory of a job's files, in a store that keeps them on disk (one that is not shared).
     */
    public Path resultDir(String id) {
        if (!(files instanceof JobDirectories d)) {
            throw new IllegalStateException("this job store keeps its files in its database");
        }
        return d.dir(id);
    }

    /**
     * Keeps the uploaded tables of a new job (multipart files by part name), for when it runs; a
     * part name must be a plain word, as it becomes part of a file name.
     */
    public void keepUploads(String id, Map<String, Path> parts) throws IOException, SQLException {
        for (Map.Entry<String, Path> p : parts.entrySet()) {
            if (!UPLOAD_PART.matcher(p.getKey()).matches()) {
                throw new IllegalArgumentException("multipart part names must be letters, digits, _ or -, not '"
                        + p.getKey() + "'");
            }
            files.keepUpload(id, p.getKey(), p.getValue());
        }
    }

    /** The files of jobs: uploads and results. */
    JobFiles files() {
        return files;
    }

    /** A completed job's result as a file on this machine, to be sent as it is; empty if it lives in the database. */
    public Optional<Path> localResult(Job job) {
        return files.local(job.id(), job.result().file());
    }

    /** Reads a completed job's result. */
    public InputStream openResult(Job job) throws IOException, SQLException {
        return files.open(job.id(), job.result().file());
    }

    /** Removes a job's files. */
    public void deleteFiles(String id) throws IOException, SQLException {
        files.delete(id);
    }

    @Override
    public void close() {
        db.close();
    }

    private void requirePending(String id, String what) throws SQLException, TapException {
        Phase phase = get(id).orElseThrow(() -> new TapException(404, "no such job")).phase();
        if (phase != Phase.PENDING) {
            throw new TapException(409, "the job is " + phase + "; " + what + " can only change while it is PENDING");
        }
    }

    /** Inserts or replaces parameters: a delete and an insert, which both engines read alike. */
    private static void putParameters(Connection c, String id, Map<String, String> parameters) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM job_parameter WHERE job_id = ? AND name = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO job_parameter (job_id, name, val)"
                        + " VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> e : parameters.entrySet()) {
                String name = e.getKey().toLowerCase(Locale.ROOT);
                set(delete, id, name);
                delete.executeUpdate();
                set(insert, id, name, e.getValue());
                insert.executeUpdate();
            }
        }
    }

    /** A phase change of {@code id} if it is in one of {@code from}; {@code set} is the SET clause. */
    private boolean change(String id, Set<Phase> from, String set, Object... values) throws SQLException {
        Object[] all = new Object[values.length + 1];
        System.arraycopy(values, 0, all, 0, values.length);
        all[values.length] = id;
        String phases = from.stream().map(p -> "'" + p.name() + "'").collect(Collectors.joining(", "));
        boolean changed = update("UPDATE job SET " + set + " WHERE id = ? AND phase IN (" + phases + ")", all) == 1;
        if (changed) {
            phaseChanged.accept(id);
        }
        return changed;
    }

    private int update(String sql, Object... values) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            set(ps, values);
            return ps.executeUpdate();
        }
    }

    private List<String> ids(String sql, Object... values) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            set(ps, values);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** Binds values; times go as UTC offset date-times, which both drivers take. */
    private static void set(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i] instanceof Instant t ? t.atOffset(ZoneOffset.UTC) : values[i];
            ps.setObject(i + 1, v);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Job job(ResultSet rs, SortedMap<String, String> parameters) throws SQLException {
        String file = rs.getString("result_file");
        Job.Result result = file == null ? null : new Job.Result(file, rs.getString("result_type"),
                rs.getLong("result_size"), rs.getLong("result_rows"), rs.getBoolean("result_overflow"));
        return new Job(rs.getString("id"), rs.getString("run_id"), Phase.valueOf(rs.getString("phase")), parameters,
                instant(rs, "creation_time"), instant(rs, "start_time"), instant(rs, "end_time"),
                rs.getInt("execution_duration"), instant(rs, "destruction"), rs.getString("error_message"), result);
    }
}

package org.alphatap.tap.uws;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.alphatap.adql.sql.Dialect;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.TapException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.alphatap.store.Store;

/**
 * Runs async jobs: a bounded queue in front of a fixed pool of worker threads, each job a
 * {@link SyncQuery} written to a file. A job's execution duration and ABORT both cancel its
 * statement; the result file is written aside and published only when complete.
 *
 * <p>Every {@value AsyncSettings#HEARTBEAT_SECONDS} s the runner renews the heartbeat of the jobs it
 * holds, and stops those that another process aborted or deleted. Where the store is shared with
 * other service processes it also takes over the QUEUED jobs of a process that stopped beating and
 * fails the EXECUTING ones, which nothing will finish.
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    /** How often a stopped job's statement is cancelled again, until its worker is done with it. */
    private static final long CANCEL_RETRY_MS = 100;

    private enum Stop { ABORTED, TIMED_OUT, SHUTDOWN }

    private final JobStore store;
    private final AsyncSettings settings;
    private final Store tables;
    private final Dialect dialect;
    private final Catalogue catalogue;
    private final SyncQuery.Limits limits;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("uws-timer"));
    private final Map<String, Execution> running = new ConcurrentHashMap<>();
    private final Set<String> queuedHere = ConcurrentHashMap.newKeySet();
    /** This process's name in the store: host, process id and a random part (a restarted process is another). */
    private final String me = runnerName();
    private volatile boolean closing;

    /**
     * Starts the workers and queues again the jobs the store has QUEUED; {@code limits} are the
     * MAXREC limits of /sync, {@code tables} the build's tables the queries read.
     */
    public JobRunner(JobStore store, AsyncSettings settings, Store tables, Catalogue catalogue,
            SyncQuery.Limits limits) throws SQLException {
        this.store = store;
        this.settings = settings;
        this.tables = tables;
        this.dialect = SyncQuery.dialect(tables.engine());
        this.catalogue = catalogue;
        this.limits = limits;
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queueLimit()), daemon("uws-worker"));
        // A store of its own holds no other runner's jobs: every QUEUED one is left from before.
        claimQueued(store.shared() ? settings.orphanSeconds() : 0);
        timers.scheduleWithFixedDelay(this::beat, AsyncSettings.HEARTBEAT_SECONDS, AsyncSettings.HEARTBEAT_SECONDS,
                TimeUnit.SECONDS);
    }

    private static String runnerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + Long.toHexString(new SecureRandom().nextLong());
    }

    /** Queues here the QUEUED jobs of no living runner. */
    private void claimQueued(int orphanSeconds) throws SQLException {
        for (String id : store.claimQueued(me, orphanSeconds)) {
            if (!queuedHere.contains(id)) {
                try {
                    enqueue(id);
                } catch (TapException full) {
                    LOG.warn("job {} is PENDING again: {}", id, full.getMessage());
                }
            }
        }
    }

    /**
     * The heartbeat: renews this runner's claim on its jobs, stops the running ones that are no
     * longer EXECUTING in the store (aborted or deleted through another process), and, in a shared
     * store, takes over what dead runners left. A database that cannot be reached skips a beat.
     */
    private void beat() {
        try {
            store.beat(me);
            Map<String, Phase> phases = store.phases(running.keySet());
            for (String id : running.keySet()) {
                if (phases.get(id) != Phase.EXECUTING) {
                    stop(id, Stop.ABORTED);
                }
            }
            if (store.shared() && !closing) {
                for (String id : store.failOrphans(settings.orphanSeconds())) {
                    LOG.warn("job {} lost its service process while it ran; it is now ERROR", id);
                    store.deleteFiles(id);
                }
                claimQueued(settings.orphanSeconds());
            }
        } catch (Exception e) {
            LOG.warn("async heartbeat skipped: {}", e.getMessage());
        }
    }

    /** PHASE=RUN: queues a PENDING job (other phases are left as they are); a full queue is a 503. */
    public void run(String id) throws SQLException, TapException {
        if (store.queue(id, me)) {
            enqueue(id);
        }
    }

    /** PHASE=ABORT: a job not yet finished becomes ABORTED, and its statement is cancelled if it runs. */
    public void abort(String id) throws SQLException {
        if (store.abort(id)) {
            stop(id, Stop.ABORTED);
        }
    }

    /** Deletes a job and its files, stopping it first if it runs; false if there was no such job. */
    public boolean delete(String id) throws SQLException, IOException {
        stop(id, Stop.ABORTED);
        return store.delete(id);
    }

    /** Deletes the jobs past their destruction time; returns how many. */
    public int deleteExpired(Instant now) throws SQLException, IOException {
        int deleted = 0;
        for (String id : store.expired(now)) {
            deleted += delete(id) ? 1 : 0;
        }
        return deleted;
    }

    /**
     * Stops the service's part: queued jobs stay QUEUED in the store (they run at the next start),
     * running ones are cancelled and end in ERROR, then the store is closed. Workers are not
     * interrupted: an interrupt in the middle of H2 file I/O closes the database file.
     */
    @Override
    public void close() throws SQLException, InterruptedException {
        closing = true;
        workers.shutdown();
        workers.getQueue().clear();
        running.keySet().forEach(id -> stop(id, Stop.SHUTDOWN));
        if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("async workers still busy after 30 s; closing the job store anyway");
        }
        timers.shutdownNow();
        store.close();
    }

    private void enqueue(String id) throws SQLException, TapException {
        queuedHere.add(id);
        try {
            workers.execute(() -> execute(id));
        } catch (RejectedExecutionException e) {
            queuedHere.remove(id);
            store.unqueue(id);
            throw new TapException(503, "the async queue is full (" + settings.queueLimit()
                    + " jobs waiting); try again later");
        }
    }

    private void execute(String id) {
        try {
            Optional<Job> queued = store.get(id);
            queuedHere.remove(id);
            // An ABORT or DELETE while the job waited leaves nothing to do; nor does a job another
            // runner took over.
            if (queued.isPresent() && store.start(id, me)) {
                execute(queued.get());
            }
        } catch (Exception e) {
            LOG.error("async job {} could not be run or recorded", id, e);
        }
    }

    private void execute(Job job) throws SQLException, IOException {
        Execution ex = new Execution();
        running.put(job.id(), ex);
        if (closing) {
            ex.stop(Stop.SHUTDOWN);
        }
        ScheduledFuture<?> deadline = timers.schedule(() -> ex.stop(Stop.TIMED_OUT), job.executionDuration(),
                TimeUnit.SECONDS);
        JobFiles files = store.files();
        try {
            SyncQuery.Prepared prepared;
            try (JobFiles.Uploads uploads = files.uploads(job.id())) {
                prepared = SyncQuery.prepare(job.parameters(), uploads.files(), catalogue, dialect, limits)
                        .at(store.serviceUrl(job.id()));
            }
            String name = "result." + prepared.format().fileSuffix();
            try (JobFiles.Output output = files.create(job.id(), name)) {
                SyncQuery.Written written;
                try (Connection db = tables.openReader(); OutputStream out = ex.guard(output.stream())) {
                    // The job's execution duration is also the database's own query timeout.
                    written = SyncQuery.run(prepared, db, limits.withTimeout(job.executionDuration()), ex::runs, out);
                }
                long size = output.publish();
                if (!store.complete(job.id(), new Job.Result(name, prepared.format().mimeType(), size, written.rows(),
                        written.overflow()))) {
                    files.delete(job.id());
                }
            }
        } catch (Exception e) {
            // A no-op when an ABORT already made the job ABORTED.
            store.fail(job.id(), message(job, ex.stopped, e));
        } finally {
            deadline.cancel(false);
            ex.finish();
            running.remove(job.id());
            if (store.get(job.id()).isEmpty()) {
                files.delete(job.id());
            }
        }
    }

    private String message(Job job, Stop stop, Exception e) {
        // A shutdown cancels the statement, which H2 reports as a timeout too.
        if (stop == Stop.SHUTDOWN) {
            return JobStore.INTERRUPTED;
        }
        // SyncQuery reports H2's own query timeout as a 408.
        if (stop == Stop.TIMED_OUT || e instanceof TapException t && t.status() == 408) {
            return "the query ran longer than the job's execution duration of " + job.executionDuration()
                    + " s and was stopped; ask for a longer EXECUTIONDURATION (at most " + settings.maxDuration()
                    + " s) or add constraints";
        }
        return e instanceof TapException ? e.getMessage() : "the service failed to run the query: " + e.getMessage();
    }

    private void stop(String id, Stop why) {
        Execution ex = running.get(id);
        if (ex != null) {
            ex.stop(why);
        }
    }

    /** One job on a worker: its statement, why it was stopped (if it was), and the cancelling. */
    private final class Execution {
        private volatile Statement statement;
        private volatile Stop stopped;
        private ScheduledFuture<?> cancelling;
        private boolean finished;

        void runs(Statement st) {
            statement = st;
        }

        /**
         * The first reason wins. H2 ignores a cancel that comes before the statement has begun, so
         * the cancel is repeated until the worker is done.
         */
        synchronized void stop(Stop why) {
            if (stopped == null && !finished) {
                stopped = why;
                cancelling = timers.scheduleWithFixedDelay(this::cancel, 0, CANCEL_RETRY_MS, TimeUnit.MILLISECONDS);
            }
        }

        synchronized void finish() {
            finished = true;
            if (cancelling != null) {
                cancelling.cancel(false);
            }
        }

        private void cancel() {
            Statement st = statement;
            if (st != null) {
                try {
                    st.cancel();
                } catch (SQLException closed) {
                    // The statement ended on its own; there is nothing left to cancel.
                }
            }
        }

        /** The result file's stream, which fails once the job is stopped: writing rows is not H2's to cancel. */
        OutputStream guard(OutputStream file) {
            return new FilterOutputStream(file) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    check();
                    out.write(b, off, len);
                }

                @Override
                public void write(int b) throws IOException {
                    check();
                    out.write(b);
                }

                private void check() throws IOException {
                    if (stopped != null) {
                        throw new IOException("the job was stopped (" + stopped + ")");
                    }
                }
            };
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

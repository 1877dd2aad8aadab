package org.alphatap.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.store.DataDirectory;
import org.alphatap.writers.VotableResults;
import org.alphatap.tap.ByteRange;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.TapException;
import org.alphatap.tap.uws.AsyncSettings;
import org.alphatap.tap.uws.Job;
import org.alphatap.tap.uws.JobRunner;
import org.alphatap.tap.uws.JobStore;
import org.alphatap.tap.uws.Phase;
import org.alphatap.tap.uws.UwsXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.alphatap.store.Store;

/**
 * The UWS 1.1 async TAP resource {@code /tap/async}: the job list, jobs and their parts. Handlers
 * translate HTTP to the job store and runner on worker threads (the store is a database); a GET
 * with WAIT waits on a timer and the store's phase changes, never on a thread. Deployed as a
 * verticle so that the runner and the store close with Vert.x.
 */
public final class AsyncEndpoint extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncEndpoint.class);
    private static final String PATH = "/tap/async";
    private static final String XML = "text/xml; charset=UTF-8";
    private static final long REAP_EVERY_MS = 60_000;
    private static final long WATCH_EVERY_MS = 250;
    private static final String RETRY_AFTER_SECONDS = "60";

    /** A handler's work, run on a worker thread. */
    private interface Work {
        void handle(RoutingContext ctx) throws Exception;
    }

    private final AsyncSettings settings;
    private final Map<String, Set<Runnable>> waiting = new ConcurrentHashMap<>();
    private final JobStore store;
    private final JobRunner runner;
    private final AtomicBoolean watching = new AtomicBoolean();
    private long reaper;
    private long watcher = -1;

    private AsyncEndpoint(Path data, Store tables, Catalogue catalogue, SyncQuery.Limits limits,
            AsyncSettings settings) throws SQLException, IOException {
        this.settings = settings;
        Path jobs = data.resolve(DataDirectory.JOBS);
        Files.createDirectories(jobs);
        this.store = JobStore.open(tables.jobDatabase(jobs), jobs, this::phaseChanged);
        try {
            this.runner = new JobRunner(store, settings, tables, catalogue, limits);
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Opens the job store in {@code data/uws} (running again the jobs that were queued), routes
     * {@code /tap/async} on {@code router} (after its body handler) and starts the reaper of jobs
     * past their destruction time.
     */
    public static Future<Void> mount(Router router, Vertx vertx, Path data, Store tables, Catalogue catalogue,
            SyncQuery.Limits limits, AsyncSettings settings) {
        AsyncEndpoint endpoint;
        try {
            endpoint = new AsyncEndpoint(data, tables, catalogue, limits, settings);
        } catch (SQLException | IOException e) {
            return Future.failedFuture(e);
        }
        endpoint.route(router);
        return vertx.deployVerticle(endpoint).mapEmpty();
    }

    @Override
    public Future<?> start() {
        reaper = vertx.setPeriodic(REAP_EVERY_MS, t -> vertx.executeBlocking(() -> runner.deleteExpired(Instant.now()),
                false).onFailure(e -> LOG.warn("deleting async jobs past their destruction time failed", e)));
        if (store.shared()) {
            watcher = vertx.setPeriodic(WATCH_EVERY_MS, t -> watchOtherProcesses());
        }
        return Future.succeededFuture();
    }

    /**
     * Phase changes made by another service process reach no callback here: while a WAIT is
     * pending in a shared store, the phases of the awaited jobs are read again, and a waiter whose
     * job left the phase it saw is answered.
     */
    private void watchOtherProcesses() {
        if (waiting.isEmpty() || watching.getAndSet(true)) {
            return;
        }
        vertx.executeBlocking(() -> store.phases(waiting.keySet()), false).onComplete(read -> {
            watching.set(false);
            if (read.failed()) {
                LOG.warn("reading the phases of awaited jobs failed: {}", read.cause().getMessage());
                return;
            }
            waiting.forEach((id, waiters) -> waiters.forEach(w -> {
                if (w instanceof Waiter waiter && waiter.seen != null && waiter.seen != read.result().get(id)) {
                    waiter.run();
                }
            }));
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(reaper);
        vertx.cancelTimer(watcher);
        return vertx.executeBlocking(() -> {
            runner.close();
            return null;
        });
    }

    private void route(Router r) {
        r.post(PATH).handler(ctx -> onWorker(ctx, this::create));
        r.get(PATH).handler(ctx -> onWorker(ctx, this::list));
        r.get(PATH + "/:id").handler(this::show);
        r.post(PATH + "/:id").handler(ctx -> onWorker(ctx, c -> {
            if (!"DELETE".equalsIgnoreCase(TapServer.parameters(c).get("ACTION"))) {
                throw new TapException(400, "a POST to a job takes ACTION=DELETE; phases change at /phase");
            }
            delete(c);
        }));
        r.delete(PATH + "/:id").handler(ctx -> onWorker(ctx, this::delete));
        r.get(PATH + "/:id/phase").handler(ctx -> onWorker(ctx, c -> text(c, job(c).phase().name())));
        r.post(PATH + "/:id/phase").handler(ctx -> onWorker(ctx, this::changePhase));
        r.get(PATH + "/:id/executionduration").handler(ctx -> onWorker(ctx,
                c -> text(c, String.valueOf(job(c).executionDuration()))));
        r.post(PATH + "/:id/executionduration").handler(ctx -> onWorker(ctx, this::changeExecutionDuration));
        r.get(PATH + "/:id/destruction").handler(ctx -> onWorker(ctx, c -> text(c, UwsXml.time(job(c).destruction()))));
        r.post(PATH + "/:id/destruction").handler(ctx -> onWorker(ctx, this::changeDestruction));
        // No quotes and no owners: jobs are anonymous and their run time is not predicted.
        for (String part : new String[] {"/quote", "/owner"}) {
            r.get(PATH + "/:id" + part).handler(ctx -> onWorker(ctx, c -> {
                job(c);
                text(c, "");
            }));
        }
        r.get(PATH + "/:id/error").handler(ctx -> onWorker(ctx, this::error));
        r.get(PATH + "/:id/parameters").handler(ctx -> onWorker(ctx, c -> xml(c, UwsXml.parameters(job(c)))));
        r.post(PATH + "/:id/parameters").handler(ctx -> onWorker(ctx, c -> {
            store.setParameters(job(c).id(), TapServer.parameters(c));
            seeOther(c, jobUrl(c));
        }));
        r.get(PATH + "/:id/results").handler(ctx -> onWorker(ctx, c -> xml(c, UwsXml.results(job(c), jobUrl(c)))));
        r.get(PATH + "/:id/results/result").handler(ctx -> onWorker(ctx, this::result));
    }

    /**
     * A new PENDING job with the request's parameters, PHASE=RUN queues it at once. RUNID,
     * EXECUTIONDURATION and DESTRUCTION are the job's own fields, not parameters of the query.
     */
    private void create(RoutingContext ctx) throws Exception {
        Map<String, String> params = TapServer.parameters(ctx);
        String phase = params.remove("PHASE");
        if (phase != null && !phase.equalsIgnoreCase("RUN")) {
            throw new TapException(400, "a new job takes PHASE=RUN or no PHASE, not PHASE=" + phase);
        }
        String runId = params.remove("RUNID");
        String duration = params.remove("EXECUTIONDURATION");
        String destruction = params.remove("DESTRUCTION");
        Instant now = JobStore.now();
        Instant latest = settings.latestDestruction(now);
        Job job = store.create(runId, params, duration == null ? settings.defaultDuration() : executionDuration(duration),
                now, destruction == null ? latest : earliest(time("DESTRUCTION", destruction), latest),
                TapServer.baseUrl(ctx));
        try {
            store.keepUploads(job.id(), TapServer.parts(ctx));
        } catch (IllegalArgumentException e) {
            store.delete(job.id());
            throw new TapException(400, e.getMessage());
        }
        if (phase != null) {
            try {
                runner.run(job.id());
            } catch (TapException full) {
                // The client is told to come back later, so it gets no job it did not hear of.
                store.delete(job.id());
                throw full;
            }
        }
        seeOther(ctx, listUrl(ctx) + "/" + job.id());
    }

    /** The job list, filtered by PHASE (repeatable), AFTER (a time) and LAST (how many, newest first). */
    private void list(RoutingContext ctx) throws Exception {
        // Read first: it refuses a query string that cannot be decoded.
        Map<String, String> params = TapServer.parameters(ctx);
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        for (Map.Entry<String, String> p : ctx.queryParams()) {
            if (p.getKey().equalsIgnoreCase("PHASE")) {
                phases.add(Phase.parse(p.getValue()));
            }
        }
        Instant after = params.get("AFTER") == null ? null : time("AFTER", params.get("AFTER"));
        Integer last = null;
        if (params.get("LAST") != null) {
            long n = wholeNumber("LAST", params.get("LAST"));
            if (n < 1 || n > Integer.MAX_VALUE) {
                throw new TapException(400, "LAST must be a positive whole number, got " + n);
            }
            last = (int) n;
        }
        xml(ctx, UwsXml.jobs(store.list(phases, after, last), listUrl(ctx)));
    }

    /**
     * The job's document. With WAIT=n it comes once the job leaves its phase, or after n s (at
     * most the WAIT limit; -1 is the limit), if the job is active and, given PHASE, in that phase.
     */
    private void show(RoutingContext ctx) {
        long seconds;
        Phase awaited;
        try {
            Map<String, String> params = TapServer.parameters(ctx);
            if (params.get("WAIT") == null) {
                onWorker(ctx, this::sendJob);
                return;
            }
            long wait = wholeNumber("WAIT", params.get("WAIT"));
            if (wait < -1) {
                throw new TapException(400, "WAIT must be -1 (as long as the service allows) or more, got " + wait);
            }
            seconds = wait == -1 ? settings.maxWait() : Math.min(wait, settings.maxWait());
            awaited = params.get("PHASE") == null ? null : Phase.parse(params.get("PHASE"));
        } catch (TapException e) {
            failed(ctx, e);
            return;
        }
        String id = ctx.pathParam("id");
        Waiter waiter = new Waiter(ctx, id);
        waiting.compute(id, (k, waiters) -> {
            Set<Runnable> all = waiters == null ? ConcurrentHashMap.newKeySet() : waiters;
            all.add(waiter);
            return all;
        });
        waiter.timer = ctx.vertx().setTimer(Math.max(1, seconds * 1000), t -> waiter.run());
        // Looked at only once the waiter is in place, so that no phase change goes unseen.
        ctx.vertx().executeBlocking(() -> store.get(id), false).onComplete(job -> {
            if (job.failed() || job.result().isEmpty() || !job.result().get().phase().isActive()
                    || awaited != null && job.result().get().phase() != awaited) {
                waiter.run();
            } else {
                waiter.seen = job.result().get().phase();
            }
        });
    }

    private void sendJob(RoutingContext ctx) throws Exception {
        xml(ctx, UwsXml.job(job(ctx), jobUrl(ctx)));
    }

    private void delete(RoutingContext ctx) throws Exception {
        if (!runner.delete(ctx.pathParam("id"))) {
            throw noSuchJob();
        }
        seeOther(ctx, listUrl(ctx));
    }

    private void changePhase(RoutingContext ctx) throws Exception {
        String phase = TapServer.parameters(ctx).get("PHASE");
        String id = job(ctx).id();
        if ("RUN".equalsIgnoreCase(phase)) {
            runner.run(id);
        } else if ("ABORT".equalsIgnoreCase(phase)) {
            runner.abort(id);
        } else {
            throw new TapException(400, "PHASE must be RUN or ABORT, got " + phase);
        }
        seeOther(ctx, jobUrl(ctx));
    }

    private void changeExecutionDuration(RoutingContext ctx) throws Exception {
        String seconds = TapServer.parameters(ctx).get("EXECUTIONDURATION");
        if (seconds == null) {
            throw new TapException(400, "missing parameter EXECUTIONDURATION: give a number of seconds");
        }
        store.setExecutionDuration(job(ctx).id(), executionDuration(seconds));
        seeOther(ctx, jobUrl(ctx));
    }

    private void changeDestruction(RoutingContext ctx) throws Exception {
        String destruction = TapServer.parameters(ctx).get("DESTRUCTION");
        if (destruction == null) {
            throw new TapException(400, "missing parameter DESTRUCTION: give an ISO 8601 time");
        }
        Job job = job(ctx);
        store.setDestruction(job.id(), earliest(time("DESTRUCTION", destruction),
                settings.latestDestruction(job.creationTime())));
        seeOther(ctx, jobUrl(ctx));
    }

    private void error(RoutingContext ctx) throws Exception {
        Job job = job(ctx);
        if (job.phase() != Phase.ERROR) {
            throw new TapException(404, "the job is " + job.phase() + ": there is no error to show");
        }
        ByteArrayOutputStream doc = new ByteArrayOutputStream();
        VotableResults.error(job.error(), doc);
        ctx.response().putHeader("Content-Type", TapServer.VOTABLE).end(Buffer.buffer(doc.toByteArray()));
    }

    private void result(RoutingContext ctx) throws Exception {
        Job job = job(ctx);
        if (job.phase() != Phase.COMPLETED || job.result() == null) {
            throw new TapException(404, "the job is " + job.phase() + ": it has a result once it is COMPLETED");
        }
        long size = job.result().size();
        Optional<ByteRange> range = ByteRange.of(ctx.request().getHeader("Range"), size);
        HttpServerResponse response = ctx.response().putHeader("Content-Type", job.result().mimeType())
                .putHeader("Accept-Ranges", "bytes");
        if (range.isPresent()) {
            // A part is sent as it is stored: compressing it would change which bytes it holds.
            response.setStatusCode(206).putHeader("Content-Range", range.get().contentRange(size))
                    .putHeader("Content-Encoding", "identity");
        }
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        Optional<Path> local = store.localResult(job);
        if (local.isPresent()) {
            if (!Files.isRegularFile(local.get())) {
                throw new TapException(500, "the result file of this job is missing");
            }
            response.sendFile(local.get().toString(), first, length).onFailure(e -> failed(ctx, e));
            return;
        }
        // Kept in the shared job database: streamed from it at the pace of the client.
        try (InputStream in = store.openResult(job)) {
            in.skipNBytes(first);
            ResponseStream out = new ResponseStream(response, () -> { });
            copy(in, out, length);
            out.end();
        }
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the stored result ended " + left + " bytes early");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private int executionDuration(String seconds) throws TapException {
        long s = wholeNumber("EXECUTIONDURATION", seconds);
        if (s < 0) {
            throw new TapException(400, "EXECUTIONDURATION must be 0 (the longest allowed) or more seconds, got " + s);
        }
        return settings.executionDuration((int) Math.min(s, Integer.MAX_VALUE));
    }

    /** Wakes the WAITs on job {@code id}: called by the store on every phase change. */
    private void phaseChanged(String id) {
        Set<Runnable> waiters = waiting.get(id);
        if (waiters != null) {
            waiters.forEach(Runnable::run);
        }
    }

    /** A GET with WAIT: answered once, when the job changes phase or the time is up. */
    private final class Waiter implements Runnable {
        private final RoutingContext ctx;
        private final String id;
        private final AtomicBoolean answered = new AtomicBoolean();
        private volatile long timer = -1;
        /** The phase the job was in when the wait began; null until it is read. */
        private volatile Phase seen;

        Waiter(RoutingContext ctx, String id) {
            this.ctx = ctx;
            this.id = id;
        }

        @Override
        public void run() {
            if (answered.compareAndSet(false, true)) {
                ctx.vertx().cancelTimer(timer);
                waiting.computeIfPresent(id, (k, waiters) -> {
                    waiters.remove(this);
                    return waiters.isEmpty() ? null : waiters;
                });
                onWorker(ctx, AsyncEndpoint.this::sendJob);
            }
        }
    }

    private Job job(RoutingContext ctx) throws SQLException, TapException {
        return store.get(ctx.pathParam("id")).orElseThrow(AsyncEndpoint::noSuchJob);
    }

    private static TapException noSuchJob() {
        return new TapException(404, "no such job (jobs are deleted after their destruction time); " + PATH
                + " lists the jobs");
    }

    /** The job list's absolute URL, at the address the client asked for. */
    private static String listUrl(RoutingContext ctx) {
        return TapServer.baseUrl(ctx) + PATH;
    }

    private static String jobUrl(RoutingContext ctx) {
        return listUrl(ctx) + "/" + ctx.pathParam("id");
    }

    private static void onWorker(RoutingContext ctx, Work work) {
        ctx.vertx().executeBlocking(() -> {
            work.handle(ctx);
            return null;
        }, false).onFailure(e -> failed(ctx, e));
    }

    /** A failed request: its status and message as text (a TapException), else a 500. */
    private static void failed(RoutingContext ctx, Throwable e) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            LOG.warn("async request {} failed after its answer began: {}", ctx.request().path(), e.getMessage());
            response.reset();
            return;
        }
        TapException t = e instanceof TapException te ? te : new TapException(500, "the service failed: " + e.getMessage());
        if (!(e instanceof TapException)) {
            LOG.warn("async request {} failed", ctx.request().path(), e);
        }
        if (t.status() == 503) {
            response.putHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        response.setStatusCode(t.status()).putHeader("Content-Type", "text/plain; charset=UTF-8")
                .end(t.getMessage() + "\n");
    }

    private static void seeOther(RoutingContext ctx, String url) {
        ctx.response().setStatusCode(303).putHeader("Location", url).end();
    }

    private static void xml(RoutingContext ctx, String doc) {
        ctx.response().putHeader("Content-Type", XML).end(doc);
    }

    private static void text(RoutingContext ctx, String text) {
        ctx.response().putHeader("Content-Type", "text/plain; charset=UTF-8").end(text);
    }

    private static long wholeNumber(String name, String value) throws TapException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TapException(400, name + "=" + value + " is not a whole number");
        }
    }

    /** An ISO 8601 time; one without an offset is UTC, as all UWS times are. */
    private static Instant time(String name, String value) throws TapException {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value.trim()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new TapException(400, name + "=" + value + " is not an ISO 8601 time such as 2026-11-24T22:30:00Z");
            }
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}

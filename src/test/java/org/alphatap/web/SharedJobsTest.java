package org.alphatap.web;

import static org.alphatap.web.TapClient.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.alphatap.predict.PredictSettings;
import org.alphatap.store.Fixture;
import org.alphatap.store.PostgresStore;
import org.alphatap.store.TestPostgres;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.alphatap.tap.uws.JobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service processes on one PostgreSQL database share the async jobs: one is a JVM of its own
 * ({@link ServerProcess}), the other runs here, each with a copy of the data directory (no disk is
 * shared). A job created on either is seen, run, aborted and served by the other; when the first
 * process is killed, the second fails the job it was running and runs the one it had queued.
 */
class SharedJobsTest {
    private static final String COUNT = "SELECT COUNT(*) AS n FROM alpha.stars";
    /** Runs until it is stopped: 10^9 rows to count. */
    private static final String ENDLESS = "SELECT COUNT(*) AS n FROM tap_schema.columns AS a, tap_schema.columns AS b,"
            + " tap_schema.columns AS c, tap_schema.columns AS d";
    private static final String LIST = """
            <?xml version="1.0"?>
            <VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE><TABLE>
            <FIELD name="id" datatype="char" arraysize="*"/><FIELD name="obsid" datatype="long"/>
            <DATA><TABLEDATA><TR><TD>mine</TD><TD>3</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>
            """;
    /** How long the process here waits for a dead process's heartbeat before taking over its jobs. */
    private static final int ORPHAN_SECONDS = 8;

    @TempDir
    Path dataA;
    @TempDir
    Path dataB;
    @TempDir
    Path logs;

    @Test
    void twoProcessesShareJobsAndOneTakesOverWhenTheOtherDies() throws Exception {
        Vertx vertx = Vertx.vertx();
        Process processA = null;
        try (TestPostgres pg = TestPostgres.create()) {
            PostgresStore store = PostgresStore.of(pg.url());
            Fixture.write(store, dataA);
            copy(dataA, dataB);
            processA = ServerProcess.launch(logs.resolve("a.log"), dataA.toString(), pg.url());
            TapClient a = new TapClient(ServerProcess.port(processA, logs.resolve("a.log")));
            TapClient b = new TapClient(TapServer.start(vertx, dataB, store, "127.0.0.1", 0,
                    SyncQuery.Limits.defaults(), AsyncSettings.defaults().withOrphanSeconds(ORPHAN_SECONDS),
                    PredictSettings.defaults()).await().actualPort());

            // Created and run on A; awaited, listed and served on B.
            String made = a.createJob("PHASE=RUN&LANG=ADQL&RESPONSEFORMAT=csv&QUERY=" + enc(COUNT));
            assertTrue(b.awaitFinished(made).contains("<uws:phase>COMPLETED</uws:phase>"), b.get(job(made)).body());
            assertEquals("n\n4", b.get(job(made) + "/results/result").body().strip());
            assertEquals(a.get(job(made) + "/results/result").body(), b.get(job(made) + "/results/result").body());
            assertTrue(b.get("/tap/async").body().contains(made), "B lists A's job");

            // An upload kept by A is read by B, which runs the job.
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("LANG", "ADQL");
            fields.put("RESPONSEFORMAT", "csv");
            fields.put("UPLOAD", "mine,param:mine");
            fields.put("QUERY", "SELECT u.id, s.obsid FROM TAP_UPLOAD.mine AS u JOIN alpha.stars AS s ON s.obsid = u.obsid");
            HttpResponse<byte[]> created = a.postMultipart("/tap/async", fields, "mine", LIST);
            assertEquals(303, created.statusCode(), new String(created.body(), StandardCharsets.UTF_8));
            String location = created.headers().firstValue("Location").orElseThrow();
            String uploaded = location.substring(location.lastIndexOf('/') + 1);
            assertEquals(303, b.post(job(uploaded) + "/phase", "PHASE=RUN").statusCode());
            assertTrue(a.awaitFinished(uploaded).contains("<uws:phase>COMPLETED</uws:phase>"),
                    a.get(job(uploaded) + "/error").body());
            assertEquals("id,obsid\nmine,3", a.get(job(uploaded) + "/results/result").body().strip());

            // A WAIT on B ends when A changes the phase.
            String pending = b.createJob("LANG=ADQL&RESPONSEFORMAT=csv&QUERY=" + enc(COUNT));
            var waiting = b.getAsync(job(pending) + "?WAIT=30");
            Thread.sleep(500);
            long t0 = System.nanoTime();
            assertEquals(303, a.post(job(pending) + "/phase", "PHASE=RUN").statusCode());
            String seen = waiting.get(30, TimeUnit.SECONDS).body();
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 5, "the WAIT ended within seconds");
            assertTrue(!seen.contains("<uws:phase>PENDING</uws:phase>"), seen);

            // Run on A, aborted through B: A's statement stops.
            String endless = a.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc(ENDLESS));
            a.awaitPhase(endless, "EXECUTING");
            awaitStatements(pg, 1);
            assertEquals(303, b.post(job(endless) + "/phase", "PHASE=ABORT").statusCode());
            assertEquals("ABORTED", a.phase(endless));
            awaitStatements(pg, 0);

            // A dies with a job running and another queued behind it (A has one worker).
            String running = a.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc(ENDLESS));
            a.awaitPhase(running, "EXECUTING");
            String queued = a.createJob("PHASE=RUN&LANG=ADQL&RESPONSEFORMAT=csv&QUERY=" + enc(COUNT));
            assertEquals("QUEUED", a.phase(queued));
            ServerProcess.kill(processA);
            String lost = b.awaitFinished(running);
            assertTrue(lost.contains("<uws:phase>ERROR</uws:phase>") && lost.contains(JobStore.INTERRUPTED), lost);
            assertTrue(b.awaitFinished(queued).contains("<uws:phase>COMPLETED</uws:phase>"), "B ran A's queued job");
            assertEquals("n\n4", b.get(job(queued) + "/results/result").body().strip());

            // Deleted through B: gone for everyone, its result rows too.
            assertEquals(303, b.post(job(made), "ACTION=DELETE").statusCode());
            assertEquals(404, b.get(job(made)).statusCode());
            try (Connection c = pg.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*) FROM " + PostgresStore.JOBS + ".job_file WHERE job_id = '" + made + "'")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
        } finally {
            if (processA != null) {
                ServerProcess.kill(processA);
            }
            vertx.close().await();
        }
    }

    private static String job(String id) {
        return "/tap/async/" + id;
    }

    /** Waits until {@code n} of the endless statements run in PostgreSQL. */
    private static void awaitStatements(TestPostgres pg, int n) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int running = -1;
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            while (System.nanoTime() < end) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active'"
                        + " AND query LIKE '%tap_schema%columns%' AND pid <> pg_backend_pid()")) {
                    rs.next();
                    running = rs.getInt(1);
                }
                if (running == n) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError(running + " endless statements run, not " + n);
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}

package org.alphatap.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import org.alphatap.predict.PredictSettings;
import org.alphatap.store.ColumnMetadata;
import org.alphatap.store.Database;
import org.alphatap.store.DdlScript;
import org.alphatap.store.H2Store;
import org.alphatap.store.Staging;
import org.alphatap.store.Store;
import org.alphatap.store.TapSchema;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.alphatap.tap.uws.JobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.util.ByteArrayDataSource;
import uk.ac.starlink.votable.VOTableBuilder;

/**
 * /tap/async: the real server on a random port over real H2 files, a real HTTP client, results
 * read back with STIL, documents with a namespace-aware XML parser.
 */
@ExtendWith(VertxExtension.class)
class AsyncTest {
    private static final String UWS = "http://www.ivoa.net/xml/UWS/v1.0";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A four-fold self-join of 1,004 stars: about 10^12 rows, far beyond any test's patience. */
    private static final String ENDLESS = "SELECT COUNT(*) AS n FROM alpha.stars AS a, alpha.stars AS b, alpha.stars AS c,"
            + " alpha.stars AS d WHERE a.ra + b.ra + c.ra + d.ra > -1";
    private static final String FOUR_STARS = "SELECT obsid, o_fe FROM alpha.stars WHERE obsid <= 4 ORDER BY obsid";
    private static final SyncQuery.Limits LIMITS = new SyncQuery.Limits(1000, 2000, 10);
    /** WAIT blocks at most 5 s here. */
    private static final AsyncSettings SETTINGS = new AsyncSettings(2, 100, 600, 3600, 7, 5);

    private static HttpServer server;
    private static TapClient tap;
    private static Path data;

    /** The names of the files the service keeps for a job, wherever it keeps them. */
    private static Function<String, List<String>> storedFiles;

    @BeforeAll
    static void start(Vertx vertx, @TempDir Path dir) throws Exception {
        data = fixture(dir.resolve("main"));
        start(vertx, new H2Store(data), AsyncTest::filesOnDisk);
    }

    /**
     * Serves the build in {@link #data} from {@code store}: H2 here, PostgreSQL in
     * {@link PostgresAsyncTest}, which keeps job files in the database.
     */
    static void start(Vertx vertx, Store store, Function<String, List<String>> files) throws Exception {
        storedFiles = files;
        server = TapServer.start(vertx, data, store, "127.0.0.1", 0, LIMITS, SETTINGS, PredictSettings.defaults())
                .await();
        tap = new TapClient(server.actualPort());
    }

    static void setData(Path dir) {
        data = dir;
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close().await();
        }
    }

    private static List<String> filesOnDisk(String id) {
        Path dir = data.resolve("uws/results/" + id);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Behind a TLS proxy, the job's URL and the capabilities' access URLs are the client's. */
    @Test
    void aProxysForwardedHeadersMakeTheUrls() throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(tap.uri("/tap/async"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "tap.example.org")
                .POST(HttpRequest.BodyPublishers.ofString("LANG=ADQL&QUERY=" + enc(FOUR_STARS))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, created.statusCode());
        String location = created.headers().firstValue("Location").orElse("");
        assertTrue(location.matches("https://tap\\.example\\.org/tap/async/[0-9a-f]{16}"), location);
        HttpResponse<String> capabilities = HTTP.send(HttpRequest.newBuilder(tap.uri("/tap/capabilities"))
                .header("Forwarded", "proto=https;host=tap.example.org").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(capabilities.body().contains("<accessURL use=\"base\">https://tap.example.org/tap</accessURL>"),
                capabilities.body());
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(303, tap.send(HttpRequest.newBuilder(tap.uri("/tap/async/" + id)).DELETE()).statusCode());
    }

    @Test
    void aNewJobIsPendingAndRunsToAVotableOnPhaseRun() throws Exception {
        HttpResponse<String> created = tap.post("/tap/async", "LANG=ADQL&RUNID=" + enc("mine <&> 'x'") + "&QUERY="
                + enc(FOUR_STARS));
        assertEquals(303, created.statusCode());
        String location = created.headers().firstValue("Location").orElse("");
        assertTrue(location.matches("http://127\\.0\\.0\\.1:" + server.actualPort() + "/tap/async/[0-9a-f]{16}"),
                location);
        String id = location.substring(location.lastIndexOf('/') + 1);

        HttpResponse<String> r = tap.get("/tap/async/" + id);
        assertEquals(200, r.statusCode());
        assertEquals("text/xml; charset=UTF-8", r.headers().firstValue("Content-Type").orElse(""));
        Document job = xml(r.body());
        assertEquals("job", job.getDocumentElement().getLocalName());
        assertEquals("1.1", job.getDocumentElement().getAttribute("version"));
        assertEquals(id, text(job, "jobId"));
        assertEquals("mine <&> 'x'", text(job, "runId"), "escaped in the XML, intact once parsed");
        assertEquals("PENDING", text(job, "phase"));
        assertTrue(isNil(job, "ownerId") && isNil(job, "quote") && isNil(job, "startTime") && isNil(job, "endTime"));
        assertEquals("600", text(job, "executionDuration"));
        Instant created1 = Instant.parse(text(job, "creationTime"));
        assertEquals(created1.plus(Duration.ofDays(7)), Instant.parse(text(job, "destruction")));
        assertTrue(text(job, "creationTime").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertEquals(Map.of("lang", "ADQL", "query", FOUR_STARS), parameters(job));

        assertEquals("PENDING", tap.get("/tap/async/" + id + "/phase").body());
        assertEquals("text/plain; charset=UTF-8", tap.get("/tap/async/" + id + "/phase").headers()
                .firstValue("Content-Type").orElse(""));
        assertEquals("600", tap.get("/tap/async/" + id + "/executionduration").body());
        assertEquals(text(job, "destruction"), tap.get("/tap/async/" + id + "/destruction").body());
        assertEquals("", tap.get("/tap/async/" + id + "/quote").body());
        assertEquals("", tap.get("/tap/async/" + id + "/owner").body());
        assertEquals(parameters(job), parameters(xml(tap.get("/tap/async/" + id + "/parameters").body())));
        assertEquals(0, xml(tap.get("/tap/async/" + id + "/results").body()).getElementsByTagNameNS(UWS, "result")
                .getLength());
        assertEquals(404, tap.get("/tap/async/" + id + "/results/result").statusCode());
        assertEquals(404, tap.get("/tap/async/" + id + "/error").statusCode());

        HttpResponse<String> run = tap.post("/tap/async/" + id + "/phase", "PHASE=RUN");
        assertEquals(303, run.statusCode());
        assertEquals(location, run.headers().firstValue("Location").orElse(""));
        Document done = xml(tap.awaitFinished(id));
        assertEquals("COMPLETED", text(done, "phase"));
        assertFalse(isNil(done, "startTime") || isNil(done, "endTime"));
        Element result = (Element) done.getElementsByTagNameNS(UWS, "result").item(0);
        assertEquals("result", result.getAttribute("id"));
        assertEquals(location + "/results/result", result.getAttributeNS("http://www.w3.org/1999/xlink", "href"));
        assertEquals("4", done.getElementsByTagName("rows").item(0).getTextContent());

        HttpResponse<byte[]> file = tap.getBytes("/tap/async/" + id + "/results/result");
        assertEquals(200, file.statusCode());
        assertEquals("application/x-votable+xml", file.headers().firstValue("Content-Type").orElse(""));
        assertEquals(String.valueOf(file.body().length), result.getAttribute("size"));
        StarTable t = votable(file.body());
        assertEquals("obsid", t.getColumnInfo(0).getName());
        assertEquals("dex", t.getColumnInfo(1).getUnitString());
        assertEquals(List.of(1L, 2L, 3L, 4L), column(t, 0));
        assertEquals(List.of("result.vot"), storedFiles.apply(id), "no partial file is left beside it");
    }

    @Test
    void phaseRunAtCreationHonoursMaxrecAndResponseformat() throws Exception {
        String id = tap.createJob("PHASE=RUN&LANG=ADQL&MAXREC=2&RESPONSEFORMAT=votable/td&QUERY=" + enc(FOUR_STARS));
        Document done = xml(tap.awaitFinished(id));
        assertEquals("COMPLETED", text(done, "phase"));
        assertEquals("true", done.getElementsByTagName("overflow").item(0).getTextContent());
        assertFalse(parameters(done).containsKey("phase"), "PHASE=RUN is an action, not a parameter of the query");
        HttpResponse<byte[]> file = tap.getBytes("/tap/async/" + id + "/results/result");
        assertEquals("application/x-votable+xml;serialization=tabledata",
                file.headers().firstValue("Content-Type").orElse(""));
        String body = new String(file.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("<TABLEDATA>") && body.contains("QUERY_STATUS\" value=\"OVERFLOW\""), body);
        assertEquals(List.of(1L, 2L), column(votable(file.body()), 0));
    }

    @Test
    void waitReturnsOnceThePhaseChangesAndNoLaterThanItsLimit() throws Exception {
        String pending = tap.createJob("LANG=ADQL&QUERY=" + enc(FOUR_STARS));
        for (String wait : new String[] {"30", "-1"}) {
            long t0 = System.nanoTime();
            Document job = xml(tap.get("/tap/async/" + pending + "?WAIT=" + wait).body());
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals("PENDING", text(job, "phase"));
            assertTrue(seconds >= 4.5 && seconds < 15, "WAIT=" + wait + " blocked " + seconds + " s, the limit is 5 s");
        }
        assertEquals(400, tap.get("/tap/async/" + pending + "?WAIT=soon").statusCode());
        assertEquals(400, tap.get("/tap/async/" + pending + "?WAIT=-2").statusCode());
        assertEquals(400, tap.get("/tap/async/" + pending + "?WAIT=3&PHASE=DONE").statusCode());

        long t0 = System.nanoTime();
        Document job = xml(tap.get("/tap/async/" + pending + "?WAIT=30&PHASE=EXECUTING").body());
        assertEquals("PENDING", text(job, "phase"));
        assertTrue(System.nanoTime() - t0 < 3e9, "not in the phase waited for: no wait");

        String running = tap.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc(ENDLESS));
        tap.awaitPhase(running, "EXECUTING");
        CompletableFuture<HttpResponse<String>> waited = tap.getAsync("/tap/async/" + running + "?WAIT=30");
        Thread.sleep(500);
        t0 = System.nanoTime();
        assertEquals(303, tap.post("/tap/async/" + running + "/phase", "PHASE=ABORT").statusCode());
        Document aborted = xml(waited.get().body());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals("ABORTED", text(aborted, "phase"));
        assertTrue(seconds < 3, "the WAIT ended " + seconds + " s after the ABORT");

        t0 = System.nanoTime();
        assertEquals("ABORTED", text(xml(tap.get("/tap/async/" + running + "?WAIT=30").body()), "phase"));
        assertTrue(System.nanoTime() - t0 < 3e9, "a finished job: no wait");
    }

    @Test
    void badAdqlEndsInErrorWithTheMessageAsAVotableErrorDocument() throws Exception {
        String id = tap.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc("SELECT \"x<&>\" FROM alpha.stars"));
        Document job = xml(tap.awaitFinished(id));
        assertEquals("ERROR", text(job, "phase"));
        Element summary = (Element) job.getElementsByTagNameNS(UWS, "errorSummary").item(0);
        assertEquals("fatal", summary.getAttribute("type"));
        String message = text(job, "message");
        assertTrue(message.startsWith("unknown column 'x<&>'"), message);
        HttpResponse<String> error = tap.get("/tap/async/" + id + "/error");
        assertEquals(200, error.statusCode());
        assertEquals("application/x-votable+xml", error.headers().firstValue("Content-Type").orElse(""));
        assertTrue(error.body().contains("<INFO name=\"QUERY_STATUS\" value=\"ERROR\">unknown column 'x&lt;&amp;&gt;'"),
                error.body());
        assertEquals(404, tap.get("/tap/async/" + id + "/results/result").statusCode());
        assertEquals(0, job.getElementsByTagNameNS(UWS, "result").getLength());
    }

    @Test
    void abortCancelsRunningQueriesSoTheWorkersAreFreeAgain() throws Exception {
        // Both workers busy with endless queries: a third job can only run if the ABORTs really stop them.
        List<String> endless = List.of(tap.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc(ENDLESS)),
                tap.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc(ENDLESS)));
        for (String id : endless) {
            tap.awaitPhase(id, "EXECUTING");
        }
        Thread.sleep(500);
        String next = tap.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc(FOUR_STARS));
        assertEquals("QUEUED", tap.get("/tap/async/" + next + "/phase").body());
        long t0 = System.nanoTime();
        for (String id : endless) {
            assertEquals(303, tap.post("/tap/async/" + id + "/phase", "PHASE=ABORT").statusCode());
            assertEquals("ABORTED", tap.get("/tap/async/" + id + "/phase").body());
        }
        assertEquals("COMPLETED", text(xml(tap.awaitFinished(next)), "phase"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 20, "the queued job waited " + seconds + " s after the ABORTs");
        for (String id : endless) {
            Document job = xml(tap.get("/tap/async/" + id).body());
            assertEquals("ABORTED", text(job, "phase"), "the worker's failure does not overwrite the ABORT");
            assertFalse(isNil(job, "endTime"));
            assertFalse(storedFiles.apply(id).contains("result.vot"));
        }
    }

    @Test
    void theExecutionDurationStopsTheQueryWithAnError() throws Exception {
        long t0 = System.nanoTime();
        String id = tap.createJob("PHASE=RUN&EXECUTIONDURATION=1&LANG=ADQL&QUERY=" + enc(ENDLESS));
        Document job = xml(tap.awaitFinished(id));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals("ERROR", text(job, "phase"));
        assertEquals("1", text(job, "executionDuration"));
        assertTrue(text(job, "message").contains("execution duration of 1 s"), text(job, "message"));
        assertTrue(seconds < 20, "stopped after " + seconds + " s");

        String pending = tap.createJob("LANG=ADQL&EXECUTIONDURATION=99999&QUERY=" + enc(FOUR_STARS));
        assertEquals("3600", tap.get("/tap/async/" + pending + "/executionduration").body(), "at most the maximum");
        assertEquals(303, tap.post("/tap/async/" + pending + "/executionduration", "EXECUTIONDURATION=0").statusCode());
        assertEquals("3600", tap.get("/tap/async/" + pending + "/executionduration").body(), "0 is the maximum");
        assertEquals(303, tap.post("/tap/async/" + pending + "/executionduration", "EXECUTIONDURATION=20").statusCode());
        assertEquals("20", tap.get("/tap/async/" + pending + "/executionduration").body());
        assertEquals(400, tap.post("/tap/async/" + pending + "/executionduration", "EXECUTIONDURATION=-5").statusCode());
        tap.post("/tap/async/" + pending + "/phase", "PHASE=RUN");
        xml(tap.awaitFinished(pending));
        assertEquals(409, tap.post("/tap/async/" + pending + "/executionduration", "EXECUTIONDURATION=5").statusCode());
        assertEquals(409, tap.post("/tap/async/" + pending + "/parameters", "MAXREC=1").statusCode());
    }

    @Test
    void parametersAndDestructionChangeWithinLimits() throws Exception {
        String id = tap.createJob("LANG=ADQL&QUERY=x");
        assertEquals(303, tap.post("/tap/async/" + id + "/parameters", "QUERY=" + enc(FOUR_STARS) + "&MaxRec=3")
                .statusCode());
        assertEquals(Map.of("lang", "ADQL", "query", FOUR_STARS, "maxrec", "3"),
                parameters(xml(tap.get("/tap/async/" + id + "/parameters").body())));
        Instant created = Instant.parse(text(xml(tap.get("/tap/async/" + id).body()), "creationTime"));
        assertEquals(303, tap.post("/tap/async/" + id + "/destruction", "DESTRUCTION=2999-01-01T00:00:00Z").statusCode());
        assertEquals(created.plus(Duration.ofDays(7)), Instant.parse(tap.get("/tap/async/" + id + "/destruction").body()),
                "no later than the retention allows");
        assertEquals(303, tap.post("/tap/async/" + id + "/destruction", "DESTRUCTION="
                + enc(created.plus(Duration.ofDays(1)).toString())).statusCode());
        assertEquals(created.plus(Duration.ofDays(1)), Instant.parse(tap.get("/tap/async/" + id + "/destruction").body()));
        assertEquals(400, tap.post("/tap/async/" + id + "/destruction", "DESTRUCTION=tomorrow").statusCode());
        assertEquals(400, tap.post("/tap/async/" + id + "/phase", "PHASE=SUSPEND").statusCode());
        assertEquals(400, tap.post("/tap/async", "PHASE=ABORT&LANG=ADQL&QUERY=x").statusCode());
    }

    @Test
    void deleteAndActionDeleteRemoveTheJobAndItsFiles() throws Exception {
        String first = tap.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc(FOUR_STARS));
        xml(tap.awaitFinished(first));
        assertEquals(List.of("result.vot"), storedFiles.apply(first));
        HttpResponse<String> deleted = tap.send(HttpRequest.newBuilder(tap.uri("/tap/async/" + first)).DELETE());
        assertEquals(303, deleted.statusCode());
        assertEquals(tap.base + "/tap/async", deleted.headers().firstValue("Location").orElse(""));
        assertEquals(404, tap.get("/tap/async/" + first).statusCode());
        assertEquals(404, tap.get("/tap/async/" + first + "/results/result").statusCode());
        assertEquals(List.of(), storedFiles.apply(first));
        assertEquals(404, tap.send(HttpRequest.newBuilder(tap.uri("/tap/async/" + first)).DELETE()).statusCode());

        String second = tap.createJob("LANG=ADQL&QUERY=x");
        assertEquals(400, tap.post("/tap/async/" + second, "ACTION=DESTROY").statusCode());
        HttpResponse<String> posted = tap.post("/tap/async/" + second, "ACTION=DELETE");
        assertEquals(303, posted.statusCode());
        assertEquals(tap.base + "/tap/async", posted.headers().firstValue("Location").orElse(""));
        assertEquals(404, tap.get("/tap/async/" + second + "/phase").statusCode());
        assertEquals("text/plain; charset=UTF-8", tap.get("/tap/async/" + second).headers()
                .firstValue("Content-Type").orElse(""));
    }

    /** A download cut off goes on where it stopped: one range of the result, 206, its Content-Range. */
    @Test
    void aResultIsServedInRanges() throws Exception {
        String id = tap.createJob("PHASE=RUN&LANG=ADQL&RESPONSEFORMAT=votable/td&QUERY=" + enc(FOUR_STARS));
        xml(tap.awaitFinished(id));
        String path = "/tap/async/" + id + "/results/result";
        byte[] whole = tap.getBytes(path).body();
        int n = whole.length;
        for (String[] c : new String[][] {{"bytes=10-99", "10", "99"}, {"bytes=100-", "100", String.valueOf(n - 1)},
            {"bytes=-20", String.valueOf(n - 20), String.valueOf(n - 1)}}) {
            HttpResponse<byte[]> part = HTTP.send(HttpRequest.newBuilder(tap.uri(path)).header("Range", c[0])
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            int first = Integer.parseInt(c[1]);
            int last = Integer.parseInt(c[2]);
            assertEquals(206, part.statusCode(), c[0]);
            assertEquals("bytes " + first + "-" + last + "/" + n, part.headers().firstValue("Content-Range").orElse(""));
            assertArrayEquals(java.util.Arrays.copyOfRange(whole, first, last + 1), part.body(), c[0]);
        }
        assertEquals("bytes", tap.getBytes(path).headers().firstValue("Accept-Ranges").orElse(""));
        HttpResponse<byte[]> past = HTTP.send(HttpRequest.newBuilder(tap.uri(path)).header("Range", "bytes=" + n + "-")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(416, past.statusCode());
    }

    @Test
    void theJobListFiltersByPhaseAfterAndLast() throws Exception {
        String a = tap.createJob("LANG=ADQL&QUERY=x");
        Thread.sleep(5);
        String b = tap.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc(FOUR_STARS));
        xml(tap.awaitFinished(b));
        Thread.sleep(5);
        String c = tap.createJob("RUNID=third&LANG=ADQL&QUERY=x");

        HttpResponse<String> all = tap.get("/tap/async");
        assertEquals("text/xml; charset=UTF-8", all.headers().firstValue("Content-Type").orElse(""));
        Document list = xml(all.body());
        assertEquals("jobs", list.getDocumentElement().getLocalName());
        assertTrue(jobrefs(list).keySet().containsAll(List.of(a, b, c)));
        Element ref = (Element) list.getElementsByTagNameNS(UWS, "jobref").item(0);
        assertEquals(tap.base + "/tap/async/" + c, ref.getAttributeNS("http://www.w3.org/1999/xlink", "href"),
                "newest first, absolute URLs");
        assertEquals("third", ref.getElementsByTagNameNS(UWS, "runId").item(0).getTextContent());

        assertEquals(List.of(c, b), List.copyOf(jobrefs(xml(tap.get("/tap/async?LAST=2").body())).keySet()));
        Map<String, String> pending = jobrefs(xml(tap.get("/tap/async?PHASE=PENDING").body()));
        assertTrue(pending.containsKey(a) && pending.containsKey(c) && !pending.containsKey(b), pending.toString());
        assertTrue(pending.values().stream().allMatch("PENDING"::equals));
        Map<String, String> two = jobrefs(xml(tap.get("/tap/async?PHASE=PENDING&PHASE=COMPLETED").body()));
        assertTrue(two.keySet().containsAll(List.of(a, b, c)));
        assertTrue(two.values().stream().allMatch(p -> p.equals("PENDING") || p.equals("COMPLETED")));
        String createdA = text(xml(tap.get("/tap/async/" + a).body()), "creationTime");
        assertEquals(List.of(c, b), List.copyOf(jobrefs(xml(tap.get("/tap/async?AFTER=" + enc(createdA)).body()))
                .keySet()));
        assertEquals(List.of(c), List.copyOf(jobrefs(xml(tap.get("/tap/async?LAST=1&PHASE=PENDING&AFTER="
                + enc(createdA)).body())).keySet()));
        for (String bad : new String[] {"PHASE=FINISHED", "AFTER=yesterday", "LAST=0", "LAST=many"}) {
            HttpResponse<String> r = tap.get("/tap/async?" + bad);
            assertEquals(400, r.statusCode(), bad);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), bad);
        }
    }

    @Test
    void idsThatAreNotIdsAreUnknownJobsAndTouchNoFile() throws Exception {
        Path secret = Files.writeString(data.resolve("uws/secret.txt"), "keep me");
        String id = tap.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc(FOUR_STARS));
        xml(tap.awaitFinished(id));
        for (String bad : new String[] {"..%2F..%2Fetc", "..%2Fsecret.txt", "..%2F..%2Fuws", "..%2Fresults",
                "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "ABCDEF0123456789", id + "0", "0000000000000000"}) {
            assertEquals(404, tap.get("/tap/async/" + bad).statusCode(), bad);
            assertEquals(404, tap.get("/tap/async/" + bad + "/results/result").statusCode(), bad);
            assertEquals(404, tap.send(HttpRequest.newBuilder(tap.uri("/tap/async/" + bad)).DELETE()).statusCode(), bad);
            assertEquals(404, tap.post("/tap/async/" + bad, "ACTION=DELETE").statusCode(), bad);
            assertEquals(404, tap.post("/tap/async/" + bad + "/phase", "PHASE=ABORT").statusCode(), bad);
        }
        assertEquals("keep me", Files.readString(secret));
        assertTrue(Files.isRegularFile(data.resolve(Database.FILE_NAME)));
        assertEquals(List.of("result.vot"), storedFiles.apply(id));
        assertEquals("COMPLETED", tap.get("/tap/async/" + id + "/phase").body());
    }

    @Test
    void aFullQueueAnswers503AndKeepsNoJobItRefused(@TempDir Path dir) throws Exception {
        Path small = fixture(dir);
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer one = TapServer.start(vertx, small, "127.0.0.1", 0, LIMITS,
                    new AsyncSettings(1, 1, 600, 3600, 7, 5)).await();
            TapClient s = new TapClient(one.actualPort());
            String running = s.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc(ENDLESS));
            s.awaitPhase(running, "EXECUTING");
            String queued = s.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc(FOUR_STARS));
            assertEquals("QUEUED", s.get("/tap/async/" + queued + "/phase").body());

            HttpResponse<String> refused = s.post("/tap/async", "PHASE=RUN&LANG=ADQL&QUERY=x");
            assertEquals(503, refused.statusCode());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            assertEquals(2, jobrefs(xml(s.get("/tap/async").body())).size(), "the refused job is not kept");

            String pending = s.createJob("LANG=ADQL&QUERY=x");
            assertEquals(503, s.post("/tap/async/" + pending + "/phase", "PHASE=RUN").statusCode());
            assertEquals("PENDING", s.get("/tap/async/" + pending + "/phase").body());

            s.post("/tap/async/" + running + "/phase", "PHASE=ABORT");
            assertEquals("COMPLETED", text(xml(s.awaitFinished(queued)), "phase"), "the queue moves on");
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void aRestartKeepsResultsFailsInterruptedJobsAndRunsQueuedOnes(@TempDir Path dir) throws Exception {
        Path restarted = fixture(dir);
        Vertx first = Vertx.vertx();
        TapClient s = new TapClient(TapServer.start(first, restarted, "127.0.0.1", 0, LIMITS, SETTINGS).await()
                .actualPort());
        String completed = s.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc(FOUR_STARS));
        xml(s.awaitFinished(completed));
        byte[] result = s.getBytes("/tap/async/" + completed + "/results/result").body();
        first.close().await();

        // What a crash leaves: a job EXECUTING with a partial file, and one QUEUED.
        String interrupted;
        String queued;
        try (JobStore store = JobStore.open(restarted.resolve("uws"), id -> { })) {
            Instant now = JobStore.now();
            interrupted = store.create(null, Map.of("LANG", "ADQL", "QUERY", ENDLESS), 600, now, now.plusSeconds(600))
                    .id();
            store.queue(interrupted, "test");
            store.start(interrupted, "test");
            Files.createDirectories(store.resultDir(interrupted));
            Files.writeString(store.resultDir(interrupted).resolve("result42.part"), "<VOTABLE");
            queued = store.create(null, Map.of("LANG", "ADQL", "QUERY", FOUR_STARS), 600, now, now.plusSeconds(600))
                    .id();
            store.queue(queued, "test");
        }

        Vertx second = Vertx.vertx();
        try {
            s = new TapClient(TapServer.start(second, restarted, "127.0.0.1", 0, LIMITS, SETTINGS).await().actualPort());
            assertEquals("COMPLETED", s.get("/tap/async/" + completed + "/phase").body());
            assertArrayEquals(result, s.getBytes("/tap/async/" + completed + "/results/result").body());
            Document failed = xml(s.get("/tap/async/" + interrupted).body());
            assertEquals("ERROR", text(failed, "phase"));
            assertEquals(JobStore.INTERRUPTED, text(failed, "message"));
            assertFalse(Files.exists(restarted.resolve("uws/results/" + interrupted)));
            Document ran = xml(s.awaitFinished(queued));
            assertEquals("COMPLETED", text(ran, "phase"));
            assertEquals(List.of(1L, 2L, 3L, 4L),
                    column(votable(s.getBytes("/tap/async/" + queued + "/results/result").body()), 0));
        } finally {
            second.close().await();
        }
    }

    /** A build with the ADQL fixture and 1,000 more stars, enough for endless joins. */
    private static Path fixture(Path dir) throws Exception {
        try (Staging staging = new H2Store(dir).stage(dir)) {
            Connection c = staging.connection();
            DdlScript.run(c, "/schema/alpha.sql");
            DdlScript.run(c, "/adql/fixture.sql");
            c.createStatement().execute("INSERT INTO alpha.stars (obsid, ra, dec, flags)"
                    + " SELECT x + 100, MOD(x, 360), 0, 0 FROM SYSTEM_RANGE(1, 1000)");
            DdlScript.run(c, "/schema/alpha-keys.sql");
            TapSchema.publish(staging, ColumnMetadata.load());
            staging.grantReading();
        }
        return dir;
    }

    private static Document xml(String doc) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Document doc, String element) {
        NodeList found = doc.getElementsByTagNameNS(UWS, element);
        assertEquals(1, found.getLength(), "one uws:" + element);
        return found.item(0).getTextContent();
    }

    private static boolean isNil(Document doc, String element) {
        Element e = (Element) doc.getElementsByTagNameNS(UWS, element).item(0);
        return "true".equals(e.getAttributeNS(XSI, "nil")) && e.getTextContent().isEmpty();
    }

    private static Map<String, String> parameters(Document doc) {
        Map<String, String> out = new java.util.HashMap<>();
        NodeList ps = doc.getElementsByTagNameNS(UWS, "parameter");
        for (int i = 0; i < ps.getLength(); i++) {
            out.put(((Element) ps.item(i)).getAttribute("id"), ps.item(i).getTextContent());
        }
        return out;
    }

    /** Job id → phase, in the list's order. */
    private static Map<String, String> jobrefs(Document list) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        NodeList refs = list.getElementsByTagNameNS(UWS, "jobref");
        for (int i = 0; i < refs.getLength(); i++) {
            Element ref = (Element) refs.item(i);
            out.put(ref.getAttribute("id"), ref.getElementsByTagNameNS(UWS, "phase").item(0).getTextContent());
        }
        return out;
    }

    private static StarTable votable(byte[] doc) throws Exception {
        return new VOTableBuilder().makeStarTable(new ByteArrayDataSource("result", doc), false,
                StoragePolicy.PREFER_MEMORY);
    }

    private static List<Long> column(StarTable t, int col) throws Exception {
        List<Long> out = new ArrayList<>();
        try (var rows = t.getRowSequence()) {
            while (rows.next()) {
                out.add(((Number) rows.getCell(col)).longValue());
            }
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

package org.alphatap.web;

import static org.alphatap.web.TapClient.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alphatap.adql.CaseFiles;
import org.alphatap.predict.BuiltFixture;
import org.alphatap.predict.PredictSettings;
import org.alphatap.store.Fixture;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.alphatap.web.FuzzRequest.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never breaks the service: thousands of seeded requests, from a few clients at once,
 * each sent byte for byte over a socket with a 10 s deadline. ADQL mutated from the case files
 * and the DALI examples, by GET, POST and as async jobs; malformed parameters of every endpoint;
 * bad uploads; bodies of /predict that are no table of stars. No answer may be a 5xx, come late,
 * be cut off, or refuse without a well-formed error document; afterwards the service answers as
 * before. A failure names the request exactly; {@code -Dfuzz.seed=N} draws other requests.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20251125L);
    private static final int CLIENTS = 4;
    private static final long TIMEOUT_MS = 10_000;
    private static final long UPLOAD_LIMIT = 16 << 10;
    private static final int PREDICT_ROWS = 1000;
    /** Small limits, so that going past them is cheap; a 2 s sync timeout for the queries mutated into cross joins. */
    private static final SyncQuery.Limits LIMITS = new SyncQuery.Limits(100, 1000, 2, UPLOAD_LIMIT,
            SyncQuery.Limits.DEFAULT_CACHE_MB, SyncQuery.Limits.DEFAULT_MAX_CONE_RADIUS, 64 << 10,
            SyncQuery.Limits.DEFAULT_SYNC_SLOTS);
    /** Jobs stopped after 5 s, WAITs of at most 5 s, room in the queue for every job of the test. */
    private static final AsyncSettings ASYNC = new AsyncSettings(2, 1000, 5, 10, 1, 5);
    private static final Pattern PHASE = Pattern.compile("<uws:phase>(\\w+)</uws:phase>");

    private static HttpServer tap;
    private static HttpServer predict;
    private static AdqlMutator adql;
    private static MalformedRequests malformed;

    /** One fuzz case: the requests it sends, drawn from {@code rnd}. */
    private interface Case {
        void run(Random rnd, int index) throws Broken;
    }

    /** An answer that breaks the rules, with the request to replay. */
    private static final class Broken extends Exception {
        Broken(String problem, FuzzRequest request) {
            super(problem + "\n    request " + request.replay());
        }
    }

    @BeforeAll
    static void start(Vertx vertx, @TempDir Path dir) throws Exception {
        Path tapDir = Files.createDirectories(dir.resolve("tap"));
        Fixture.write(tapDir);
        tap = TapServer.start(vertx, tapDir, "127.0.0.1", 0, LIMITS, ASYNC).await();
        predict = TapServer.start(vertx, BuiltFixture.copyTo(Files.createDirectories(dir.resolve("predict"))),
                "127.0.0.1", 0, LIMITS, ASYNC, new PredictSettings(PREDICT_ROWS)).await();
        List<String> seeds = new ArrayList<>(CaseFiles.examples().values());
        for (String cases : List.of("/adql/run", "/adql/syntax", "/adql/hostile")) {
            seeds.addAll(CaseFiles.queries(cases));
        }
        adql = new AdqlMutator(seeds);
        String job = new TapClient(tap.actualPort()).createJob("LANG=ADQL&QUERY="
                + enc("SELECT TOP 1 obsid FROM alpha.stars"));
        malformed = new MalformedRequests("/tap/async/" + job);
    }

    @AfterAll
    static void stop() {
        tap.close().await();
        predict.close().await();
    }

    @Test
    @Order(1)
    void mutatedAdqlByGet() throws Exception {
        fuzz("adql-get", 2000, (rnd, i) -> exchange(tap, FuzzRequest.get("adql-get", i,
                "/tap/sync?LANG=ADQL&QUERY=" + enc(adql.next(rnd)), Errors.TAP)));
    }

    @Test
    @Order(2)
    void mutatedAdqlByPost() throws Exception {
        fuzz("adql-post", 2000, (rnd, i) -> exchange(tap, FuzzRequest.form("adql-post", i, "/tap/sync",
                "REQUEST=doQuery&LANG=ADQL&QUERY=" + enc(adql.next(rnd)), Errors.TAP)));
    }

    @Test
    @Order(3)
    void malformedParameters() throws Exception {
        fuzz("params", 1500, (rnd, i) -> exchange(tap, malformed.parameters(rnd, i)));
    }

    @Test
    @Order(4)
    void badUploads() throws Exception {
        fuzz("upload", 300, (rnd, i) -> exchange(tap, malformed.upload(rnd, i, UPLOAD_LIMIT)));
    }

    @Test
    @Order(5)
    void badPredictRequests() throws Exception {
        fuzz("predict", 1000, (rnd, i) -> exchange(predict, malformed.predict(rnd, i, PREDICT_ROWS)));
    }

    @Test
    @Order(6)
    void mutatedAdqlAsAsyncJobs() throws Exception {
        fuzz("async", 150, FuzzTest::job);
    }

    /** What the fuzzer found once, each by one request, with the answer the service now gives. */
    @Test
    @Order(7)
    void whatItFoundStaysFixed() throws Exception {
        for (int i = 0; i <= LIMITS.syncSlots(); i++) {
            // Each once took a sync slot for good.
            assertAnswer(FuzzRequest.get("found", i, "/tap/sync?LANG=ADQL&QUERY=%zz", Errors.TAP), 400,
                    "the query string cannot be decoded");
        }
        assertAnswer(FuzzRequest.get("found", 10, "/tap/sync?LANG=ADQL&QUERY=" + enc("SELECT * FROM alpha.members"
                + " NATURAL JOIN (SELECT feh, obsid FROM alpha.stars) AS s"), Errors.TAP), 200, "");
        assertAnswer(FuzzRequest.get("found", 11, "/tap/sync?LANG=ADQL&QUERY=" + enc("SELECT 1e999 * 1e999"
                + " + 0xFFFFFFFFFFFFFFFF AS x FROM alpha.stars WHERE obsid = 1"), Errors.TAP), 400,
                "the query failed while its rows were computed");
        assertAnswer(FuzzRequest.get("found", 12, "/tap/sync?LANG=ADQL&QUERY=" + enc("SELECT \uffff"), Errors.TAP),
                400, "unexpected character");
        assertAnswer(FuzzRequest.get("found", 13, "/tap/sync?LANG=ADQL&QUERY=" + "x".repeat(5000), Errors.TAP), 414,
                "send a long query by POST");
        assertAnswer(new FuzzRequest("found", 14, "TRACE", "/tap/sync", "multipart/form-data", new byte[0], Errors.TAP),
                400, "missing parameter LANG");
        assertAnswer(new FuzzRequest("found", 15, "POST", "/tap/sync", "multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"t\"; filename=\"t.xml\"\r\n\r\n<VOTABLE>".getBytes(
                StandardCharsets.UTF_8), Errors.TAP), 400, "the multipart/form-data body ends inside a part");
        assertAnswer(FuzzRequest.get("found", 16, "/scs/stars?RA=%zz&DEC=1&SR=1", Errors.SCS), 200,
                "the query string cannot be decoded");
        assertAnswer(new FuzzRequest("found", 17, "DELETE", "/predict?RESPONSEFORMAT=json", null, null,
                Errors.PREDICT_JSON), 405, "DELETE is not a method of /predict");
    }

    private static void assertAnswer(FuzzRequest request, int status, String message) throws Broken {
        RawHttp.Answer answer = exchange(request.errors() == Errors.PREDICT_JSON ? predict : tap, request);
        assertEquals(status, answer.status(), request.replay() + "\n" + answer.text());
        assertTrue(answer.text().contains(message), request.replay() + "\n" + answer.text());
    }

    @Test
    @Order(8)
    void afterwardsTheServiceAnswersNormally() throws Exception {
        TapClient client = new TapClient(tap.actualPort());
        String ok = client.get("/tap/sync?LANG=ADQL&QUERY=" + enc("SELECT TOP 2 obsid FROM alpha.stars")).body();
        assertTrue(ok.contains("QUERY_STATUS\" value=\"OK\""), ok);
        assertEquals(200, client.get("/scs/stars?RA=150&DEC=30&SR=0.5").statusCode());
        assertTrue(client.awaitFinished(client.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc("SELECT 1 AS x FROM"
                + " alpha.gradients"))).contains("<uws:phase>COMPLETED</uws:phase>"));
        assertEquals(200, new TapClient(predict.actualPort()).get("/predict?teff=5000&logg=4.4&feh=0").statusCode());
    }

    /**
     * An async job of mutated ADQL: created with PHASE=RUN, awaited with WAIT, then its result or
     * error fetched; every answer checked, and a job created must end within 20 s.
     */
    private static void job(Random rnd, int index) throws Broken {
        FuzzRequest create = FuzzRequest.form("async", index, "/tap/async", "PHASE=RUN&LANG=ADQL&QUERY="
                + enc(adql.next(rnd)), Errors.UWS);
        RawHttp.Answer created = exchange(tap, create);
        if (created.status() != 303) {
            return; // refused, with an error document that exchange checked (a body past the limit, say)
        }
        String job = URI.create(created.headers().get("location")).getPath();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String phase;
        FuzzRequest wait = FuzzRequest.get("async", index, job + "?WAIT=5", Errors.UWS);
        do {
            Matcher m = PHASE.matcher(exchange(tap, wait).text());
            phase = m.find() ? m.group(1) : "missing";
        } while (List.of("PENDING", "QUEUED", "EXECUTING").contains(phase) && System.nanoTime() < end);
        if (!phase.equals("COMPLETED") && !phase.equals("ERROR")) {
            throw new Broken("the job is " + phase + " after 20 s", wait);
        }
        FuzzRequest outcome = FuzzRequest.get("async", index, job + (phase.equals("ERROR") ? "/error"
                : "/results/result"), Errors.UWS);
        RawHttp.Answer answer = exchange(tap, outcome);
        if (answer.status() != 200) {
            throw new Broken("HTTP " + answer.status() + " for the " + phase + " job's outcome", outcome);
        }
    }

    /** Runs {@code count} cases from {@link #CLIENTS} threads; each case's random numbers depend on its index alone. */
    private static void fuzz(String kind, int count, Case fuzzCase) throws Exception {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> cases = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                cases.add(clients.submit(() -> {
                    try {
                        fuzzCase.run(new Random(SEED * 1_000_003L + kind.hashCode() * 65_537L + index), index);
                    } catch (Broken e) {
                        failures.add(e.getMessage());
                    }
                }));
            }
            for (Future<?> c : cases) {
                c.get();
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.printf("fuzz %s: %d cases in %.1f s, %d failed%n", kind, count, (System.nanoTime() - t0) / 1e9,
                failures.size());
        assertTrue(failures.isEmpty(), failures.size() + " of " + count + " " + kind + " cases (seed " + SEED
                + ") broke the rules; the first:\n" + String.join("\n", failures.subList(0, Math.min(10,
                failures.size()))));
    }

    /** Sends {@code request}; an answer that is late, cut off, a 5xx or no proper error document is {@link Broken}. */
    private static RawHttp.Answer exchange(HttpServer server, FuzzRequest request) throws Broken {
        RawHttp.Answer answer;
        try {
            answer = RawHttp.exchange(server.actualPort(), request.bytes(), TIMEOUT_MS);
        } catch (SocketTimeoutException e) {
            throw new Broken("no answer within " + TIMEOUT_MS + " ms", request);
        } catch (IOException e) {
            throw new Broken("the answer was broken off: " + e.getMessage(), request);
        }
        String problem = ErrorDocuments.problem(request, answer);
        if (problem != null) {
            throw new Broken(problem, request);
        }
        return answer;
    }
}

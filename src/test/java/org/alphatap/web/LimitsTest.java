package org.alphatap.web;

import static org.alphatap.web.TapClient.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.alphatap.store.Fixture;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every limit of the service reached through the real server and a real HTTP client: what the
 * client is told, and that cone searches stay fast while heavy queries fill every sync slot and
 * async worker. The fixture is small; the heavy queries are cross joins of TAP_SCHEMA's 200 columns.
 */
@ExtendWith(VertxExtension.class)
class LimitsTest {
    private static final int SYNC_TIMEOUT = 5;
    private static final long BODY_LIMIT = 64 << 10;
    private static final long UPLOAD_LIMIT = 16 << 10;
    /** Two sync slots, a wait of 1 s for one; two async workers with room for one more job in the queue; 8 s per job. */
    private static final SyncQuery.Limits LIMITS = new SyncQuery.Limits(1000, 50, SYNC_TIMEOUT, UPLOAD_LIMIT,
            SyncQuery.Limits.DEFAULT_CACHE_MB, SyncQuery.Limits.DEFAULT_MAX_CONE_RADIUS, BODY_LIMIT, 2, 1);
    private static final AsyncSettings ASYNC = new AsyncSettings(2, 1, 8, 60, 1, 5);
    /** 8 million rows sorted by a string built for each: all the work before the first row. */
    private static final String HUGE_SORT = "SELECT a.column_name, b.column_name FROM tap_schema.columns AS a,"
            + " tap_schema.columns AS b, tap_schema.columns AS c"
            + " ORDER BY a.description || b.description || c.description";
    /** 1.6 billion rows of which none passes: lazily executed, it fails at its first row, not at execute. */
    private static final String JOIN_FINDING_NOTHING = "SELECT a.column_name FROM tap_schema.columns AS a,"
            + " tap_schema.columns AS b, tap_schema.columns AS c, tap_schema.columns AS d"
            + " WHERE a.column_index + b.column_index + c.column_index + d.column_index < -1";
    private static final String COUNT_OF_A_HUGE_JOIN = "SELECT COUNT(*) AS n FROM tap_schema.columns AS a,"
            + " tap_schema.columns AS b, tap_schema.columns AS c, tap_schema.columns AS d";
    private static final String CONE = "/scs/stars?RA=150&DEC=30&SR=0.1";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static HttpServer server;
    private static TapClient tap;

    @BeforeAll
    static void start(Vertx vertx, @TempDir Path dir) throws Exception {
        Fixture.write(dir);
        server = TapServer.start(vertx, dir, "127.0.0.1", 0, LIMITS, ASYNC).await();
        tap = new TapClient(server.actualPort());
    }

    @AfterAll
    static void stop() {
        server.close().await();
    }

    /**
     * The load is cross joins, which keep the CPU busy without filling the heap; a huge sort (below)
     * holds its rows in memory, and the garbage collector's pauses stop every thread, cones too.
     */
    @Test
    void heavyQueriesOnEverySlotAndWorkerAreStoppedAtTheirLimitsAndConesStayFast() throws Exception {
        HttpClient coneClient = HttpClient.newHttpClient();
        for (int i = 0; i < 200; i++) {
            coneMillis(coneClient); // warm-up: classes loaded, code compiled, pages cached
        }
        List<String> jobs = List.of(tap.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc(COUNT_OF_A_HUGE_JOIN)),
                tap.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc(JOIN_FINDING_NOTHING)));
        for (String job : jobs) {
            tap.awaitPhase(job, "EXECUTING");
        }
        String queued = tap.createJob("PHASE=RUN&LANG=ADQL&QUERY=" + enc("SELECT TOP 1 obsid FROM alpha.stars"));
        assertEquals("QUEUED", tap.get("/tap/async/" + queued + "/phase").body(), "both workers busy: it waits");
        HttpResponse<String> queueFull = tap.post("/tap/async", "PHASE=RUN&LANG=ADQL&QUERY=" + enc("SELECT 1 AS x"));
        assertEquals(503, queueFull.statusCode(), queueFull.body());
        assertEquals("60", queueFull.headers().firstValue("Retry-After").orElse(""));
        assertTrue(queueFull.body().contains("the async queue is full (1 jobs waiting)"), queueFull.body());

        // Three heavy sync queries for two slots: the third waits its second for a slot, then is
        // refused, told to come back before the others reach their time limit; the others run.
        List<CompletableFuture<HttpResponse<String>>> heavy = new ArrayList<>();
        for (String q : List.of(JOIN_FINDING_NOTHING, JOIN_FINDING_NOTHING, COUNT_OF_A_HUGE_JOIN)) {
            heavy.add(syncAsync(q));
        }
        double[] millis = new double[40];
        try {
            HttpResponse<?> first = (HttpResponse<?>) CompletableFuture.anyOf(heavy.toArray(CompletableFuture[]::new))
                    .get(SYNC_TIMEOUT - 1, TimeUnit.SECONDS);
            assertEquals(503, first.statusCode(), "the query without a slot is the first answered");
            int retry = Integer.parseInt(first.headers().firstValue("Retry-After").orElse("0"));
            assertTrue(retry >= 1 && retry < SYNC_TIMEOUT, "Retry-After " + retry);
            assertVotableError((String) first.body(), "all 2 sync query slots stayed busy for 1 s");
            // Its own client, so its own connection: the cones share nothing with the heavy queries' clients.
            for (int i = 0; i < millis.length; i++) {
                millis[i] = coneMillis(coneClient);
            }
            assertEquals(1, heavy.stream().filter(CompletableFuture::isDone).count(), "cones measured under load");
            for (String job : jobs) {
                assertEquals("EXECUTING", tap.phase(job), "cones measured under load");
            }
        } finally {
            int timedOut = 0;
            for (CompletableFuture<HttpResponse<String>> h : heavy) {
                HttpResponse<String> r = h.get(30, TimeUnit.SECONDS);
                if (r.statusCode() != 503) {
                    assertTimedOut(r);
                    timedOut++;
                }
            }
            assertEquals(2, timedOut);
            for (String job : jobs) {
                assertStoppedAtTheExecutionDuration(job, 8);
            }
            assertTrue(tap.awaitFinished(queued).contains("<uws:phase>COMPLETED</uws:phase>"), "the queue moves on");
        }
        Arrays.sort(millis);
        System.out.printf("cone latency under load, ms: median %.1f, max %.1f%n", millis[millis.length / 2],
                millis[millis.length - 1]);
        // 38 of the 40 cones within 100 ms, and none stalled: on 2 cores busy with 4 heavy queries,
        // one cone in a run has been seen at 201 ms (a collector pause or the scheduler; the rest
        // of that run stayed under 26 ms).
        int p95 = (int) Math.ceil(0.95 * millis.length) - 1;
        assertTrue(millis[p95] < 100 && millis[millis.length - 1] < 1000, "cones under load, ms, sorted: "
                + Arrays.toString(millis));
    }

    @Test
    void aHugeSortIsStoppedAtTheSyncTimeoutAndAtTheExecutionDuration() throws Exception {
        assertTimedOut(syncAsync(HUGE_SORT).get(30, TimeUnit.SECONDS));
        assertStoppedAtTheExecutionDuration(tap.createJob("PHASE=RUN&EXECUTIONDURATION=2&LANG=ADQL&QUERY="
                + enc(HUGE_SORT)), 2);
    }

    @Test
    void aMaxrecAboveTheHardLimitIsLoweredToItAndSaysOverflow() throws Exception {
        HttpResponse<String> r = tap.get("/tap/sync?LANG=ADQL&RESPONSEFORMAT=csv&MAXREC=1000000&QUERY="
                + enc("SELECT column_name FROM tap_schema.columns"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1 + 50, r.body().lines().count(), "the header and the hard limit of 50 rows");
        HttpResponse<String> votable = tap.get("/tap/sync?LANG=ADQL&MAXREC=1000000&QUERY="
                + enc("SELECT column_name FROM tap_schema.columns"));
        assertTrue(votable.body().contains("QUERY_STATUS\" value=\"OVERFLOW\""), votable.body());
    }

    @Test
    void aLongQueryInAFormIsWelcomeUpToTheBodyLimitAndRefusedPastIt() throws Exception {
        StringBuilder ids = new StringBuilder("0");
        for (int i = 1; i < 4000; i++) {
            ids.append(", ").append(i);
        }
        String longQuery = "SELECT obsid FROM alpha.stars WHERE obsid IN (" + ids + ")";
        assertTrue(longQuery.length() > 20_000 && longQuery.length() < BODY_LIMIT);
        HttpResponse<String> r = tap.post("/tap/sync", "LANG=ADQL&RESPONSEFORMAT=csv&QUERY=" + enc(longQuery));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(5, r.body().lines().count());

        String tooLong = "LANG=ADQL&QUERY=" + "x".repeat((int) BODY_LIMIT);
        for (String path : List.of("/tap/sync", "/tap/async")) {
            // On the shared client: the answer says Connection: close, so its pool does not reuse
            // the connection the service closes (before it said so, a reused one met the close once in CI).
            HttpResponse<String> refused = tap.post(path, tooLong);
            assertEquals(413, refused.statusCode(), path);
            assertVotableError(refused.body(), "the request body is larger than the limit of 65536 bytes");
        }
        assertEquals(200, tap.get("/tap/sync?LANG=ADQL&QUERY=" + enc("SELECT TOP 1 obsid FROM alpha.stars"))
                .statusCode(), "still serving");
    }

    @Test
    void anUploadPastItsLimitIs413() throws Exception {
        String boundary = "limits-test";
        String table = "<VOTABLE><RESOURCE><TABLE><FIELD name=\"x\" datatype=\"int\"/><DATA><TABLEDATA>"
                + "<TR><TD>1</TD></TR>".repeat(1200) + "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
        assertTrue(table.length() > UPLOAD_LIMIT && table.length() < BODY_LIMIT);
        String body = field(boundary, "LANG", "ADQL") + field(boundary, "UPLOAD", "mine,param:t")
                + field(boundary, "QUERY", "SELECT * FROM TAP_UPLOAD.mine") + "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"t\"; filename=\"t.xml\"\r\n\r\n" + table + "\r\n--"
                + boundary + "--\r\n";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(tap.uri("/tap/sync"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertVotableError(r.body(), "the upload mine is larger than the limit of 16384 bytes");
    }

    /**
     * A client that goes on sending past the body limit gets its 413 while it sends, and the
     * connection is closed once the service has dropped as much again: it does not read on forever.
     */
    @Test
    void aBodyFarPastTheLimitIsAnsweredThenCutOff() throws Exception {
        for (boolean chunked : new boolean[] {false, true}) {
            try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /tap/sync HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\n"
                        + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + (1L << 30)) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> readAll(socket));
                send(out, "LANG=ADQL&QUERY=".getBytes(StandardCharsets.US_ASCII), chunked);
                byte[] chunk = new byte[64 << 10];
                Arrays.fill(chunk, (byte) 'x');
                long sent = 0;
                try {
                    while (sent < 256 << 20) {
                        send(out, chunk, chunked);
                        sent += chunk.length;
                    }
                } catch (IOException cutOff) {
                    // What the test waits for.
                }
                String what = chunked ? "chunked" : "sized";
                // The socket buffers of both ends hold a few MB besides what the service read.
                assertTrue(sent < 32 << 20, what + ": the service took " + (sent >> 20) + " MiB without closing");
                String response = answer.get(20, TimeUnit.SECONDS);
                assertTrue(response.startsWith("HTTP/1.1 413"), what + ": " + response);
                assertTrue(response.contains("QUERY_STATUS\" value=\"ERROR\">the request body is larger"), response);
            }
        }
    }

    /**
     * A body the service refused unread ends its connection: the answer says {@code Connection:
     * close}, and once the client has sent the rest the service closes it, so that no client sends
     * its next request on it.
     */
    @Test
    void aRefusedBodyEndsItsConnection() throws Exception {
        // Past the limit, but by less than the service drops before it cuts a connection off.
        byte[] body = ("LANG=ADQL&QUERY=" + "x".repeat((int) BODY_LIMIT + 1000)).getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /tap/sync HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> readAll(socket));
            out.write(body);
            out.flush();
            // readAll returns at the end of the stream: the service closed the connection.
            String response = answer.get(20, TimeUnit.SECONDS);
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close\r\n"), response);
            assertTrue(response.contains("the request body is larger than the limit"), response);
        }
    }

    /**
     * A client that opens a connection and goes silent halfway through its headers is cut off once
     * the connection has been idle past the longest silence a request may need (a sync query's
     * run, a WAIT), not held for ever; a slow sender keeps no connection either way.
     */
    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        int idle = TapServer.idleSeconds(LIMITS, ASYNC);
        assertTrue(idle > Math.max(SYNC_TIMEOUT, ASYNC.maxWait()));
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            socket.setSoTimeout((idle + 20) * 1000);
            socket.getOutputStream().write("GET /tap/availability HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            assertEquals(-1, socket.getInputStream().read(), "closed, with nothing sent");
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds > Math.max(SYNC_TIMEOUT, ASYNC.maxWait()), "not before a WAIT could end: " + seconds);
        }
    }

    /** Bytes of a body, framed as a chunk if it is chunked. */
    private static void send(OutputStream out, byte[] bytes, boolean chunked) throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(bytes);
        if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static String readAll(Socket socket) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (InputStream in = socket.getInputStream()) {
            in.transferTo(got);
        } catch (IOException reset) {
            // The connection is cut under the client's sending: what came before is the answer.
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    private static double coneMillis(HttpClient client) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(tap.uri(CONE)).build(),
                HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - t0) / 1e6;
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<TR>") || r.body().contains("<BINARY2>"), r.body());
        return millis;
    }

    private static CompletableFuture<HttpResponse<String>> syncAsync(String adql) {
        return HTTP.sendAsync(HttpRequest.newBuilder(tap.uri("/tap/sync?LANG=ADQL&QUERY=" + enc(adql)))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertTimedOut(HttpResponse<String> r) {
        assertEquals(408, r.statusCode(), r.body());
        assertVotableError(r.body(), "the query ran longer than the limit of " + SYNC_TIMEOUT + " s; use /async");
    }

    private static void assertStoppedAtTheExecutionDuration(String job, int seconds) throws Exception {
        String doc = tap.awaitFinished(job);
        String message = "execution duration of " + seconds + " s and was stopped";
        assertTrue(doc.contains("<uws:phase>ERROR</uws:phase>") && doc.contains(message), doc);
        assertVotableError(tap.get("/tap/async/" + job + "/error").body(), message);
    }

    private static void assertVotableError(String body, String message) {
        assertTrue(body.contains("<INFO name=\"QUERY_STATUS\" value=\"ERROR\">") && body.contains(message), body);
    }

    private static String field(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }
}

package org.alphatap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.alphatap.store.Fixture;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job ids, result names, table names, figure names, parameters and upload names that point outside
 * the data directory, sent to the real server: each gets a 404 or 400, no answer shows what lies outside
 * (a canary file beside the data directory, /etc/passwd), and nothing new appears beside it.
 */
@ExtendWith(VertxExtension.class)
class PathTraversalTest {
    private static final String CANARY = "canary-7f3a: this file is outside the data directory";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /** Ids and names as they go into the URL path, some percent-encoded on purpose. */
    private static final List<String> HOSTILE_NAMES = List.of("../../etc/passwd", "..%2F..%2Fcanary.txt",
            "%2e%2e%2f%2e%2e%2fcanary.txt", "%2e%2e", "..", "%2Fetc%2Fpasswd", "..%5C..%5Ccanary.txt",
            "%252e%252e%252fcanary.txt", "0123456789abcdef%00", "0123456789abcdef%2F..%2F..", "0123456789ABCDEF",
            "%C3%A9t%C3%A9%E2%80%AE", "a".repeat(3000));
    private static final List<String> JOB_PARTS = List.of("", "/phase", "/executionduration", "/destruction", "/error",
            "/quote", "/owner", "/parameters", "/results", "/results/result");

    @TempDir
    static Path root;
    private static Path data;
    private static HttpServer server;
    private static String job;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        data = Files.createDirectory(root.resolve("data"));
        Fixture.write(data);
        Files.writeString(root.resolve("canary.txt"), CANARY);
        server = TapServer.start(vertx, data, "127.0.0.1", 0, new SyncQuery.Limits(1000, 2000, 10),
                AsyncSettings.defaults()).await();
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/tap/async"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("PHASE=RUN&LANG=ADQL&QUERY="
                        + URLEncoder.encode("SELECT obsid FROM alpha.stars", StandardCharsets.UTF_8))));
        assertEquals(303, created.statusCode());
        String location = created.headers().firstValue("Location").orElseThrow();
        job = location.substring(location.lastIndexOf('/') + 1);
        for (int i = 0; i < 60 && !get("/tap/async/" + job + "/phase").body().equals("COMPLETED"); i++) {
            get("/tap/async/" + job + "?WAIT=1");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close().await();
        try (Stream<Path> beside = Files.list(root)) {
            assertEquals(Set.of("data", "canary.txt"), Set.copyOf(beside.map(p -> p.getFileName().toString()).toList()),
                    "nothing was written beside the data directory");
        }
        assertEquals(CANARY, Files.readString(root.resolve("canary.txt")));
    }

    @Test
    void hostileJobIdsAreNoJobs() throws Exception {
        for (String id : HOSTILE_NAMES) {
            for (String part : JOB_PARTS) {
                refused(get("/tap/async/" + id + part));
            }
            refused(post("/tap/async/" + id + "/phase", "PHASE=RUN"));
            refused(post("/tap/async/" + id, "ACTION=DELETE"));
            refused(send(HttpRequest.newBuilder(uri("/tap/async/" + id)).DELETE()));
        }
    }

    @Test
    void hostileResultNamesAreNoResults() throws Exception {
        assertEquals(200, get("/tap/async/" + job + "/results/result").statusCode(), "the real result is there");
        // A lone dot-dot segment is path syntax, not a name (RFC 3986): results/.. is the job itself.
        for (String name : HOSTILE_NAMES.stream().filter(n -> !n.equals("..") && !n.equals("%2e%2e")).toList()) {
            refused(get("/tap/async/" + job + "/results/" + name));
            refused(get("/tap/async/" + job + "/results/result/" + name));
        }
        HttpResponse<String> up = get("/tap/async/" + job + "/results/%2e%2e");
        assertEquals(200, up.statusCode());
        assertTrue(up.body().contains("<uws:jobId>" + job + "</uws:jobId>"), up.body());
    }

    @Test
    void hostileTableNamesAndParametersReadNoFile() throws Exception {
        for (String name : HOSTILE_NAMES) {
            refused(get("/tap/tables/" + name));
            HttpResponse<String> cone = get("/scs/stars?RA=" + name + "&DEC=0&SR=1");
            assertTrue(cone.body().contains("name=\"Error\""), cone.body());
            assertNothingLeaked(cone);
            HttpResponse<String> predicted = get("/predict?teff=" + name + "&logg=4&feh=0");
            assertTrue(predicted.statusCode() >= 400, predicted.body());
            assertNothingLeaked(predicted);
        }
    }

    @Test
    void hostilePlotNamesAreNoFigures() throws Exception {
        // A lone dot-dot segment is path syntax (RFC 3986): plots/.. is the landing page.
        for (String name : HOSTILE_NAMES.stream().filter(n -> !n.equals("..") && !n.equals("%2e%2e")).toList()) {
            refused(get("/plots/" + name));
            refused(get("/plots/" + name + ".png"));
            refused(get("/plots/" + name + "%2Fgradient-o.png"));
        }
        for (String name : List.of("fig2_o.png", "gradient-o.gif", "gradient-o", "gradient-xx.svg", "clustermap-o.png.png")) {
            refused(get("/plots/" + name));
        }
    }

    @Test
    void uploadNamesThatAreNotPlainWordsAreRefused() throws Exception {
        String query = "SELECT * FROM TAP_UPLOAD.x";
        for (String upload : new String[] {"../x,param:x", "/etc/passwd,param:x", "x/../y,param:x"}) {
            HttpResponse<String> r = multipart("/tap/sync", query, upload, "x");
            assertEquals(400, r.statusCode(), upload);
            assertTrue(r.body().contains("cannot be a table name"), r.body());
        }
        for (String upload : new String[] {"x,param:../canary.txt", "x,param:/etc/passwd", "x,file:///etc/passwd",
            "x,file:" + root.resolve("canary.txt")}) {
            HttpResponse<String> r = multipart("/tap/sync", query, upload, "x");
            assertEquals(400, r.statusCode(), upload);
            assertNothingLeaked(r);
        }
        HttpResponse<String> job = multipart("/tap/async", query, "x,param:../x", "../x");
        assertEquals(400, job.statusCode(), job.body());
        assertTrue(job.body().contains("part names must be letters, digits, _ or -"), job.body());
    }

    private static void refused(HttpResponse<String> r) {
        assertTrue(r.statusCode() == 404 || r.statusCode() == 400, r.statusCode() + " for " + r.uri());
        assertNothingLeaked(r);
    }

    private static void assertNothingLeaked(HttpResponse<String> r) {
        assertFalse(r.body().contains("canary-7f3a") || r.body().contains("root:"), r.uri() + ": " + r.body());
    }

    /** A multipart POST: the query, the UPLOAD parameter and a one-row VOTable in a part called {@code part}. */
    private static HttpResponse<String> multipart(String path, String query, String upload, String part)
            throws Exception {
        String boundary = "hostile-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : new String[][] {{"LANG", "ADQL"}, {"QUERY", query}, {"UPLOAD", upload}}) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0]
                    + "\"\r\n\r\n" + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part
                + "\"; filename=\"t.xml\"\r\nContent-Type: application/x-votable+xml\r\n\r\n<VOTABLE><RESOURCE><TABLE>"
                + "<FIELD name=\"a\" datatype=\"int\"/><DATA><TABLEDATA><TR><TD>1</TD></TR></TABLEDATA></DATA>"
                + "</TABLE></RESOURCE></VOTABLE>\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)));
    }

    private static HttpResponse<String> post(String path, String form) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }
}

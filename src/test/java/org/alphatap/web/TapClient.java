package org.alphatap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A service on a loopback port seen through a real HTTP client: requests, and async jobs awaited. */
final class TapClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Longer than any limit a test sets, shorter than a hung test run. */
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    final String base;

    TapClient(int port) {
        base = "http://127.0.0.1:" + port;
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)));
    }

    CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return HTTP.sendAsync(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String form) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A multipart/form-data POST: the fields in order, then one file part called {@code part}
     * holding {@code content}.
     */
    HttpResponse<byte[]> postMultipart(String path, Map<String, String> fields, String part, String content)
            throws Exception {
        String boundary = "alphatap-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + part + ".xml\"\r\nContent-Type: application/x-votable+xml\r\n\r\n" + content + "\r\n--" + boundary
                + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Creates an async job from a form and returns its id. */
    String createJob(String form) throws Exception {
        HttpResponse<String> r = post("/tap/async", form);
        assertEquals(303, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    String phase(String id) throws Exception {
        return get("/tap/async/" + id + "/phase").body();
    }

    void awaitPhase(String id, String phase) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!phase(id).equals(phase)) {
            if (System.nanoTime() > end) {
                fail("job " + id + " is not " + phase + " after 20 s");
            }
            Thread.sleep(20);
        }
    }

    /** The job's document once it has finished (a WAIT returns at a phase change). */
    String awaitFinished(String id) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            String job = get("/tap/async/" + id + "?WAIT=5").body();
            if (!job.matches("(?s).*<uws:phase>(PENDING|QUEUED|EXECUTING)</uws:phase>.*")) {
                return job;
            }
        }
        return fail("job " + id + " did not finish within 60 s");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

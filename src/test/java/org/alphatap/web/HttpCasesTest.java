package org.alphatap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.alphatap.store.Fixture;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One HTTP exchange per file in {@code src/test/resources/http/}: comment lines ({@code #}), the
 * request line and its headers, {@code ---}, then what must come back, one line each:
 * {@code status: N}, {@code header: Name: exact value}, {@code header-contains: Name: part},
 * {@code body: part}, {@code body-absent: part}. Sent by the JDK's client to the real server.
 */
@ExtendWith(VertxExtension.class)
class HttpCasesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static HttpServer server;

    @BeforeAll
    static void start(Vertx vertx, @TempDir Path dir) throws Exception {
        Fixture.write(dir);
        server = TapServer.start(vertx, dir, "127.0.0.1", 0, SyncQuery.Limits.defaults(), AsyncSettings.defaults())
                .await();
    }

    @AfterAll
    static void stop() {
        server.close().await();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseFile() throws Exception {
        Path dir = Path.of(HttpCasesTest.class.getResource("/http").toURI());
        List<Path> files;
        try (Stream<Path> all = Files.list(dir)) {
            files = all.filter(f -> f.toString().endsWith(".http")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    private static void run(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
        int split = lines.indexOf("---");
        String[] requestLine = lines.get(0).split(" ", 2);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
                + requestLine[1])).method(requestLine[0], HttpRequest.BodyPublishers.noBody());
        for (String header : lines.subList(1, split)) {
            String[] nv = header.split(":", 2);
            request.header(nv[0].trim(), nv[1].trim());
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String what = file.getFileName() + ": " + r.headers().map() + "\n" + r.body();
        for (String expect : lines.subList(split + 1, lines.size())) {
            if (expect.isBlank()) {
                continue;
            }
            String[] kv = expect.split(":", 2);
            String value = kv[1].trim();
            switch (kv[0]) {
                case "status" -> assertEquals(Integer.parseInt(value), r.statusCode(), what);
                case "header", "header-contains" -> {
                    String[] nv = value.split(":", 2);
                    String actual = r.headers().firstValue(nv[0].trim()).orElse(null);
                    assertTrue(actual != null && (kv[0].equals("header") ? actual.equals(nv[1].trim())
                            : actual.contains(nv[1].trim())), expect + " in " + what);
                }
                case "body" -> assertTrue(r.body().contains(value), expect + " in " + what);
                case "body-absent" -> assertFalse(r.body().contains(value), expect + " in " + what);
                default -> throw new IllegalArgumentException(file + ": no expectation '" + kv[0] + "'");
            }
        }
    }
}

package org.alphatap.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.alphatap.predict.PredictSettings;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;

/**
 * Throughput of a batch POST to /predict over loopback HTTP: a CSV of N stars (id, teff, logg,
 * feh and their errors, LAMOST-like digits, a few outside the training box) sent once per answer
 * format, the answer read to the end and its rows counted. Not a test: run it by hand on a build,
 * {@code java -cp target/alphatap.jar:target/test-classes org.alphatap.web.PredictThroughput DATA
 * [ROWS] [REPEATS]}.
 */
public final class PredictThroughput {
    private PredictThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path csv = Files.createTempFile("alphatap-stars-", ".csv");
        Vertx vertx = Vertx.vertx();
        try {
            write(csv, rows);
            PredictSettings settings = PredictSettings.defaults();
            HttpServer server = TapServer.start(vertx, data, "127.0.0.1", 0, SyncQuery.Limits.defaults(),
                    AsyncSettings.defaults(), settings).await();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            System.out.printf(Locale.ROOT, "%,d stars, %.1f MB of CSV, %d prediction threads, %d cores%n", rows,
                    Files.size(csv) / 1e6, settings.threads(), Runtime.getRuntime().availableProcessors());
            for (int r = 0; r < repeats; r++) {
                for (String format : new String[] {"votable", "csv", "json"}) {
                    long t0 = System.nanoTime();
                    HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + server.actualPort() + "/predict?RESPONSEFORMAT=" + format))
                            .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(csv)).build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    long[] read = count(answer.body());
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException(format + ": HTTP " + answer.statusCode());
                    }
                    if (format.equals("csv") && read[1] != rows + 1) {
                        throw new IllegalStateException("csv: " + (read[1] - 1) + " rows, not " + rows);
                    }
                    System.out.printf(Locale.ROOT, "%-8s %6.2f s  %,9.0f stars/s  %6.1f MB answered%n", format, s,
                            rows / s, read[0] / 1e6);
                }
            }
        } finally {
            vertx.close().await();
            Files.deleteIfExists(csv);
        }
    }

    /** Bytes and line breaks of a stream, read to its end. */
    private static long[] count(InputStream in) throws Exception {
        long[] n = new long[2];
        byte[] buffer = new byte[1 << 16];
        try (in) {
            for (int k = in.read(buffer); k >= 0; k = in.read(buffer)) {
                n[0] += k;
                for (int i = 0; i < k; i++) {
                    n[1] += buffer[i] == '\n' ? 1 : 0;
                }
            }
        }
        return n;
    }

    private static void write(Path csv, int rows) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("id,teff,logg,feh,teff_err,logg_err,feh_err\n");
            for (int i = 0; i < rows; i++) {
                w.write(String.format(Locale.ROOT, "%d,%.1f,%.3f,%.3f,%.0f,%.2f,%.2f%n", i,
                        random.nextDouble(3800, 7200), random.nextDouble(0.8, 5.2), random.nextDouble(-1.2, 0.6),
                        random.nextDouble(20, 150), random.nextDouble(0.02, 0.3), random.nextDouble(0.02, 0.2)));
            }
        }
    }
}

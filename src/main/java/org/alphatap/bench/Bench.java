package org.alphatap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.alphatap.predict.PredictSettings;
import org.alphatap.store.Engine;
import org.alphatap.store.H2Store;
import org.alphatap.store.Store;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.alphatap.web.TapServer;

/**
 * {@code alphatap bench}: the service of a build, started in this JVM on a loopback port, timed
 * with a real HTTP client. Seeded positions, bounded request counts, loopback only; the numbers go
 * to the console and to {@code DIR/bench.md} and {@code DIR/bench.json}. Given more than one
 * engine, each runs the same parts in turn and the table puts them side by side with their ratio.
 */
public final class Bench {
    /** The mock's LAMOST footprint in declination, degrees. */
    private static final double DEC_MIN = -10;
    private static final double DEC_MAX = 87;

    private final Path data;
    private final List<Store> stores;
    private final long seed;
    /** Per engine: the measurements as saved in bench.json, and the table's rows by measurement. */
    private final Map<Engine, Map<String, Object>> resultsByEngine = new LinkedHashMap<>();
    private final Map<String, Map<Engine, Row>> rows = new LinkedHashMap<>();
    private Map<String, Object> results;
    private Engine engine;
    private String base;

    /**
     * One cell of the table: its text and the number engines are compared by, with what it is
     * ("median ms", "MB/s").
     */
    private record Row(String text, double headline, String unit) {
    }

    /** The parts of the benchmark, each runnable alone. */
    public enum Part {
        scs, throughput, tapcone, scans, download, predict, load, build
    }

    /** Concurrent clients of the load part. */
    private static final int LOAD_CLIENTS = 16;
    /** Long async scans kept running beside the load (the async workers' number). */
    private static final int LONG_SCANS = 2;

    private final Set<Part> parts;
    private final int loadSeconds;
    /** H2's page cache, MB. */
    private final int cacheMb;

    /**
     * The build in {@code data} served from each of {@code stores} in turn; {@code loadSeconds}: how
     * long each of the two runs of the load part lasts; {@code cacheMb}: H2's page cache (0: the
     * service's default).
     */
    public Bench(Path data, List<Store> stores, long seed, Set<Part> parts, int loadSeconds, int cacheMb) {
        this.data = data;
        this.cacheMb = cacheMb > 0 ? cacheMb : SyncQuery.Limits.DEFAULT_CACHE_MB;
        this.stores = stores;
        this.seed = seed;
        this.parts = parts;
        this.loadSeconds = loadSeconds;
    }

    /** Runs every part on every engine, then writes the table; returns the measurements by engine. */
    public Map<Engine, Map<String, Object>> run() throws Exception {
        // One kept-alive connection per concurrent client (the JDK keeps 5 by default).
        System.setProperty("http.maxConnections", "16");
        for (Store store : stores) {
            engine = store.engine();
            results = new LinkedHashMap<>();
            resultsByEngine.put(engine, results);
            System.out.println("== " + engine.title() + ": " + store.where());
            run(store);
            // The engine just measured gives back the heap its page cache held, so that the next
            // one (a database server on the same machine) has the memory it would have alone.
            System.gc();
        }
        write();
        return resultsByEngine;
    }

    private void run(Store store) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer server = TapServer.start(vertx, data, store, "127.0.0.1", 0,
                    new SyncQuery.Limits(100_000, 10_000_000, 600, SyncQuery.Limits.DEFAULT_UPLOAD_BYTES, cacheMb,
                            SyncQuery.Limits.DEFAULT_MAX_CONE_RADIUS), AsyncSettings.defaults(),
                    PredictSettings.defaults()).await();
            base = "http://127.0.0.1:" + server.actualPort();
            if (store instanceof H2Store) {
                // Measured in the steady state: once the service has read the tables into its cache.
                long t0 = System.nanoTime();
                H2Store.warming(data).join();
                System.out.printf(Locale.ROOT, "H2 page cache warmed in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            }
            // The service scans the star table for its sky maps once it is warm; that scan ends first.
            long t0 = System.nanoTime();
            Http.get(base + "/plots/skymap-density.png");
            System.out.printf(Locale.ROOT, "sky maps ready %.1f s later%n", (System.nanoTime() - t0) / 1e9);
            results.put("rows_in_alpha_stars", count());
            if (parts.contains(Part.scs)) {
                coneSearch(0.1);
                coneSearch(1.0);
            }
            if (parts.contains(Part.throughput)) {
                coneSearchThroughput();
            }
            if (parts.contains(Part.tapcone)) {
                tapCone();
            }
            if (parts.contains(Part.scans)) {
                scans();
            }
            if (parts.contains(Part.download)) {
                download();
            }
            // /predict and the build's stages do not depend on the engine: measured once.
            boolean first = store == stores.get(0);
            if (parts.contains(Part.predict) && first) {
                predictOne();
                predictBatch();
            }
            if (parts.contains(Part.load)) {
                load();
            }
            if (parts.contains(Part.build) && first) {
                buildStages();
            }
        } finally {
            vertx.close().await();
        }
    }

    /**
     * Simple Cone Search (VERB=2) at 200 seeded positions, latency to the last byte, after 500
     * others: a service that has been up a while has compiled its paths (JIT), and the first few
     * hundred answers of a fresh JVM are two to three times slower.
     */
    private void coneSearch(double radius) throws Exception {
        Random rnd = new Random(seed + 1);
        for (int i = 0; i < 500; i++) {
            get(scs(rnd, radius));
        }
        double[] ms = new double[200];
        long bytes = 0;
        for (int i = 0; i < ms.length; i++) {
            String path = scs(rnd, radius);
            long t0 = System.nanoTime();
            bytes += get(path).bytes();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Timings t = Timings.of(ms);
        results.put("scs_sr_" + radius, Map.of("median_ms", t.medianMs(), "p95_ms", t.p95Ms(), "queries", ms.length,
                "mean_kb", bytes / 1e3 / ms.length));
        row("SCS /scs/stars SR = " + radius + "° (200 positions)", t.medianMs(), "median ms", String.format(Locale.ROOT,
                "median %.1f ms, p95 %.1f ms, %.0f kB per answer", t.medianMs(), t.p95Ms(), bytes / 1e3 / ms.length));
    }

    /** Cone searches of SR = 0.1° from 8 concurrent clients for 20 s: answers per second. */
    private void coneSearchThroughput() throws Exception {
        int clients = 8;
        long end = System.nanoTime() + 20_000_000_000L;
        AtomicLong answered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random rnd = new Random(seed + 100 + c);
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        get(scs(rnd, 0.1));
                        answered.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double perSecond = answered.get() / 20.0;
        results.put("scs_throughput_8_clients", Map.of("per_second", perSecond, "answered", answered.get(),
                "failed", failed.get()));
        row("SCS SR = 0.1°, 8 concurrent clients for 20 s", perSecond, "answers/s", String.format(Locale.ROOT,
                "%.0f cone searches/s, %d failed", perSecond, failed.get()));
    }

    static String scs(Random rnd, double radius) {
        double[] p = position(rnd);
        return String.format(Locale.ROOT, "/scs/stars?RA=%.5f&DEC=%.5f&SR=%s", p[0], p[1], radius);
    }

    /** A seeded position uniform on the sky within the mock's LAMOST declinations. */
    static double[] position(Random rnd) {
        double ra = rnd.nextDouble() * 360;
        double z = Math.sin(Math.toRadians(DEC_MIN)) + rnd.nextDouble()
                * (Math.sin(Math.toRadians(DEC_MAX)) - Math.sin(Math.toRadians(DEC_MIN)));
        return new double[] {ra, Math.toDegrees(Math.asin(z))};
    }

    /**
     * TAP sync cones of 0.5° at 50 seeded positions, after a warm-up at other positions: the time
     * to the last byte of the BINARY2 VOTable; the rows are counted from a CSV of the same query.
     */
    private void tapCone() throws Exception {
        Random rnd = new Random(seed);
        for (int i = 0; i < 20; i++) {
            sync(cone(rnd), "votable");
        }
        double[] ms = new double[50];
        long rows = 0;
        for (int i = 0; i < ms.length; i++) {
            String q = cone(rnd);
            long t0 = System.nanoTime();
            sync(q, "votable");
            ms[i] = (System.nanoTime() - t0) / 1e6;
            rows += sync(q, "csv").lines() - 1;
        }
        Timings t = Timings.of(ms);
        results.put("tap_cone_0.5deg_top1000", Map.of("median_ms", t.medianMs(), "p95_ms", t.p95Ms(),
                "mean_rows", rows / (double) ms.length, "queries", ms.length));
        row("TAP sync cone 0.5°, TOP 1000 (50 positions)", t.medianMs(), "median ms", String.format(Locale.ROOT,
                "median %.1f ms, p95 %.1f ms,"
                + " %.0f rows on average", t.medianMs(), t.p95Ms(), rows / (double) ms.length));
    }

    private static String cone(Random rnd) {
        double[] p = position(rnd);
        return String.format(Locale.ROOT, "SELECT TOP 1000 * FROM alpha.stars WHERE 1 = CONTAINS(POINT('ICRS', ra, dec),"
                + " CIRCLE('ICRS', %.5f, %.5f, 0.5))", p[0], p[1]);
    }

    /**
     * Queries that read the whole star table, of the kinds users send: a histogram, a filtered
     * aggregate, a top list and a binned trend, none of them on an indexed range; then the
     * aggregate over a [Fe/H] range, which an index can answer. Median of 3 after a warm-up.
     */
    private static final Map<String, String> SCANS = scanQueries();

    private static Map<String, String> scanQueries() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("scan_histogram", "SELECT FLOOR(teff / 100) * 100 AS teff_bin, COUNT(*) AS n FROM alpha.stars"
                + " GROUP BY FLOOR(teff / 100) * 100");
        m.put("scan_filtered_aggregate", "SELECT AVG(mg_fe), MIN(mg_fe), MAX(mg_fe) FROM alpha.stars"
                + " WHERE snrg > 50 AND flags = 0");
        m.put("scan_top_ordered", "SELECT TOP 100 obsid, ra, dec, logg, ca_fe FROM alpha.stars WHERE logg < 2.5"
                + " ORDER BY ca_fe DESC");
        m.put("scan_binned_trend", "SELECT FLOOR(feh * 10) / 10 AS feh_bin, AVG(si_fe) AS si_fe, COUNT(*) AS n"
                + " FROM alpha.stars GROUP BY FLOOR(feh * 10) / 10");
        m.put("scan_feh_range_aggregate", "SELECT COUNT(*), AVG(o_fe) FROM alpha.stars WHERE feh BETWEEN -0.5 AND 0");
        return m;
    }

    private void scans() throws Exception {
        for (Map.Entry<String, String> scan : SCANS.entrySet()) {
            String q = scan.getValue();
            sync(q, "csv");
            double[] ms = new double[3];
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                sync(q, "csv");
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Timings t = Timings.of(ms);
            results.put(scan.getKey(), Map.of("median_ms", t.medianMs(), "runs", ms.length, "query", q));
            row("Scan: " + q, t.medianMs(), "median ms", String.format(Locale.ROOT, "median %.0f ms", t.medianMs()));
        }
    }

    /**
     * One million rows of alpha.stars as BINARY2: the first run (cold: the JIT has not compiled
     * the writing path yet), one more unmeasured run, three timed runs (the median reported), and
     * one run for the heap, measured live: after a full GC before the query, and after a full GC
     * at a quarter, half and three quarters of the bytes (the garbage a stream leaves is not
     * growth; the forced GCs would distort the timing, hence the separate run).
     */
    private void download() throws Exception {
        String query = "/tap/sync?LANG=ADQL&MAXREC=1000000&QUERY=" + enc("SELECT TOP 1000000 * FROM alpha.stars");
        long t0 = System.nanoTime();
        long expected = rawGet(query, new long[0], () -> { });
        double cold = (System.nanoTime() - t0) / 1e9;
        rawGet(query, new long[0], () -> { });
        double[] runs = new double[3];
        long bytes = 0;
        for (int i = 0; i < runs.length; i++) {
            long t = System.nanoTime();
            bytes = rawGet(query, new long[0], () -> { });
            runs[i] = (System.nanoTime() - t) / 1e6;
        }
        double seconds = Timings.of(runs).medianMs() / 1e3;
        long before = liveHeap();
        long[] live = {before};
        rawGet(query, new long[] {expected / 4, expected / 2, expected * 3 / 4},
                () -> live[0] = Math.max(live[0], liveHeap()));
        double mb = bytes / 1e6;
        results.put("download_1M_binary2", Map.of("bytes", bytes, "seconds_median_of_3", seconds,
                "mb_per_s", mb / seconds, "first_run_mb_per_s", mb / cold, "heap_before_mb", before / 1e6,
                "heap_live_peak_mb", live[0] / 1e6, "heap_growth_mb", (live[0] - before) / 1e6));
        row("1,000,000-row BINARY2 download", mb / seconds, "MB/s", String.format(Locale.ROOT, "%.0f MB in %.2f s = %.0f MB/s (median of 3"
                + " after 2; the very first run: %.0f MB/s); live heap %.0f MB before, at most %.0f MB while streaming"
                + " (growth %.0f MB)", mb, seconds, mb / seconds, mb / cold, before / 1e6, live[0] / 1e6,
                (live[0] - before) / 1e6));
    }

    /** /predict for one star (GET, CSV answer) at 200 seeded inputs after a warm-up. */
    private void predictOne() throws Exception {
        Random rnd = new Random(seed + 2);
        for (int i = 0; i < 50; i++) {
            get(predictPath(rnd));
        }
        double[] ms = new double[200];
        for (int i = 0; i < ms.length; i++) {
            String path = predictPath(rnd);
            long t0 = System.nanoTime();
            get(path);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Timings t = Timings.of(ms);
        results.put("predict_single", Map.of("median_ms", t.medianMs(), "p95_ms", t.p95Ms(), "requests", ms.length));
        row("/predict, one star (GET)", t.medianMs(), "median ms", String.format(Locale.ROOT, "median %.1f ms, p95 %.1f ms", t.medianMs(),
                t.p95Ms()));
    }

    static String predictPath(Random rnd) {
        return String.format(Locale.ROOT, "/predict?teff=%.0f&logg=%.2f&feh=%.2f&RESPONSEFORMAT=csv",
                4200 + 2500 * rnd.nextDouble(), 1 + 3.5 * rnd.nextDouble(), -1 + 1.4 * rnd.nextDouble());
    }

    /**
     * A POST of 1,000,000 seeded stars as CSV, answered in the default VOTable (BINARY2) and in
     * CSV: stars per second, each after one warm-up run.
     */
    private void predictBatch() throws Exception {
        int n = 1_000_000;
        byte[] body = starsCsv(new Random(seed + 3), n);
        for (String format : List.of("votable", "csv")) {
            postCsv(body, format);
            long t0 = System.nanoTime();
            long bytes = postCsv(body, format);
            double seconds = (System.nanoTime() - t0) / 1e9;
            results.put("predict_batch_1M_" + format, Map.of("seconds", seconds, "stars_per_s", n / seconds,
                    "answer_mb", bytes / 1e6));
            row("/predict, 1,000,000 stars POSTed as CSV, answer " + format, n / seconds, "stars/s",
                    String.format(Locale.ROOT,
                    "%.2f s = %.0f stars/s (%.0f MB out)", seconds, n / seconds, bytes / 1e6));
        }
    }

    /** {@code n} seeded stars within the training box, as CSV. */
    static byte[] starsCsv(Random rnd, int n) {
        StringBuilder csv = new StringBuilder(n * 24).append("teff,logg,feh\n");
        for (int i = 0; i < n; i++) {
            csv.append(String.format(Locale.ROOT, "%.0f,%.2f,%.2f%n", 4200 + 2500 * rnd.nextDouble(),
                    1 + 3.5 * rnd.nextDouble(), -1 + 1.4 * rnd.nextDouble()));
        }
        return csv.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The load part: {@value #LOAD_CLIENTS} clients mixing cone searches, sync queries, async jobs
     * and /predict calls for {@code loadSeconds}, twice in a row, while {@value #LONG_SCANS} long
     * async scans (the scans part's queries) run beside them all along; the live heap (after a full
     * GC) before and after each run shows whether memory grows from one run to the next.
     */
    private void load() throws Exception {
        for (int run = 1; run <= 2; run++) {
            long before = liveHeap();
            LoadRun load = new LoadRun(base, seed + 10 * run, LOAD_CLIENTS, loadSeconds);
            List<LoadRun.Outcome> outcomes;
            BackgroundScans scans = new BackgroundScans(base, LONG_SCANS, List.copyOf(SCANS.values()));
            try {
                outcomes = load.run();
            } finally {
                scans.close();
            }
            row("Load run " + run + ": long async scans beside it", scans.completed(), "scans", String.format(
                    Locale.ROOT, "%d at a time: %d completed, %d failed", LONG_SCANS, scans.completed(),
                    scans.failures().size()));
            scans.failures().stream().limit(3).forEach(e -> System.out.println("  scan failed: " + e));
            long after = liveHeap();
            Map<String, Object> kinds = new LinkedHashMap<>();
            for (LoadRun.Outcome o : outcomes) {
                Timings t = o.timings();
                kinds.put(o.kind().name().toLowerCase(Locale.ROOT), Map.of("answered", o.answered(), "busy_503",
                        o.busy(), "errors", o.errors(), "median_ms", t.medianMs(), "p95_ms", t.p95Ms(), "p99_ms",
                        t.p99Ms()));
                row("Load run " + run + ": " + o.kind().label, t.medianMs(), "median ms", String.format(Locale.ROOT, "%d answered (%.0f/s),"
                        + " %d refused as busy (503), %d errors; median %.1f ms, p95 %.1f ms, p99 %.1f ms",
                        o.answered(), o.answered() / (double) loadSeconds, o.busy(), o.errors(), t.medianMs(),
                        t.p95Ms(), t.p99Ms()));
            }
            load.firstErrors().forEach(e -> System.out.println("  error: " + e));
            results.put("load_run_" + run, Map.of("clients", LOAD_CLIENTS, "seconds", loadSeconds, "kinds", kinds,
                    "heap_before_mb", before / 1e6, "heap_after_mb", after / 1e6));
            row("Load run " + run + ": live heap (after a full GC)", after / 1e6, "MB after", String.format(Locale.ROOT,
                    "%.0f MB before, %.0f MB after", before / 1e6, after / 1e6));
        }
    }

    /** The heap in use after a full collection: what is live, the garbage left out. */
    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Posts {@code body} and counts the bytes of the answer as they arrive. */
    private long postCsv(byte[] body, String format) throws IOException {
        HttpURLConnection c = Http.posted(base + "/predict?RESPONSEFORMAT=" + format, "text/csv", body);
        if (c.getResponseCode() != 200) {
            throw new IOException("/predict answered HTTP " + c.getResponseCode());
        }
        long bytes = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = c.getInputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                bytes += n;
            }
        }
        return bytes;
    }

    private void buildStages() throws IOException {
        Path report = data.resolve("build.json");
        if (!Files.isRegularFile(report)) {
            return;
        }
        JsonNode build = new ObjectMapper().readTree(report.toFile());
        Map<String, Object> stages = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (JsonNode s : build.get("stages")) {
            stages.put(s.get("stage").asText(), s.get("seconds").asDouble());
            text.append(text.length() == 0 ? "" : ", ").append(s.get("stage").asText()).append(' ')
                    .append(s.get("seconds").asText()).append(" s");
        }
        results.put("build_stages_s", stages);
        row("Build stages (build.json)", build.get("total_seconds").asDouble(), "s", text + "; total "
                + build.get("total_seconds").asText() + " s");
    }

    private long count() throws Exception {
        Body b = sync("SELECT COUNT(*) AS n FROM alpha.stars", "csv");
        return Long.parseLong(b.text.lines().skip(1).findFirst().orElse("0").trim());
    }

    private void write() throws IOException {
        List<Engine> engines = List.copyOf(resultsByEngine.keySet());
        StringBuilder md = new StringBuilder("# alphatap bench\n\n");
        md.append("Build `").append(data).append("` (").append(resultsByEngine.get(engines.get(0))
                .get("rows_in_alpha_stars")).append(" rows in alpha.stars), seed ").append(seed).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores");
        for (Store store : stores) {
            md.append("; ").append(store.engine().title()).append(": ").append(store.where());
        }
        md.append(".\n\n| measurement |");
        for (Engine e : engines) {
            md.append(' ').append(e.title()).append(" |");
        }
        boolean compared = engines.size() == 2;
        md.append(compared ? " " + engines.get(1).title() + " / " + engines.get(0).title() + " |" : "").append("\n|---|");
        md.append("---|".repeat(engines.size() + (compared ? 1 : 0))).append('\n');
        for (Map.Entry<String, Map<Engine, Row>> r : rows.entrySet()) {
            md.append("| ").append(r.getKey()).append(" |");
            for (Engine e : engines) {
                Row cell = r.getValue().get(e);
                md.append(' ').append(cell == null ? "—" : cell.text()).append(" |");
            }
            if (compared) {
                Row first = r.getValue().get(engines.get(0));
                Row second = r.getValue().get(engines.get(1));
                md.append(first == null || second == null || first.headline() == 0 ? " — |" : String.format(Locale.ROOT,
                        " %.2f× (%s) |", second.headline() / first.headline(), first.unit()));
            }
            md.append('\n');
        }
        Files.writeString(data.resolve("bench.md"), md);
        Object json = engines.size() == 1 ? resultsByEngine.get(engines.get(0)) : resultsByEngine;
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(data.resolve("bench.json").toFile(),
                json);
        System.out.print(md);
    }

    /** A row of the table for the engine being run: its number to compare by ({@code unit}) and its text. */
    private void row(String what, double headline, String unit, String result) {
        rows.computeIfAbsent(what, k -> new LinkedHashMap<>()).put(engine, new Row(result, headline, unit));
        System.out.println(what + ": " + result);
    }

    private record Body(long bytes, String text) {
        long lines() {
            return text.lines().count();
        }
    }

    private Body sync(String adql, String format) throws Exception {
        return get("/tap/sync?LANG=ADQL&RESPONSEFORMAT=" + format + "&QUERY=" + enc(adql));
    }

    /**
     * A GET read from a plain socket, as curl would, counting the bytes of the response (headers and
     * chunk framing included, a few hundred bytes in 190 MB): the client's own work stays small, so
     * the time is the server's. {@code probe} runs as the count passes each of {@code atBytes}.
     */
    private long rawGet(String pathAndQuery, long[] atBytes, Runnable probe) throws IOException {
        URI uri = URI.create(base);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                    + uri.getPort() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[1 << 16];
            long bytes = 0;
            int probes = 0;
            String status = null;
            for (int n; (n = in.read(buf)) > 0; ) {
                if (status == null) {
                    status = new String(buf, 0, Math.min(n, 12), StandardCharsets.US_ASCII);
                    if (!status.endsWith(" 200")) {
                        throw new IOException("the service answered " + status);
                    }
                }
                bytes += n;
                if (probes < atBytes.length && bytes >= atBytes[probes]) {
                    probes++;
                    probe.run();
                }
            }
            return bytes;
        }
    }

    /** A GET whose body is counted and kept (for short answers); anything but a 200 is an error. */
    private Body get(String pathAndQuery) throws IOException {
        Http.Answer a = Http.get(base + pathAndQuery);
        if (a.status() != 200) {
            throw new IOException("the service answered HTTP " + a.status() + ": " + a.text());
        }
        return new Body(a.body().length, a.text());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

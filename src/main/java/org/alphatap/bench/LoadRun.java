package org.alphatap.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded load on a service at {@code base}: client threads that each send, until the time is
 * up, a seeded mix of cone searches, small sync queries, async jobs and /predict calls, every
 * answer checked. A job is timed from its creation to its result (created with PHASE=RUN, awaited
 * with WAIT, its result read) and then deleted, so that runs leave no jobs behind.
 */
final class LoadRun {
    /** The kinds of request, each with its share of the mix in percent. */
    enum Kind {
        CONE("cone search /scs/stars, SR 0.1–1°", 40),
        SYNC("TAP sync, small ADQL", 20),
        ASYNC("TAP async job: create, WAIT, result", 5),
        PREDICT_ONE("/predict, one star (GET)", 20),
        PREDICT_TABLE("/predict, 10–100 stars POSTed as CSV", 15);

        final String label;
        final int percent;

        Kind(String label, int percent) {
            this.label = label;
            this.percent = percent;
        }
    }

    /**
     * What one kind of request did: how many answered right, how many were refused as the service
     * refuses past its limits (a 503: all sync slots busy), how many went wrong, how fast the right
     * ones came.
     */
    record Outcome(Kind kind, int answered, int busy, int errors, Timings timings) {
    }

    /** A 503 with Retry-After: the service at its limit, saying so as designed. */
    private static final class Busy extends IOException {
        Busy(String message) {
            super(message);
        }
    }

    private static final Pattern PHASE = Pattern.compile("<uws:phase>(\\w+)</uws:phase>");
    private static final List<String> ACTIVE = List.of("PENDING", "QUEUED", "EXECUTING");
    /** The first few errors, to say what went wrong. */
    private static final int ERRORS_KEPT = 5;

    private final String base;
    private final long seed;
    private final int clients;
    private final int seconds;
    private final Queue<String> errors = new ConcurrentLinkedQueue<>();

    LoadRun(String base, long seed, int clients, int seconds) {
        this.base = base;
        this.seed = seed;
        this.clients = clients;
        this.seconds = seconds;
    }

    /** Runs the load and returns the outcome of each kind. */
    List<Outcome> run() throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Client> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Client client = new Client(new Random(seed * 31 + c), end);
            all.add(client);
            Thread t = new Thread(client, "load-client-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        List<Outcome> out = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            List<Double> ms = new ArrayList<>();
            int busy = 0;
            int failed = 0;
            for (Client c : all) {
                ms.addAll(c.millis.get(kind));
                busy += c.busy.get(kind);
                failed += c.failed.get(kind);
            }
            out.add(new Outcome(kind, ms.size(), busy, failed, Timings.of(ms.stream().mapToDouble(Double::doubleValue)
                    .toArray())));
        }
        return out;
    }

    /** The first errors seen, each with its request kind. */
    List<String> firstErrors() {
        return List.copyOf(errors);
    }

    /** One client: its own random numbers, latencies and error counts, merged when all are done. */
    private final class Client implements Runnable {
        private final Random rnd;
        private final long end;
        private final Map<Kind, List<Double>> millis = new EnumMap<>(Kind.class);
        private final Map<Kind, Integer> busy = new EnumMap<>(Kind.class);
        private final Map<Kind, Integer> failed = new EnumMap<>(Kind.class);

        Client(Random rnd, long end) {
            this.rnd = rnd;
            this.end = end;
            for (Kind k : Kind.values()) {
                millis.put(k, new ArrayList<>());
                busy.put(k, 0);
                failed.put(k, 0);
            }
        }

        @Override
        public void run() {
            while (System.nanoTime() < end) {
                Kind kind = pick(rnd);
                long t0 = System.nanoTime();
                try {
                    send(kind, rnd);
                    millis.get(kind).add((System.nanoTime() - t0) / 1e6);
                } catch (Busy e) {
                    busy.merge(kind, 1, Integer::sum);
                } catch (IOException | RuntimeException e) {
                    failed.merge(kind, 1, Integer::sum);
                    if (errors.size() < ERRORS_KEPT) {
                        errors.add(kind.label + ": " + e.getMessage());
                    }
                }
            }
        }
    }

    private static Kind pick(Random rnd) {
        int p = rnd.nextInt(100);
        for (Kind k : Kind.values()) {
            p -= k.percent;
            if (p < 0) {
                return k;
            }
        }
        throw new IllegalStateException("the shares add up to less than 100");
    }

    private void send(Kind kind, Random rnd) throws IOException {
        switch (kind) {
            case CONE -> result(Http.get(base + Bench.scs(rnd, 0.1 + 0.9 * rnd.nextDouble())));
            case SYNC -> result(Http.get(base + "/tap/sync?LANG=ADQL&QUERY=" + Bench.enc(smallQuery(rnd))));
            case ASYNC -> job(smallQuery(rnd));
            case PREDICT_ONE -> result(Http.get(base + Bench.predictPath(rnd)));
            case PREDICT_TABLE -> {
                int stars = 10 + rnd.nextInt(91);
                Http.Answer a = result(Http.answer(Http.posted(base + "/predict?RESPONSEFORMAT=csv", "text/csv",
                        Bench.starsCsv(rnd, stars))));
                if (a.text().lines().count() != stars + 1) {
                    throw new IOException("/predict answered " + (a.text().lines().count() - 1) + " rows for " + stars);
                }
            }
        }
    }

    /** A cone of a few hundred stars, the clusters, or the gradients: queries of a few milliseconds. */
    private static String smallQuery(Random rnd) {
        double[] p = Bench.position(rnd);
        return switch (rnd.nextInt(3)) {
            case 0 -> String.format(Locale.ROOT, "SELECT TOP 100 obsid, ra, dec, feh, o_fe, mg_fe FROM alpha.stars"
                    + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', %.5f, %.5f, 0.3))", p[0], p[1]);
            case 1 -> "SELECT TOP 20 name, rgc, n_members, mg_fe_mean FROM alpha.clusters ORDER BY rgc";
            default -> "SELECT sample, element, model, slope, slope_corrected FROM alpha.gradients";
        };
    }

    private void job(String adql) throws IOException {
        job(base, adql);
    }

    /** An async job of {@code adql} at {@code base}: created and run, awaited, its result read, then deleted. */
    static void job(String base, String adql) throws IOException {
        Http.Answer created = Http.answer(Http.posted(base + "/tap/async", "application/x-www-form-urlencoded",
                ("PHASE=RUN&LANG=ADQL&QUERY=" + Bench.enc(adql)).getBytes(StandardCharsets.UTF_8)));
        if (created.status() != 303 || created.location() == null) {
            throw new IOException("creating a job answered HTTP " + created.status() + ": " + created.text());
        }
        String job = created.location();
        String phase;
        do {
            Matcher m = PHASE.matcher(result(Http.get(job + "?WAIT=10")).text());
            phase = m.find() ? m.group(1) : "unknown";
        } while (ACTIVE.contains(phase));
        if (!phase.equals("COMPLETED")) {
            throw new IOException("the job ended " + phase);
        }
        result(Http.get(job + "/results/result"));
        Http.Answer deleted = Http.delete(job);
        if (deleted.status() != 303) {
            throw new IOException("deleting the job answered HTTP " + deleted.status());
        }
    }

    /** The answer, if it is a 200 that reports no error (an SCS error is a 200 too). */
    private static Http.Answer result(Http.Answer a) throws IOException {
        String text = a.text();
        if (a.status() == 503) {
            throw new Busy(text);
        }
        if (a.status() != 200 || text.contains("QUERY_STATUS\" value=\"ERROR\"")) {
            throw new IOException("HTTP " + a.status() + ": " + text.substring(0, Math.min(300, text.length())));
        }
        return a;
    }
}

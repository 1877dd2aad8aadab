package org.alphatap.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alphatap.science.GradientFit;
import org.alphatap.science.Gradients;
import org.alphatap.science.ModelFamily;
import org.alphatap.science.Posterior;
import org.alphatap.store.DataDirectory;
import org.alphatap.survey.Element;
import org.alphatap.survey.Progress;
import org.alphatap.survey.mock.MockChemistry;
import org.alphatap.survey.mock.MockConfig;
import org.alphatap.survey.mock.MockSurvey;

/**
 * {@code alphatap calibrate}: builds the science of many mocks, one per seed, and measures how often
 * each kind of 95% interval of the gradients holds the mock's true total gradient, how far the
 * slopes fall from it on average, and how wide the intervals are. An interval that is right 95% of
 * the time over many seeds is calibrated; one coverage number from one seed says little.
 */
public final class Calibration {
    /** The intervals a gradient row offers. */
    public enum Interval {
        /** Model H's posterior of the predicted cluster values, taken as given. */
        POSTERIOR,
        /** The posterior with the bootstrap models' spread added. */
        TOTAL,
        /** Corrected on the held-out members (what the served tables lead with). */
        CORRECTED;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Per family, element and interval: intervals counted, holding the truth, summed bias and width. */
    public static final class Tally {
        int n;
        int held;
        double bias;
        double width;

        void add(double mean, double lo, double hi, double truth) {
            n++;
            held += truth >= lo && truth <= hi ? 1 : 0;
            bias += mean - truth;
            width += hi - lo;
        }

        public double coverage() {
            return n == 0 ? Double.NaN : (double) held / n;
        }
    }

    /** Where the counts go: family (or "served"), then element, then interval. */
    private final Map<String, Map<String, Map<Interval, Tally>>> tallies = new LinkedHashMap<>();
    private final List<ObjectNode> perSeed = new ArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String SERVED = "served";

    /**
     * Runs {@code seeds} mocks of {@code stars} field stars, seeds {@code first} on, each built with
     * the default settings of its seed in a scratch directory under {@code work} that is removed after.
     */
    public static Calibration run(long first, int seeds, long stars, MockChemistry chemistry, Path work,
            Progress progress) throws Exception {
        Calibration c = new Calibration();
        for (int k = 0; k < seeds; k++) {
            long seed = first + k;
            Path dir = Files.createDirectories(work.resolve("seed-" + seed));
            try (Stages stages = new Stages()) {
                MockSurvey.Result mock = new MockSurvey(new MockConfig(seed, stars, 0.0, chemistry))
                        .write(dir.resolve("survey"), Progress.SILENT);
                Analysis.Result r = Analysis.run(BuildInputs.of(mock), BuildSettings.defaults(seed),
                        dir.resolve(DataDirectory.MODELS), dir.resolve(DataDirectory.ANCHORS), stages, Progress.SILENT);
                c.add(seed, r, JSON.readTree(mock.truth().toFile()));
            } finally {
                Build.deleteTree(dir);
            }
            progress.start("calibrate", seeds).close();
            System.err.printf(Locale.ROOT, "calibrate: seed %d done (%d of %d)%n", seed, k + 1, seeds);
        }
        return c;
    }

    void add(long seed, Analysis.Result r, com.fasterxml.jackson.databind.JsonNode truth) {
        ObjectNode s = JSON.createObjectNode();
        s.put("seed", seed);
        s.put("served", r.served().key());
        ArrayNode rows = s.putArray("rows");
        for (Gradients.Row g : r.gradients()) {
            ModelFamily f = g.sample().family();
            if (f == null || g.fit().model() != GradientFit.Model.H || g.element().equals(Gradients.IRON)) {
                continue;
            }
            double t = truth.get("gradients").get(g.element()).get("slope_total").asDouble();
            Posterior p = g.fit().slope();
            double[] total = g.total95();
            Posterior c = g.corrected();
            for (String who : f == r.served() ? List.of(f.key(), SERVED) : List.of(f.key())) {
                Map<Interval, Tally> m = tallies.computeIfAbsent(who, k -> new LinkedHashMap<>())
                        .computeIfAbsent(g.element(), k -> new EnumMap<>(Interval.class));
                m.computeIfAbsent(Interval.POSTERIOR, k -> new Tally()).add(p.mean(), p.lo95(), p.hi95(), t);
                m.computeIfAbsent(Interval.TOTAL, k -> new Tally()).add(p.mean(), total[0], total[1], t);
                if (c != null) {
                    m.computeIfAbsent(Interval.CORRECTED, k -> new Tally()).add(c.mean(), c.lo95(), c.hi95(), t);
                }
            }
            rows.addObject().put("family", f.key()).put("element", g.element()).put("truth", t)
                    .put("slope", p.mean()).put("lo95", p.lo95()).put("hi95", p.hi95())
                    .put("total_lo95", total[0]).put("total_hi95", total[1])
                    .put("corrected", c == null ? Double.NaN : c.mean())
                    .put("corrected_lo95", c == null ? Double.NaN : c.lo95())
                    .put("corrected_hi95", c == null ? Double.NaN : c.hi95());
        }
        perSeed.add(s);
    }

    /** All elements of one family (or "served") together, for one interval. */
    public Tally overall(String family, Interval interval) {
        Tally all = new Tally();
        for (Map<Interval, Tally> m : tallies.getOrDefault(family, Map.of()).values()) {
            Tally t = m.get(interval);
            if (t != null) {
                all.n += t.n;
                all.held += t.held;
                all.bias += t.bias;
                all.width += t.width;
            }
        }
        return all;
    }

    /** The table README and the note give: per family and element, coverage, mean bias and mean width. */
    public String toMarkdown() {
        StringBuilder s = new StringBuilder("| model | element | intervals | posterior: holds / bias / width | "
                + "with bootstrap: holds / width | corrected: holds / bias / width |\n|---|---|---:|---|---|---|\n");
        for (Map.Entry<String, Map<String, Map<Interval, Tally>>> f : tallies.entrySet()) {
            for (Map.Entry<String, Map<Interval, Tally>> e : f.getValue().entrySet()) {
                row(s, f.getKey(), e.getKey(), e.getValue());
            }
            Map<Interval, Tally> all = new EnumMap<>(Interval.class);
            for (Interval i : Interval.values()) {
                all.put(i, overall(f.getKey(), i));
            }
            row(s, f.getKey(), "**all**", all);
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String family, String element, Map<Interval, Tally> m) {
        Tally p = m.get(Interval.POSTERIOR);
        Tally t = m.get(Interval.TOTAL);
        Tally c = m.getOrDefault(Interval.CORRECTED, new Tally());
        s.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f%% / %+.4f / %.4f | %.0f%% / %.4f | %s |%n", family,
                element, p.n, 100 * p.coverage(), p.bias / p.n, p.width / p.n, 100 * t.coverage(), t.width / t.n,
                c.n == 0 ? "–" : String.format(Locale.ROOT, "%.0f%% / %+.4f / %.4f (%d)", 100 * c.coverage(), c.bias / c.n,
                        c.width / c.n, c.n)));
    }

    /** Writes {@code calibration.md} and {@code calibration.json} (every seed's rows) into {@code dir}. */
    public void write(Path dir, String command) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("calibration.md"), "# Calibration of the gradient intervals\n\n`" + command
                + "`\n\nPer model family (\"served\": the family each build served) and element: the share of 95% "
                + "intervals holding the mock's true total gradient, the mean slope minus the truth (dex/kpc), the "
                + "mean width.\n\n" + toMarkdown());
        ObjectNode root = JSON.createObjectNode();
        root.put("command", command);
        root.set("seeds", JSON.valueToTree(perSeed));
        JSON.writeValue(dir.resolve("calibration.json").toFile(), root);
    }
}

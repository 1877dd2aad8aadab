package org.alphatap.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.alphatap.report.Figures;
import org.alphatap.science.ClusterAnalysis;
import org.alphatap.science.CutFlow;
import org.alphatap.science.FeatureBox;
import org.alphatap.science.GradientFit;
import org.alphatap.science.Gradients;
import org.alphatap.science.HeldOutCheck;
import org.alphatap.science.ModelTraining;
import org.alphatap.science.Posterior;
import org.alphatap.science.QuantileReadout;
import org.alphatap.store.DataDirectory;
import org.alphatap.survey.ClusterColumn;
import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.Element;
import org.alphatap.survey.ReadReport;
import org.jfree.chart.JFreeChart;

/**
 * The build's report for a reader: {@code report.md} with the paper's Fig. 1, Fig. 2, Table 1
 * and Table 2 equivalents, the cut flow, the metrics against baselines, the echo diagnostic and,
 * on a mock, every recovered number against the truth; plus the model card (JSON and Markdown),
 * {@code table1.csv} with every cluster, and the figures as PNG and SVG.
 */
final class ScienceReport {
    static final String REPORT = "report.md";
    static final String MODEL_CARD_JSON = "model_card.json";
    static final String MODEL_CARD_MD = "model_card.md";
    static final String BUILD_JSON = "build.json";
    static final String FIGURES = Figures.DIR;
    /** The paper's Table 1 extract. */
    static final List<String> TABLE1 = List.of("Alessi_12", "Alessi_144", "Alessi_145", "Alessi_170", "Alessi_19",
            "Alessi_2", "Alessi_20", "Alessi_22", "Alessi_37");
    /** The paper's Table 2 slopes and intercepts (R = 0), O Mg Si Ca Ti. */
    static final double[] PAPER_SLOPE = {0.021, 0.007, 0.006, 0.008, 0.007};
    static final double[] PAPER_INTERCEPT = {-0.151, -0.052, -0.038, -0.084, -0.037};

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScienceReport() {
    }

    static void write(Build.Result r, Path dir) throws IOException {
        Path figures = Files.createDirectories(dir.resolve(FIGURES));
        for (Element e : Element.values()) {
            ModelTraining.TestSet t = r.science().servedFamily().models().get(e).test();
            Figures.write(Figures.predictedVsObserved(e.symbol(), t.truth(), t.predicted()), figures,
                    Figures.performanceName(e.key()));
        }
        Gradients.Sample served = Gradients.Sample.of(r.served());
        for (Gradients.Row g : r.gradients()) {
            if (g.sample() == served && g.fit().model() == GradientFit.Model.H) {
                Figures.write(gradientChart(r.clusters(), g), figures, Figures.gradientName(g.element()));
            }
        }
        writeTable1Csv(r, dir.resolve("table1.csv"));
        JsonNode truth = r.inputs().truth() == null ? null : JSON.readTree(r.inputs().truth().toFile());
        ObjectNode card = modelCard(r);
        JSON.writeValue(dir.resolve(MODEL_CARD_JSON).toFile(), card);
        Files.writeString(dir.resolve(MODEL_CARD_MD), modelCardMarkdown(r));
        Files.writeString(dir.resolve(REPORT), report(r, truth));
    }

    /**
     * Fig. 2 for one fitted relation: the clusters of the gradient fits against R_GC, the fit's
     * posterior-mean line and its 95% band over their range.
     */
    static JFreeChart gradientChart(List<ClusterAnalysis.Cluster> clusters, Gradients.Row g) {
        Element e = g.element().equals(Gradients.IRON) ? null : Element.valueOf(g.element().toUpperCase(Locale.ROOT));
        List<ClusterAnalysis.Cluster> in = clusters.stream().filter(ClusterAnalysis.Cluster::inGradient).toList();
        double[] rk = in.stream().mapToDouble(ClusterAnalysis.Cluster::rgcKpc).toArray();
        double[] y = in.stream().mapToDouble(c -> e == null ? c.fehMean() : c.paper()[e.ordinal()].mean()).toArray();
        double lo = Arrays.stream(rk).min().orElse(6);
        double hi = Arrays.stream(rk).max().orElse(12);
        int steps = 60;
        double[] lr = new double[steps + 1];
        double[] line = new double[steps + 1];
        double[] band = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            lr[k] = lo + (hi - lo) * k / steps;
            line[k] = g.fit().at(lr[k]);
            band[k] = g.fit().band95(lr[k]);
        }
        String label = e == null ? "[Fe/H]" : "[" + e.symbol() + "/Fe]";
        Posterior corrected = g.corrected();
        return Figures.gradient(label, rk, y, line, lr, band, String.format(Locale.ROOT,
                "%s, Model %s: slope of the predicted values %.4f ± %.4f dex/kpc%s; band: 95%% credible band of the "
                        + "mean relation", g.sample().key(), g.fit().model(), g.fit().slope().mean(), g.fit().slope().sd(),
                corrected == null ? "" : String.format(Locale.ROOT, ", corrected on held-out members %.4f ± %.4f",
                        corrected.mean(), corrected.sd())));
    }

    /** Counts, per-stage times and the peak heap: what {@code bench} reads back. */
    static void writeBuildJson(Build.Result r, List<Stages.Stage> stages, long peakHeap, Path dir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("seed", r.settings().seed());
        root.put("lamost_spectra", r.spectra());
        root.put("predicted_spectra", r.predicted());
        root.put("flagged_spectra", r.flagged());
        root.put("training_stars", r.sample().size());
        root.put("held_out_members", r.sample().heldOutSize());
        root.put("served_model", r.served().key());
        root.put("lamost_members", r.science().members().memberCount());
        root.put("clusters_with_members", r.clusters().size());
        root.put("clusters_in_gradient", r.clusters().stream().filter(ClusterAnalysis.Cluster::inGradient).count());
        root.put("peak_heap_mb", peakHeap / (1024 * 1024));
        ArrayNode st = root.putArray("stages");
        double total = 0;
        for (Stages.Stage s : stages) {
            ObjectNode o = st.addObject();
            o.put("stage", s.name());
            o.put("seconds", round(s.seconds(), 2));
            o.put("peak_heap_mb", s.peakHeapBytes() / (1024 * 1024));
            total += s.seconds();
        }
        root.put("total_seconds", round(total, 1));
        JSON.writeValue(dir.resolve(BUILD_JSON).toFile(), root);
    }

    private static ObjectNode modelCard(Build.Result r) {
        ObjectNode card = JSON.createObjectNode();
        card.put("description", "XGBoost quantile models of GALAH DR4 [X/Fe] on LAMOST DR11 LRS: family 'paper' on"
                + " teff, logg, feh; family 'alpha_m' on the same and LAMOST [alpha/M] (missing allowed);"
                + " prediction = median, sigma = (q84 - q16) / 2");
        card.put("served", r.served().key());
        card.put("served_rule", SERVED_RULE);
        card.set("cuts", JSON.valueToTree(r.settings().cuts()));
        card.set("training_settings", JSON.valueToTree(r.settings().training()));
        ArrayNode flow = card.putArray("cut_flow");
        for (CutFlow.Step s : r.sample().cutFlow().steps()) {
            flow.addObject().put("cut", s.cut()).put("remaining", s.remaining());
        }
        card.set("feature_box", JSON.valueToTree(r.science().box()));
        ObjectNode models = card.putObject("models");
        for (Analysis.Family f : r.science().families().values()) {
            ObjectNode family = models.putObject(f.family().key());
            for (Element e : Element.values()) {
                family.set(e.key(), JSON.valueToTree(f.models().get(e).report()));
            }
        }
        return card;
    }

    static final String SERVED_RULE = "alpha.stars and /predict serve the family of lower mean test MAE over the five"
            + " elements; a star without [alpha/M] is answered by the paper's models";

    private static String modelCardMarkdown(Build.Result r) {
        StringWriter s = new StringWriter();
        PrintWriter o = new PrintWriter(s);
        o.println("# Model card: alphatap [X/Fe] models");
        o.println();
        o.println("Two families of one XGBoost model per element, trained on GALAH DR4 [X/Fe] labels: `paper` with LAMOST "
                + "DR11 LRS teff, logg and feh as the only features (Zhang et al. 2025), and `alpha_m` with LAMOST's "
                + "[α/M] as a fourth (trees of teff, logg, feh plus trees of feh and [α/M]; a missing [α/M] follows "
                + "XGBoost's learnt default). The objective is quantile regression (16th, 50th, 84th percentiles): the "
                + "median is the prediction, half the 16-84 range the per-star sigma. A star outside the training box "
                + "keeps its prediction and gets a flag. Served: `" + r.served().key() + "` (" + SERVED_RULE + ").");
        o.println();
        o.println("## Sample");
        o.println();
        o.print(r.sample().cutFlow().toMarkdown());
        o.println();
        o.println("Split: 75% train / 25% test, decided by each star's Gaia DR3 id; 5-fold cross-validation on the "
                + "training part, folds also by id. Settings: " + r.settings().training().folds() + " folds, grid max_depth "
                + Arrays.toString(r.settings().training().depths()) + " x rounds "
                + Arrays.toString(r.settings().training().rounds()) + ", eta " + r.settings().training().eta()
                + ", seed " + r.settings().training().seed() + ". Cluster members are never trained on: "
                + r.sample().heldOutSize() + " of them passed every cut and are held out to check the clusters.");
        o.println();
        FeatureBox b = r.science().box();
        o.println("Training box: teff " + b.teffMin() + " to " + b.teffMax() + " K, logg " + b.loggMin() + " to "
                + b.loggMax() + ", feh " + b.fehMin() + " to " + b.fehMax() + " dex, [α/M] " + b.alphaMin() + " to "
                + b.alphaMax() + " dex.");
        o.println();
        o.println("## Metrics (test set)");
        o.println();
        o.print(metricsTable(r));
        o.println();
        o.print(coverageTable(r));
        o.println();
        o.println("Skill = 1 - MAE / MAE(baseline). The running median is [X/Fe] in 0.1-dex [Fe/H] bins: a skill near "
                + "zero against it means the model adds little beyond the [X/Fe]-[Fe/H] trend (science-notes §6).");
        o.println();
        o.print(readoutNote());
        o.flush();
        return s.toString();
    }

    private static String metricsTable(Build.Result r) {
        StringBuilder s = new StringBuilder("| model | element | n train | n test | depth | rounds | MAE | RMSE | "
                + "MAE median | MAE running median | skill vs running | ±1σ | ±2σ | median σ | calibration slope | "
                + "importance teff/logg/feh/[α/M] | [Fe/H] trend | label range |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n");
        for (Analysis.Family f : r.science().families().values()) {
            for (Element e : Element.values()) {
                ModelTraining.Report m = f.models().get(e).report();
                double total = m.importance().values().stream().mapToDouble(Double::doubleValue).sum();
                QuantileReadout line = m.readout();
                s.append(String.format(Locale.ROOT,
                        "| %s | %s | %d | %d | %d | %d | %.4f | %.4f | %.4f | %.4f | %.3f | %.3f | %.3f | %.4f | %.3f "
                                + "| %.2f/%.2f/%.2f/%.2f | %+.4f %+.4f·[Fe/H] | [%.2f, %.2f] |%n",
                        f.family().key(), e.symbol(), m.nTrain(), m.nTest(), m.best().maxDepth(), m.best().rounds(),
                        m.test().mae(), m.test().rmse(), m.medianBaseline().mae(), m.runningMedianBaseline().mae(),
                        m.test().skillAgainst(m.runningMedianBaseline()), m.coverage().within1Sigma(),
                        m.coverage().within2Sigma(), m.medianSigma(), m.calibrationSlope(),
                        share(m, "teff", total), share(m, "logg", total), share(m, "feh", total),
                        share(m, "alpha_m", total), line.trendIntercept(), line.trendSlope(), line.labelMin(),
                        line.labelMax()));
            }
        }
        return s.toString();
    }

    private static double share(ModelTraining.Report m, String feature, double total) {
        return m.importance().getOrDefault(feature, 0.0) / total;
    }

    /** ±1σ and ±2σ coverage of the test labels in S/N bins. */
    private static String coverageTable(Build.Result r) {
        StringBuilder s = new StringBuilder("Coverage of the test labels by the predicted σ, in bins of LAMOST snrg "
                + "(±1σ / ±2σ, test stars; targets 0.68 / 0.95):\n\n| model | element |");
        List<ModelTraining.Coverage> bins = r.science().servedFamily().models().get(Element.O).report().coverageBySnr();
        for (ModelTraining.Coverage c : bins) {
            s.append(Double.isInfinite(c.snrMax()) ? String.format(Locale.ROOT, " snrg ≥ %.0f |", c.snrMin())
                    : String.format(Locale.ROOT, " %.0f–%.0f |", Math.max(c.snrMin(), r.settings().cuts().lamostSnrMin()),
                            c.snrMax()));
        }
        s.append("\n|---|---|").append("---|".repeat(bins.size())).append('\n');
        for (Analysis.Family f : r.science().families().values()) {
            for (Element e : Element.values()) {
                s.append("| ").append(f.family().key()).append(" | ").append(e.symbol()).append(" |");
                for (ModelTraining.Coverage c : f.models().get(e).report().coverageBySnr()) {
                    s.append(String.format(Locale.ROOT, " %.3f / %.3f (%d) |", c.within1Sigma(), c.within2Sigma(), c.n()));
                }
                s.append('\n');
            }
        }
        return s.toString();
    }

    /** How a prediction is made from the trees, and what that does to the calibration slope. */
    private static String readoutNote() {
        return "Each model is a least-squares line in [Fe/H] (the trend column) plus boosted trees fitted to the "
                + "residuals about it, with the 16th, 50th and 84th percentiles as targets. Trees alone approximate a "
                + "slope by shrunken steps and flatten it where training stars are few, as for the giants that "
                + "dominate distant clusters; the line keeps the trend out of their reach. The training labels are "
                + "cut to the label range (the paper's cuts), so the trees learn a truncated distribution; each "
                + "prediction undoes the cut, taking the scatter as Gaussian, and so estimates the uncut [X/Fe] "
                + "(a cut reaching more than half a sigma past the mean is undone only that far). "
                + "For Ca, whose range [-0.1, 0.35] reaches into the distribution at supersolar [Fe/H], the test "
                + "labels are cut and the predictions are not: its calibration slope below 1 measures the cut, not "
                + "a mis-scaled model. A per-star prediction is the best guess for that star, so it is pulled "
                + "toward the trend by the noise of its inputs (LAMOST's [Fe/H] by about 3%, [α/M] by far more); "
                + "averages of such predictions over a cluster's members keep that pull.\n";
    }

    private static String report(Build.Result r, JsonNode truth) {
        StringWriter s = new StringWriter();
        PrintWriter o = new PrintWriter(s);
        long inGradient = r.clusters().stream().filter(ClusterAnalysis.Cluster::inGradient).count();
        o.println("# alphatap science report");
        o.println();
        o.println("Inputs: `" + r.inputs().lamost().getFileName() + "`, `" + r.inputs().galah().getFileName() + "`, `"
                + r.inputs().clusters().getFileName() + "`, `" + r.inputs().members().getFileName() + "`"
                + (truth == null ? "" : " (a mock survey, chemistry `" + truth.get("config").get("chemistry").asText()
                        + "`: its truth.json is compared below)")
                + "; the real OCCAM DR16 clusters (`" + DataDirectory.ANCHORS + "/`) as reference. Seed "
                + r.settings().seed() + ".");
        o.println();
        o.println("## Summary");
        o.println();
        o.printf(Locale.ROOT, "- LAMOST spectra: %,d; with predictions: %,d; carrying a flag: %,d%n", r.spectra(),
                r.predicted(), r.flagged());
        o.printf(Locale.ROOT, "- Training stars after the common cuts: %,d (paper: 27,712); per element: %s; "
                + "cluster members held out of training: %,d%n", r.sample().size(), perElementCounts(r),
                r.sample().heldOutSize());
        o.printf(Locale.ROOT, "- LAMOST spectra matched to a GALAH star: %s%n", r.sample().matches());
        o.printf(Locale.ROOT, "- Cluster members found in LAMOST: %,d in %,d clusters; with probability >= %.2f and a "
                + "prediction: %,d clusters; bound open clusters (Hunt & Reffert type o) with >= %d such members, in "
                + "the gradient fits: %,d (paper: 760, moving groups included)%n",
                r.science().members().memberCount(), r.science().members().byCluster().size(),
                r.settings().minProbability(), r.clusters().size(), r.settings().minMembers(), inGradient);
        o.printf(Locale.ROOT, "- Served model family: `%s` (%s)%n", r.served().key(), SERVED_RULE);
        o.println();
        o.println("## What the gradients measure");
        o.println();
        o.print(meaning());
        o.println();
        o.println("## Table 2 equivalent: radial gradients against the paper, the truth and the real clusters");
        o.println();
        o.print(headline(r, truth));
        o.println();
        o.print(misses(r, truth));
        o.println();
        o.println("## Held-out cluster members: what the predictions miss");
        o.println();
        o.print(heldOut(r, truth));
        o.println();
        o.println("## Echo diagnostic: the gradient at fixed [Fe/H]");
        o.println();
        o.print(echo(r, truth));
        o.println();
        o.println("## Every fit");
        o.println();
        o.println("Model P is the paper-compatible homoscedastic fit (= least squares), Model H adds each cluster's error "
                + "and an intrinsic scatter. The total interval adds the slope's spread over " + r.settings().bootstrapModels()
                + " models refitted on bootstrap resamples of the training split; the corrected one, the held-out check.");
        o.println();
        o.print(allFits(r, truth));
        o.println();
        for (Element e : Element.values()) {
            o.println("![" + e.symbol() + "](" + FIGURES + "/" + Figures.gradientName(e.key()) + ".png)");
        }
        o.println("![Fe](" + FIGURES + "/" + Figures.gradientName(Gradients.IRON) + ".png)");
        o.println();
        o.println("## Reading the surveys");
        o.println();
        for (ReadReport rr : r.science().reads()) {
            o.println("- " + rr.summary().replace("\n", "\n  "));
        }
        o.println();
        o.println("## Training sample: cut flow");
        o.println();
        o.print(r.sample().cutFlow().toMarkdown());
        o.println();
        o.println("## Models against baselines (paper Fig. 1)");
        o.println();
        o.print(metricsTable(r));
        o.println();
        o.print(coverageTable(r));
        o.println();
        o.print(readoutNote());
        o.println();
        for (Element e : Element.values()) {
            o.println("![" + e.symbol() + "](" + FIGURES + "/" + Figures.performanceName(e.key()) + ".png)");
        }
        o.println();
        o.println("## Table 1 equivalent: the paper's extract");
        o.println();
        o.print(table1(r, TABLE1));
        o.println();
        o.println("All " + r.clusters().size() + " clusters: `table1.csv` and the table `alpha.clusters` (the served "
                + "family's values; each element's `_err` adds the shared offset τ measured on held-out members).");
        o.println();
        o.println("## Stages");
        o.println();
        o.println("| stage | seconds | peak heap (MB) |\n|---|---:|---:|");
        for (Stages.Stage st : r.stages()) {
            o.printf(Locale.ROOT, "| %s | %.1f | %d |%n", st.name(), st.seconds(), st.peakHeapBytes() >> 20);
        }
        o.printf(Locale.ROOT, "%nPeak heap over the build: %d MB. The report stage itself is timed in build.json.%n",
                r.peakHeapBytes() >> 20);
        o.flush();
        return s.toString();
    }

    /** What each slope is, and is not: the words the column descriptions and the landing page repeat. */
    static String meaning() {
        return "- **slope** (Model H): the total radial change of the *predicted* cluster [X/Fe] against R_GC. For a "
                + "model of Teff, log g and [Fe/H] it is the clusters' [Fe/H] gradient seen through the field's "
                + "[X/Fe]-[Fe/H] trend (the echo); [α/M] adds what the members' mean [α/M] carries. It is the "
                + "clusters' own [X/Fe] gradient only if clusters follow the field trend, which the real ones do not.\n"
                + "- **partial slope**: the radial change at fixed [Fe/H], from the joint fit on R_GC and [Fe/H]. Near "
                + "zero for predicted values by construction; the real OCCAM clusters have one.\n"
                + "- **corrected slope**: the slope plus the radial trend of what the predictions miss on clusters "
                + "whose members GALAH measured and training never saw (prediction-powered inference, Angelopoulos "
                + "et al. 2023). It estimates the clusters' true total [X/Fe] gradient; its interval carries the "
                + "correction's uncertainty, so it is wide where few held-out clusters are.\n"
                + "- **galah_members** rows: the gradient clusters with held-out members, as GALAH measured them (the "
                + "mean label of those members): few clusters, noisy, but measured; their scatter is the clusters' own.\n"
                + "- **occam_dr16** rows: the real APOGEE clusters (Donor et al. 2020) through the same code; APOGEE's "
                + "zero points differ from GALAH's, so compare slopes, not intercepts.\n";
    }

    private static String perElementCounts(Build.Result r) {
        StringBuilder s = new StringBuilder();
        for (Element e : Element.values()) {
            s.append(e.symbol()).append(' ').append(String.format(Locale.ROOT, "%,d", r.sample().count(e)))
                    .append(e == Element.TI ? "" : ", ");
        }
        return s.toString();
    }

    /** The Model H row of a sample and element, or null (the held-out members may be too few for one). */
    private static Gradients.Row row(Build.Result r, Gradients.Sample sample, String element) {
        return r.gradients().stream().filter(g -> g.sample() == sample && g.element().equals(element)
                && g.fit().model() == GradientFit.Model.H).findFirst().orElse(null);
    }

    /** Paper, truth, ours with and without [α/M] (plain and corrected), OCCAM: Model H slopes, 95% intervals. */
    private static String headline(Build.Result r, JsonNode truth) {
        StringBuilder s = new StringBuilder("| element | paper (Table 2) |" + (truth == null ? ""
                : " mock truth: total / at fixed [Fe/H] / scatter |") + " paper model | paper model, corrected |"
                + " [α/M] model | [α/M] model, corrected | held-out GALAH members: slope / scatter | OCCAM DR16 |"
                + " OCCAM at fixed [Fe/H] |\n|---|---|" + (truth == null ? "" : "---|") + "---|---|---|---|---|---|---|\n");
        for (Element e : Element.values()) {
            Gradients.Row paper = row(r, Gradients.Sample.PAPER_MODEL, e.key());
            Gradients.Row alpha = row(r, Gradients.Sample.ALPHA_M_MODEL, e.key());
            Gradients.Row occam = row(r, Gradients.Sample.OCCAM_DR16, e.key());
            Gradients.Row galah = row(r, Gradients.Sample.GALAH_MEMBERS, e.key());
            s.append(String.format(Locale.ROOT, "| [%s/Fe] | %.3f |", e.symbol(), PAPER_SLOPE[e.ordinal()]));
            if (truth != null) {
                JsonNode t = truth.get("gradients").get(e.key());
                s.append(String.format(Locale.ROOT, " %.4f / %.4f / %.3f |", t.get("slope_total").asDouble(),
                        t.get("slope_at_fixed_feh").asDouble(), t.get("scatter").asDouble()));
            }
            s.append(' ').append(interval(paper.fit().slope())).append(" | ").append(interval(paper.corrected()))
                    .append(" | ").append(interval(alpha.fit().slope())).append(" | ")
                    .append(interval(alpha.corrected())).append(" | ")
                    .append(galah == null ? "–" : interval(galah.fit().slope()) + String.format(Locale.ROOT, " / %.3f",
                            galah.fit().scatter().mean()))
                    .append(" | ").append(interval(occam.fit().slope()))
                    .append(" | ").append(interval(occam.joint().slope())).append(" |\n");
        }
        return s.toString();
    }

    /** With numbers: how far the paper's method is from the truth (mock) and from the real clusters. */
    private static String misses(Build.Result r, JsonNode truth) {
        StringBuilder s = new StringBuilder("What the paper's model misses, per element (Model H, dex/kpc): its slope "
                + "less " + (truth == null ? "" : "the mock's true total gradient and less ") + "OCCAM's, each in units "
                + "of the combined sd.\n\n| element | paper model |" + (truth == null ? "" : " − truth |")
                + " − OCCAM | partial slope: paper model | OCCAM |\n|---|---|" + (truth == null ? "" : "---|")
                + "---|---|---|\n");
        for (Element e : Element.values()) {
            Gradients.Row paper = row(r, Gradients.Sample.PAPER_MODEL, e.key());
            Gradients.Row occam = row(r, Gradients.Sample.OCCAM_DR16, e.key());
            Posterior p = paper.fit().slope();
            s.append(String.format(Locale.ROOT, "| [%s/Fe] | %.4f ± %.4f |", e.symbol(), p.mean(), p.sd()));
            if (truth != null) {
                double t = truth.get("gradients").get(e.key()).get("slope_total").asDouble();
                s.append(String.format(Locale.ROOT, " %+.4f (%+.1fσ) |", p.mean() - t, (p.mean() - t) / p.sd()));
            }
            Posterior q = occam.fit().slope();
            double d = p.mean() - q.mean();
            s.append(String.format(Locale.ROOT, " %+.4f (%+.1fσ) | %s | %s |%n", d, d / Math.hypot(p.sd(), q.sd()),
                    posterior(paper.joint().slope()), posterior(occam.joint().slope())));
        }
        return s.toString();
    }

    private static String heldOut(Build.Result r, JsonNode truth) {
        StringBuilder s = new StringBuilder("For each gradient cluster with members that GALAH measured and training "
                + "never saw, d = mean(GALAH label − prediction). Model H of d against R_GC: τ is the cluster-to-cluster "
                + "scatter of d, the offset a cluster's members share (a cluster value's error is its standard error and "
                + "τ in quadrature); the slope is the radial trend the predictions miss, added to make the corrected "
                + "gradient.\n\n| model | element | clusters | stars | τ (dex) | missed slope (dex/kpc) |"
                + (truth == null ? "" : " true cluster scatter |") + "\n|---|---|---:|---:|---|---|"
                + (truth == null ? "" : "---|") + "\n");
        for (Gradients.Row g : r.gradients()) {
            if (g.heldOut() == null || g.fit().model() != GradientFit.Model.H) {
                continue;
            }
            HeldOutCheck.Result c = g.heldOut();
            s.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.4f [%.4f, %.4f] | %s |", g.sample().family().key(),
                    g.element(), c.clusters(), c.stars(), c.tau(), c.bias().scatter().lo95(), c.bias().scatter().hi95(),
                    posterior(c.bias().slope())));
            if (truth != null) {
                s.append(String.format(Locale.ROOT, " %.4f |", truth.get("gradients").get(g.element()).get("scatter")
                        .asDouble()));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String echo(Build.Result r, JsonNode truth) {
        StringBuilder s = new StringBuilder();
        s.append("Each cluster value is fitted jointly on R_GC and the cluster's mean [Fe/H] (Model H). A model that sees "
                + "only Teff, log g and [Fe/H] can produce a radial gradient only through [Fe/H] (and Teff/log g "
                + "leakage): its partial slope at fixed [Fe/H] should be near zero, and its gradient about the "
                + "[X/Fe]-[Fe/H] coefficient times the [Fe/H] gradient (science-notes §6.2). The counterfactual columns "
                + "predict every member as one reference star (least-squares slopes): their difference to the real "
                + "gradient is what the members' Teff and log g leak into it.\n\n");
        for (Gradients.Sample sample : Gradients.Sample.values()) {
            Gradients.Row fe = row(r, sample, Gradients.IRON);
            if (fe == null) {
                continue;
            }
            s.append(String.format(Locale.ROOT, "Cluster [Fe/H] gradient, %s (Model H): %s dex/kpc.%n", sample.key(),
                    posterior(fe.fit().slope())));
        }
        s.append("\n| sample | element | gradient | partial slope at fixed [Fe/H] | [Fe/H] coefficient | all members as a "
                + "4800 K, 2.5 giant | as a 5800 K, 4.3 dwarf |" + (truth == null ? "" : " true at fixed [Fe/H] | true [Fe/H] coefficient |")
                + "\n|---|---|---|---|---|---|---|" + (truth == null ? "" : "---|---|") + "\n");
        for (Gradients.Row g : r.gradients()) {
            if (g.joint() == null || g.fit().model() != GradientFit.Model.H) {
                continue;
            }
            GradientFit.Joint j = g.joint();
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |", g.sample().key(), g.element(),
                    posterior(g.fit().slope()), posterior(j.slope()), posterior(j.feh()), number(g.giantSlope()),
                    number(g.dwarfSlope())));
            if (truth != null) {
                JsonNode t = truth.get("gradients").get(g.element());
                s.append(String.format(Locale.ROOT, " %.4f | %.3f |", t.get("slope_at_fixed_feh").asDouble(),
                        t.get("feh_coefficient").asDouble()));
            }
            s.append('\n');
        }
        if (truth != null && truth.get("config").get("extra_gradient_dex_per_kpc").asDouble() != 0) {
            s.append(String.format(Locale.ROOT, "%nThis mock carries an extra gradient of %.4f dex/kpc at fixed [Fe/H]. "
                    + "Where the recovered gradient falls short of the true one by about that much, and the partial "
                    + "slope stays near zero, the models have missed it: the echo diagnostic at work. The corrected "
                    + "gradient should find it again.%n", truth.get("config").get("extra_gradient_dex_per_kpc").asDouble()));
        }
        return s.toString();
    }

    private static String table1(Build.Result r, List<String> names) {
        Set<String> wanted = Set.copyOf(names);
        StringBuilder s = new StringBuilder("| name | RA | Dec | R_GC (pc) | n | [O/Fe] | [Mg/Fe] | [Si/Fe] | [Ca/Fe] | [Ti/Fe] |\n"
                + "|---|---|---|---:|---:|---|---|---|---|---|\n");
        ColumnTable<ClusterColumn> t = r.science().clusterTable();
        for (ClusterAnalysis.Cluster c : r.clusters()) {
            String name = ClusterColumn.normaliseName(t.text(ClusterColumn.NAME, c.row()));
            if (!wanted.contains(name)) {
                continue;
            }
            double ra = t.real(ClusterColumn.RA_ICRS, c.row());
            double dec = t.real(ClusterColumn.DE_ICRS, c.row());
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %d |", name, Sexagesimal.hours(ra),
                    Sexagesimal.degrees(dec), c.rgcPc(), c.members().size()));
            for (Element e : Element.values()) {
                var p = c.paper()[e.ordinal()];
                s.append(String.format(Locale.ROOT, " %.3f/%s |", p.mean(),
                        Double.isNaN(p.std()) ? "–" : String.format(Locale.ROOT, "%.3f", p.std())));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static void writeTable1Csv(Build.Result r, Path file) throws IOException {
        StringBuilder s = new StringBuilder("name,ra,dec,rgc_pc,n_members,in_gradient,model");
        for (Element e : Element.values()) {
            s.append(',').append(e.key()).append("_fe_mean,").append(e.key()).append("_fe_std");
        }
        s.append('\n');
        ColumnTable<ClusterColumn> t = r.science().clusterTable();
        for (ClusterAnalysis.Cluster c : r.clusters()) {
            s.append(String.format(Locale.ROOT, "%s,%.5f,%.5f,%.3f,%d,%s,%s",
                    ClusterColumn.normaliseName(t.text(ClusterColumn.NAME, c.row())), t.real(ClusterColumn.RA_ICRS, c.row()),
                    t.real(ClusterColumn.DE_ICRS, c.row()), c.rgcPc(), c.members().size(), c.inGradient(),
                    r.served().key()));
            for (Element e : Element.values()) {
                var p = c.paper()[e.ordinal()];
                s.append(String.format(Locale.ROOT, ",%.4f,%s", p.mean(),
                        Double.isNaN(p.std()) ? "" : String.format(Locale.ROOT, "%.4f", p.std())));
            }
            s.append('\n');
        }
        Files.writeString(file, s);
    }

    private static String allFits(Build.Result r, JsonNode truth) {
        StringBuilder s = new StringBuilder("| sample | relation | model | N | slope mean ± sd [95%] | model sd | "
                + "total 95% | corrected [95%] | intercept at 0 mean ± sd [95%] | at 8 kpc | scatter |"
                + (truth == null ? "" : " truth slope | truth in 95%? | in corrected? |")
                + "\n|---|---|---|---:|---|---|---|---|---|---|---|" + (truth == null ? "" : "---|---|---|") + "\n");
        for (Gradients.Row g : r.gradients()) {
            GradientFit.Result f = g.fit();
            boolean iron = g.element().equals(Gradients.IRON);
            String label = iron ? "[Fe/H]" : "[" + Element.valueOf(g.element().toUpperCase(Locale.ROOT)).symbol() + "/Fe]";
            double[] total = g.total95();
            Posterior c = g.corrected();
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %s | %s | %s | %.4f ± %.4f | %s |",
                    g.sample().key(), label, f.model(), f.n(), posterior(f.slope()), number(g.modelSd()),
                    g.sample().family() == null ? "–" : String.format(Locale.ROOT, "[%.4f, %.4f]", total[0], total[1]),
                    c == null ? "–" : posterior(c), posterior(f.interceptZero()), f.interceptR0().mean(),
                    f.interceptR0().sd(), f.scatter() == null ? "–" : String.format(Locale.ROOT, "%.4f", f.scatter().mean())));
            if (truth != null) {
                double t = truth.get("gradients").get(g.element()).get("slope_total").asDouble();
                s.append(String.format(Locale.ROOT, " %.4f | %s | %s |", t, f.slope().contains(t) ? "yes" : "**no**",
                        c == null ? "–" : c.contains(t) ? "yes" : "**no**"));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String interval(Posterior p) {
        return p == null ? "–" : String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", p.mean(), p.lo95(), p.hi95());
    }

    private static String posterior(Posterior p) {
        return String.format(Locale.ROOT, "%.4f ± %.4f [%.4f, %.4f]", p.mean(), p.sd(), p.lo95(), p.hi95());
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}

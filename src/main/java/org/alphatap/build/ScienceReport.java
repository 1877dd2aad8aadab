package org.alphatap.build;

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
import org.alphatap.science.GradientFit;
import org.alphatap.science.Gradients;
import org.alphatap.science.ModelTraining;
import org.alphatap.science.QuantileReadout;
import org.alphatap.survey.ClusterColumn;
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
            ModelTraining.TestSet t = r.models().get(e).test();
            Figures.write(Figures.predictedVsObserved(e.symbol(), t.truth(), t.predicted()), figures,
                    Figures.performanceName(e.key()));
        }
        for (Gradients.Row g : r.gradients()) {
            if (g.fit().model() == GradientFit.Model.H) {
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
        return Figures.gradient(label, rk, y, line, lr, band, String.format(Locale.ROOT,
                "Model %s: slope %.4f ± %.4f dex/kpc; band: 95%% credible band of the mean relation",
                g.fit().model(), g.fit().slope().mean(), g.fit().slope().sd()));
    }

    /** Counts, per-stage times and the peak heap: what {@code bench} reads back. */
    static void writeBuildJson(Build.Result r, List<Stages.Stage> stages, long peakHeap, Path dir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("seed", r.settings().seed());
        root.put("lamost_spectra", r.spectra());
        root.put("predicted_spectra", r.predicted());
        root.put("flagged_spectra", r.flagged());
        root.put("training_stars", r.sample().size());
        root.put("lamost_members", r.members().memberCount());
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
        card.put("description", "XGBoost quantile models of GALAH DR4 [X/Fe] on LAMOST DR11 LRS (teff, logg, feh);"
                + " prediction = median, sigma = (q84 - q16) / 2");
        card.set("cuts", JSON.valueToTree(r.settings().cuts()));
        card.set("training_settings", JSON.valueToTree(r.settings().training()));
        ArrayNode flow = card.putArray("cut_flow");
        for (CutFlow.Step s : r.sample().cutFlow().steps()) {
            flow.addObject().put("cut", s.cut()).put("remaining", s.remaining());
        }
        card.set("feature_box", JSON.valueToTree(r.box()));
        ObjectNode models = card.putObject("models");
        for (Element e : Element.values()) {
            models.set(e.key(), JSON.valueToTree(r.models().get(e).report()));
        }
        return card;
    }

    private static String modelCardMarkdown(Build.Result r) {
        StringWriter s = new StringWriter();
        PrintWriter o = new PrintWriter(s);
        o.println("# Model card: alphatap [X/Fe] models");
        o.println();
        o.println("One XGBoost model per element, trained on GALAH DR4 [X/Fe] labels with LAMOST DR11 LRS teff, logg, "
                + "feh as the only features (Zhang et al. 2025). The objective is quantile regression (16th, 50th, "
                + "84th percentiles): the median is the prediction, half the 16-84 range the per-star sigma. A star "
                + "outside the training box (below) keeps its prediction and gets a flag.");
        o.println();
        o.println("## Sample");
        o.println();
        o.print(r.sample().cutFlow().toMarkdown());
        o.println();
        o.println("Split: 75% train / 25% test, decided by each star's Gaia DR3 id; 5-fold cross-validation on the "
                + "training part, folds also by id. Settings: " + r.settings().training().folds() + " folds, grid max_depth "
                + Arrays.toString(r.settings().training().depths()) + " x rounds "
                + Arrays.toString(r.settings().training().rounds()) + ", eta " + r.settings().training().eta()
                + ", seed " + r.settings().training().seed() + ".");
        o.println();
        o.println("Training box: teff " + r.box().teffMin() + " to " + r.box().teffMax() + " K, logg "
                + r.box().loggMin() + " to " + r.box().loggMax() + ", feh " + r.box().fehMin() + " to "
                + r.box().fehMax() + " dex.");
        o.println();
        o.println("## Metrics (test set)");
        o.println();
        o.print(metricsTable(r));
        o.println();
        o.println("Skill = 1 - MAE / MAE(baseline). The running median is [X/Fe] in 0.1-dex [Fe/H] bins: a skill near "
                + "zero against it means the model adds little beyond the [X/Fe]-[Fe/H] trend (science-notes §6).");
        o.println();
        o.print(readoutNote());
        o.flush();
        return s.toString();
    }

    private static String metricsTable(Build.Result r) {
        StringBuilder s = new StringBuilder("| element | n train | n test | depth | rounds | MAE | RMSE | MAE median | "
                + "MAE running median | skill vs running | coverage ±1σ | median σ | calibration slope | "
                + "importance teff/logg/feh | [Fe/H] trend | label range |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n");
        for (Element e : Element.values()) {
            ModelTraining.Report m = r.models().get(e).report();
            double total = m.importance().values().stream().mapToDouble(Double::doubleValue).sum();
            QuantileReadout line = m.readout();
            s.append(String.format(Locale.ROOT,
                    "| %s | %d | %d | %d | %d | %.4f | %.4f | %.4f | %.4f | %.3f | %.3f | %.4f | %.3f | %.2f/%.2f/%.2f "
                            + "| %+.4f %+.4f·[Fe/H] | [%.2f, %.2f] |%n",
                    e.symbol(), m.nTrain(), m.nTest(), m.best().maxDepth(), m.best().rounds(), m.test().mae(),
                    m.test().rmse(), m.medianBaseline().mae(), m.runningMedianBaseline().mae(),
                    m.test().skillAgainst(m.runningMedianBaseline()), m.coverage1Sigma(), m.medianSigma(),
                    m.calibrationSlope(), m.importance().getOrDefault("teff", 0.0) / total, m.importance().getOrDefault("logg", 0.0) / total,
                    m.importance().getOrDefault("feh", 0.0) / total, line.trendIntercept(), line.trendSlope(),
                    line.labelMin(), line.labelMax()));
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
                + "a mis-scaled model.\n";
    }

    private static String report(Build.Result r, JsonNode truth) {
        StringWriter s = new StringWriter();
        PrintWriter o = new PrintWriter(s);
        long inGradient = r.clusters().stream().filter(ClusterAnalysis.Cluster::inGradient).count();
        o.println("# alphatap science report");
        o.println();
        o.println("Inputs: `" + r.inputs().lamost().getFileName() + "`, `" + r.inputs().galah().getFileName() + "`, `"
                + r.inputs().clusters().getFileName() + "`, `" + r.inputs().members().getFileName() + "`"
                + (truth == null ? "" : " (a mock survey: its truth.json is compared below)") + ". Seed "
                + r.settings().seed() + ".");
        o.println();
        o.println("## Summary");
        o.println();
        o.printf(Locale.ROOT, "- LAMOST spectra: %,d; with predictions: %,d; carrying a flag: %,d%n", r.spectra(),
                r.predicted(), r.flagged());
        o.printf(Locale.ROOT, "- Training stars after the common cuts: %,d (paper: 27,712); per element: %s%n",
                r.sample().size(), perElementCounts(r));
        o.printf(Locale.ROOT, "- LAMOST spectra matched to a GALAH star: %s%n", r.sample().matches());
        o.printf(Locale.ROOT, "- Cluster members found in LAMOST: %,d in %,d clusters; with probability >= %.2f and a "
                + "prediction: %,d clusters; with >= %d such members (in the gradient fits): %,d (paper: 760)%n",
                r.members().memberCount(), r.members().byCluster().size(), r.settings().minProbability(),
                r.clusters().size(), r.settings().minMembers(), inGradient);
        o.println();
        o.println("## Reading the surveys");
        o.println();
        for (ReadReport rr : r.reads()) {
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
        o.println("All " + r.clusters().size() + " clusters: `table1.csv` and the table `alpha.clusters`.");
        o.println();
        o.println("## Table 2 equivalent: radial gradients");
        o.println();
        o.println("The 95% interval is Model H's (or Model P's) posterior, which takes the cluster values as given; "
                + "the model sd is the slope's spread over " + r.settings().bootstrapModels() + " models refitted on "
                + "bootstrap resamples of the training stars, and the total interval adds it in quadrature.");
        o.println();
        o.print(table2(r, truth));
        o.println();
        for (Element e : Element.values()) {
            o.println("![" + e.symbol() + "](" + FIGURES + "/" + Figures.gradientName(e.key()) + ".png)");
        }
        o.println("![Fe](" + FIGURES + "/" + Figures.gradientName(Gradients.IRON) + ".png)");
        o.println();
        o.println("## Echo diagnostic");
        o.println();
        o.print(echo(r, truth));
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

    private static String perElementCounts(Build.Result r) {
        StringBuilder s = new StringBuilder();
        for (Element e : Element.values()) {
            s.append(e.symbol()).append(' ').append(String.format(Locale.ROOT, "%,d", r.sample().count(e)))
                    .append(e == Element.TI ? "" : ", ");
        }
        return s.toString();
    }

    private static String table1(Build.Result r, List<String> names) {
        Set<String> wanted = Set.copyOf(names);
        StringBuilder s = new StringBuilder("| name | RA | Dec | R_GC (pc) | n | [O/Fe] | [Mg/Fe] | [Si/Fe] | [Ca/Fe] | [Ti/Fe] |\n"
                + "|---|---|---|---:|---:|---|---|---|---|---|\n");
        for (ClusterAnalysis.Cluster c : r.clusters()) {
            String name = ClusterColumn.normaliseName(r.clusterTable().text(ClusterColumn.NAME, c.row()));
            if (!wanted.contains(name)) {
                continue;
            }
            double ra = r.clusterTable().real(ClusterColumn.RA_ICRS, c.row());
            double dec = r.clusterTable().real(ClusterColumn.DE_ICRS, c.row());
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
        StringBuilder s = new StringBuilder("name,ra,dec,rgc_pc,n_members,in_gradient");
        for (Element e : Element.values()) {
            s.append(',').append(e.key()).append("_fe_mean,").append(e.key()).append("_fe_std");
        }
        s.append('\n');
        for (ClusterAnalysis.Cluster c : r.clusters()) {
            s.append(String.format(Locale.ROOT, "%s,%.5f,%.5f,%.3f,%d,%s",
                    ClusterColumn.normaliseName(r.clusterTable().text(ClusterColumn.NAME, c.row())),
                    r.clusterTable().real(ClusterColumn.RA_ICRS, c.row()),
                    r.clusterTable().real(ClusterColumn.DE_ICRS, c.row()), c.rgcPc(), c.members().size(), c.inGradient()));
            for (Element e : Element.values()) {
                var p = c.paper()[e.ordinal()];
                s.append(String.format(Locale.ROOT, ",%.4f,%s", p.mean(),
                        Double.isNaN(p.std()) ? "" : String.format(Locale.ROOT, "%.4f", p.std())));
            }
            s.append('\n');
        }
        Files.writeString(file, s);
    }

    private static String table2(Build.Result r, JsonNode truth) {
        StringBuilder s = new StringBuilder("| relation | model | N | slope (dex/kpc) mean ± sd [95%] | model sd | "
                + "total 95% | intercept at 0 mean ± sd [95%] | at 8 kpc | scatter | paper slope | paper intercept |"
                + (truth == null ? "" : " truth slope | truth in 95%? | truth in total 95%? |")
                + "\n|---|---|---:|---|---|---|---|---|---|---|---|" + (truth == null ? "" : "---|---|---|") + "\n");
        for (Gradients.Row g : r.gradients()) {
            GradientFit.Result f = g.fit();
            boolean iron = g.element().equals(Gradients.IRON);
            String label = iron ? "[Fe/H]" : "[" + Element.valueOf(g.element().toUpperCase(Locale.ROOT)).symbol() + "/Fe]";
            int k = iron ? -1 : Element.valueOf(g.element().toUpperCase(Locale.ROOT)).ordinal();
            double[] total = g.total95();
            s.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %.4f ± %.4f | %s | %s | %s |",
                    label, f.model(), f.n(), posterior(f.slope()),
                    Double.isNaN(g.modelSd()) ? "–" : String.format(Locale.ROOT, "%.4f", g.modelSd()),
                    String.format(Locale.ROOT, "[%.4f, %.4f]", total[0], total[1]), posterior(f.interceptZero()),
                    f.interceptR0().mean(),
                    f.interceptR0().sd(), f.scatter() == null ? "–" : String.format(Locale.ROOT, "%.4f", f.scatter().mean()),
                    iron ? "–" : String.format(Locale.ROOT, "%.3f", PAPER_SLOPE[k]),
                    iron ? "–" : String.format(Locale.ROOT, "%.3f", PAPER_INTERCEPT[k])));
            if (truth != null) {
                double t = truth.get("gradients").get(g.element()).get("slope_design").asDouble();
                boolean inTotal = t >= total[0] && t <= total[1];
                s.append(String.format(Locale.ROOT, " %.4f | %s | %s |", t, f.slope().contains(t) ? "yes" : "**no**",
                        inTotal ? "yes" : "**no**"));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String echo(Build.Result r, JsonNode truth) {
        StringBuilder s = new StringBuilder();
        s.append("Each cluster value is fitted jointly on R_GC and the cluster's mean LAMOST [Fe/H]. A model that sees "
                + "only Teff, log g and [Fe/H] can produce a radial gradient only through [Fe/H] (and Teff/log g "
                + "leakage): its partial slope at fixed [Fe/H] should be near zero, and its gradient should be about "
                + "the [X/Fe]-[Fe/H] coefficient times the [Fe/H] gradient (science-notes §6.2). A real gradient at "
                + "fixed [Fe/H] is invisible to it. The counterfactual columns predict every member as one reference "
                + "star (least-squares slopes): their difference to the real gradient is what the members' Teff and "
                + "log g leak into it, e.g. through giant-rich distant clusters (science-notes §6.2b).\n\n");
        double fehSlope = r.gradients().stream().filter(g -> g.element().equals(Gradients.IRON)
                && g.fit().model() == GradientFit.Model.H).findFirst().map(g -> g.fit().slope().mean()).orElse(Double.NaN);
        s.append(String.format(Locale.ROOT, "Cluster [Fe/H] gradient (Model H): %.4f dex/kpc.%n%n", fehSlope));
        s.append("| element | gradient (H) | partial slope at fixed [Fe/H] | [Fe/H] coefficient | echo = coefficient x "
                + "[Fe/H] gradient | all members as a 4800 K, 2.5 giant | as a 5800 K, 4.3 dwarf |"
                + (truth == null ? "" : " true gradient | true at fixed [Fe/H] |")
                + "\n|---|---|---|---|---|---|---|" + (truth == null ? "" : "---|---|") + "\n");
        for (Gradients.Row g : r.gradients()) {
            if (g.partial() == null || g.fit().model() != GradientFit.Model.H) {
                continue;
            }
            Gradients.Echo e = g.partial();
            s.append(String.format(Locale.ROOT, "| %s | %.4f ± %.4f | %.4f ± %.4f | %.3f ± %.3f | %.4f | %.4f | %.4f |",
                    g.element(), g.fit().slope().mean(), g.fit().slope().sd(), e.partialSlope(), e.partialSlopeErr(),
                    e.fehCoefficient(), e.fehCoefficientErr(), e.fehCoefficient() * fehSlope, e.giantSlope(),
                    e.dwarfSlope()));
            if (truth != null) {
                JsonNode t = truth.get("gradients").get(g.element());
                s.append(String.format(Locale.ROOT, " %.4f | %.4f |", t.get("slope_design").asDouble(),
                        t.get("slope_design").asDouble() - t.get("slope_visible").asDouble()));
            }
            s.append('\n');
        }
        if (truth != null && truth.get("config").get("extra_gradient_dex_per_kpc").asDouble() != 0) {
            s.append(String.format(Locale.ROOT, "%nThis mock carries an extra gradient of %.4f dex/kpc at fixed [Fe/H]. "
                    + "Where the recovered gradient falls short of the true one by about that much, and the partial "
                    + "slope stays near zero, the pipeline has missed it: the echo diagnostic at work.%n",
                    truth.get("config").get("extra_gradient_dex_per_kpc").asDouble()));
        }
        return s.toString();
    }

    private static String posterior(org.alphatap.science.Posterior p) {
        return String.format(Locale.ROOT, "%.4f ± %.4f [%.4f, %.4f]", p.mean(), p.sd(), p.lo95(), p.hi95());
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}

package org.alphatap.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.alphatap.science.AbundanceModel;
import org.alphatap.science.ClusterAnalysis;
import org.alphatap.science.ClusterMembers;
import org.alphatap.science.FeatureBox;
import org.alphatap.science.ModelGradients;
import org.alphatap.science.Gradients;
import org.alphatap.science.ModelGrid;
import org.alphatap.science.ModelTraining;
import org.alphatap.science.Predictions;
import org.alphatap.science.TrainingSample;
import org.alphatap.store.Database;
import org.alphatap.survey.ClusterColumn;
import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.Element;
import org.alphatap.survey.GalahColumn;
import org.alphatap.survey.LamostColumn;
import org.alphatap.survey.MemberColumn;
import org.alphatap.survey.Progress;
import org.alphatap.survey.ReadReport;
import org.alphatap.tap.uws.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code alphatap build}: survey files in, a data directory out — the H2 database, the model
 * files, the model card, the figures and the science report. The directory is written beside
 * the target and swapped in only when complete, so a failed build never replaces a good one.
 */
public final class Build {
    public static final String MODELS_DIR = "models";
    private static final Logger LOG = LoggerFactory.getLogger(Build.class);

    /** Everything the report needs, in memory. */
    public record Result(BuildInputs inputs, BuildSettings settings, List<ReadReport> reads, TrainingSample sample,
            Map<Element, ModelTraining.Result> models, FeatureBox box, int spectra, int predicted, int flagged,
            ClusterMembers members, List<ClusterAnalysis.Cluster> clusters, ColumnTable<ClusterColumn> clusterTable,
            List<Gradients.Row> gradients, List<Stages.Stage> stages, long peakHeapBytes, Path dataDir) {
    }

    private Build() {
    }

    public static Result run(BuildInputs in, BuildSettings s, Path dataDir, Progress progress) throws Exception {
        Path target = dataDir.toAbsolutePath().normalize();
        Path staging = target.resolveSibling(target.getFileName() + ".building");
        deleteTree(staging);
        Files.createDirectories(staging);
        Result result;
        try (Stages stages = new Stages()) {
            ColumnTable<LamostColumn> lamost = stages.run("read LAMOST", () -> ColumnTable.load(LamostColumn.reader(),
                    in.lamost(), EnumSet.complementOf(EnumSet.of(LamostColumn.DESIGNATION))));
            ColumnTable<GalahColumn> galah = stages.run("read GALAH",
                    () -> ColumnTable.load(GalahColumn.reader(), in.galah(), GalahColumn.class));
            ColumnTable<ClusterColumn> clusterTable = stages.run("read clusters",
                    () -> ColumnTable.load(ClusterColumn.reader(), in.clusters(), ClusterColumn.class));
            ColumnTable<MemberColumn> memberTable = stages.run("read members",
                    () -> ColumnTable.load(MemberColumn.reader(), in.members(), MemberColumn.class));
            List<ReadReport> reads = List.of(lamost.report(), galah.report(), clusterTable.report(),
                    memberTable.report());
            reads.forEach(r -> LOG.info(r.summary()));

            TrainingSample sample = stages.run("cross-match and cuts",
                    () -> TrainingSample.select(lamost, galah, s.cuts()));
            LOG.info("training sample: {} stars after the common cuts", sample.size());

            Path models = Files.createDirectories(staging.resolve(MODELS_DIR));
            Map<Element, ModelTraining.Result> trained = stages.run("train models", () -> {
                Map<Element, ModelTraining.Result> m = new EnumMap<>(Element.class);
                try (Progress.Task task = progress.start("train models", Element.values().length)) {
                    for (Element e : Element.values()) {
                        TrainingSample.ElementData d = sample.forElement(e, lamost, galah);
                        ModelTraining.Result r = ModelTraining.train(e, d, s.training());
                        r.model().save(models.resolve(AbundanceModel.fileName(e)));
                        m.put(e, r);
                        task.advance(e.ordinal() + 1);
                    }
                }
                return m;
            });
            // One box for all elements: the common-cut sample's feature ranges.
            FeatureBox box = sample.featureBox(lamost);
            Map<Element, ModelGrid> grids = stages.run("compile model grids", () -> {
                Map<Element, ModelGrid> m = new EnumMap<>(Element.class);
                for (Element e : Element.values()) {
                    Path file = models.resolve(ModelGrid.fileName(e));
                    ModelGrid.compile(trained.get(e).model(), file);
                    m.put(e, ModelGrid.map(file));
                }
                return m;
            });
            Predictions predictions = stages.run("predict",
                    () -> Predictions.compute(grids, box, lamost, progress));

            ClusterMembers members = stages.run("cluster members",
                    () -> ClusterMembers.match(memberTable, clusterTable, lamost, s.cuts().matchRadiusArcsec()));
            double[] sigma = new double[Element.values().length];
            trained.forEach((e, r) -> sigma[e.ordinal()] = r.report().test().rmse());
            List<ClusterAnalysis.Cluster> clusters = stages.run("cluster abundances",
                    () -> ClusterAnalysis.analyse(members, clusterTable, lamost, predictions,
                            new ClusterAnalysis.Settings(s.minProbability(), s.minMembers(), s.draws(), s.clipK(),
                                    s.clipScale(), s.ivwClipK(), sigma, s.seed())));
            List<Gradients.Row> fitted = stages.run("gradients", () -> Gradients.fit(clusters, s.r0Kpc(), s.seed()));
            List<Gradients.Row> gradients = stages.run("gradient model checks", () -> {
                ModelGradients checks = new ModelGradients(clusters, lamost);
                List<Gradients.Row> out = fitted;
                try (Progress.Task task = progress.start("model checks", Element.values().length)) {
                    for (Element e : Element.values()) {
                        AbundanceModel m = trained.get(e).model();
                        double sd = s.bootstrapModels() < 2 ? Double.NaN
                                : checks.bootstrapSd(e, sample.forElement(e, lamost, galah), trained.get(e).report().best(),
                                        s.bootstrapModels(), s.seed(), s.training().threads());
                        double giant = checks.counterfactualSlope(m, Gradients.GIANT[0], Gradients.GIANT[1]);
                        double dwarf = checks.counterfactualSlope(m, Gradients.DWARF[0], Gradients.DWARF[1]);
                        out = out.stream().map(g -> g.element().equals(e.key())
                                ? g.withModelSd(sd).withCounterfactuals(giant, dwarf) : g).toList();
                        task.advance(e.ordinal() + 1);
                    }
                }
                return out;
            });
            stages.run("store", () -> {
                try (Connection db = Database.create(staging)) {
                    Publication pub = new Publication(db);
                    pub.createSchema();
                    pub.stars(in.lamost(), lamost, predictions, progress);
                    pub.clusters(clusters, clusterTable);
                    pub.members(clusters, clusterTable, lamost);
                    pub.gradients(gradients);
                    pub.training(sample, lamost, galah, s.training().seed(), s.training().folds(),
                            s.training().testFraction());
                    Map<Element, ModelTraining.Report> reports = new EnumMap<>(Element.class);
                    trained.forEach((e, r) -> reports.put(e, r.report()));
                    pub.models(reports);
                    pub.indexes();
                    pub.tapSchema();
                }
                return null;
            });
            int predicted = 0;
            int flagged = 0;
            for (int i = 0; i < predictions.size(); i++) {
                predicted += (predictions.flags(i) & FeatureBox.NO_INPUT) == 0 ? 1 : 0;
                flagged += predictions.flags(i) != 0 ? 1 : 0;
            }
            result = new Result(in, s, reads, sample, trained, box, predictions.size(), predicted, flagged, members,
                    clusters, clusterTable, gradients, stages.stages(), stages.peakHeapBytes(), target);
            stages.run("report", () -> {
                ScienceReport.write(result, staging);
                return null;
            });
            ScienceReport.writeBuildJson(result, stages.stages(), stages.peakHeapBytes(), staging);
            trained.values().forEach(r -> r.model().dispose());
        }
        swapIn(staging, target);
        return result;
    }

    /**
     * Replaces {@code target} by {@code staging}: the old build is moved aside first, then removed.
     * The service's async jobs and their results (the job store) move into the new build: a
     * rebuild of the data does not lose what clients are yet to fetch.
     */
    static void swapIn(Path staging, Path target) throws IOException {
        Path old = target.resolveSibling(target.getFileName() + ".previous");
        deleteTree(old);
        Path jobs = target.resolve(JobStore.DIRECTORY);
        if (Files.isDirectory(jobs) && !Files.exists(staging.resolve(JobStore.DIRECTORY))) {
            Files.move(jobs, staging.resolve(JobStore.DIRECTORY), StandardCopyOption.ATOMIC_MOVE);
        }
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package org.alphatap.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.alphatap.science.AbundanceModel;
import org.alphatap.science.ClusterAnalysis;
import org.alphatap.science.ClusterMembers;
import org.alphatap.science.FeatureBox;
import org.alphatap.science.Gradients;
import org.alphatap.science.HeldOutCheck;
import org.alphatap.science.ModelFamily;
import org.alphatap.science.ModelGradients;
import org.alphatap.science.ModelGrid;
import org.alphatap.science.ModelTraining;
import org.alphatap.science.OccamGradients;
import org.alphatap.science.Predictions;
import org.alphatap.science.ServedModels;
import org.alphatap.science.TrainingSample;
import org.alphatap.survey.ClusterColumn;
import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.Element;
import org.alphatap.survey.GalahColumn;
import org.alphatap.survey.LamostColumn;
import org.alphatap.survey.MemberColumn;
import org.alphatap.survey.OccamColumn;
import org.alphatap.survey.Progress;
import org.alphatap.survey.ReadReport;
import org.alphatap.survey.ShippedTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The science of a build, without its database and report: survey files in; both families of
 * models, their predictions, cluster values, gradients and held-out checks, and the OCCAM
 * reference fits out. {@code build} publishes the result; {@code calibrate} runs it on many mocks.
 */
final class Analysis {
    private static final Logger LOG = LoggerFactory.getLogger(Analysis.class);

    /** One family's models and what its predictions give. */
    record Family(ModelFamily family, Map<Element, ModelTraining.Result> models, List<ClusterAnalysis.Cluster> clusters,
            List<Gradients.Row> gradients) {
        /** Mean test MAE over the elements: how the served family is chosen. */
        double meanMae() {
            return models.values().stream().mapToDouble(m -> m.report().test().mae()).average().orElse(Double.NaN);
        }
    }

    /**
     * @param served      the family whose predictions {@code alpha.stars} publishes: the one of lower mean test MAE
     * @param predictions the served family's predictions
     * @param gradients   every family's rows, then OCCAM's
     */
    record Result(List<ReadReport> reads, ColumnTable<LamostColumn> lamost, ColumnTable<GalahColumn> galah,
            ColumnTable<ClusterColumn> clusterTable, ColumnTable<OccamColumn> occam, ClusterMembers members,
            TrainingSample sample, FeatureBox box, Map<ModelFamily, Family> families, ModelFamily served,
            Predictions predictions, List<Gradients.Row> gradients) {
        Family servedFamily() {
            return families.get(served);
        }
    }

    private Analysis() {
    }

    /** Runs every stage, writing models and grids into {@code models} and the reference tables into {@code anchors}. */
    static Result run(BuildInputs in, BuildSettings s, Path models, Path anchors, Stages stages, Progress progress)
            throws Exception {
        ColumnTable<LamostColumn> lamost = stages.run("read LAMOST", () -> ColumnTable.load(LamostColumn.reader(),
                in.lamost(), EnumSet.complementOf(EnumSet.of(LamostColumn.DESIGNATION))));
        ColumnTable<GalahColumn> galah = stages.run("read GALAH",
                () -> ColumnTable.load(GalahColumn.reader(), in.galah(), GalahColumn.class));
        ColumnTable<ClusterColumn> clusterTable = stages.run("read clusters",
                () -> ColumnTable.load(ClusterColumn.reader(), in.clusters(), ClusterColumn.class));
        ColumnTable<MemberColumn> memberTable = stages.run("read members",
                () -> ColumnTable.load(MemberColumn.reader(), in.members(), MemberColumn.class));
        Files.createDirectories(anchors);
        ColumnTable<OccamColumn> occam = stages.run("read OCCAM", () -> ShippedTable.occam(anchors));
        List<ReadReport> reads = List.of(lamost.report(), galah.report(), clusterTable.report(), memberTable.report(),
                occam.report());
        reads.forEach(r -> LOG.info(r.summary()));

        ClusterMembers members = stages.run("cluster members",
                () -> ClusterMembers.match(memberTable, clusterTable, lamost, s.cuts().matchRadiusArcsec()));
        TrainingSample sample = stages.run("cross-match and cuts",
                () -> TrainingSample.select(lamost, galah, s.cuts(), members));
        LOG.info("training sample: {} stars after the common cuts, {} cluster members held out", sample.size(),
                sample.heldOutSize());

        Files.createDirectories(models);
        Map<ModelFamily, Map<Element, ModelTraining.Result>> trained = new EnumMap<>(ModelFamily.class);
        for (ModelFamily f : ModelFamily.values()) {
            trained.put(f, stages.run("train models (" + f.key() + ")", () -> train(f, sample, lamost, galah, s, models,
                    progress)));
        }
        FeatureBox box = sample.featureBox(lamost);
        Map<ModelFamily, Map<Element, ModelGrid>> grids = stages.run("compile model grids", () -> {
            Map<ModelFamily, Map<Element, ModelGrid>> m = new EnumMap<>(ModelFamily.class);
            for (ModelFamily f : ModelFamily.values()) {
                Map<Element, ModelGrid> g = new EnumMap<>(Element.class);
                for (Element e : Element.values()) {
                    Path file = models.resolve(ModelGrid.fileName(e, f));
                    ModelGrid.compile(trained.get(f).get(e).model(), file);
                    g.put(e, ModelGrid.map(file));
                }
                m.put(f, g);
            }
            return m;
        });

        Map<ModelFamily, Family> families = new EnumMap<>(ModelFamily.class);
        Predictions servedPredictions = null;
        ModelFamily servedFamily = null;
        double bestMae = Double.POSITIVE_INFINITY;
        for (ModelFamily f : ModelFamily.values()) {
            double mae = trained.get(f).values().stream().mapToDouble(m -> m.report().test().mae()).average()
                    .orElseThrow();
            ServedModels served = new ServedModels(grids.get(ModelFamily.PAPER),
                    f == ModelFamily.PAPER ? null : grids.get(f), box, Predictions.BATCH);
            Predictions p = stages.run("predict (" + f.key() + ")", () -> Predictions.compute(served, lamost, progress));
            families.put(f, clusterScience(f, trained.get(f), p, members, clusterTable, lamost, galah, sample, s,
                    stages, progress));
            if (mae < bestMae) {
                bestMae = mae;
                servedPredictions = p;
                servedFamily = f;
            }
        }
        List<Gradients.Row> gradients = new ArrayList<>();
        families.values().forEach(f -> gradients.addAll(f.gradients()));
        Family shown = families.get(servedFamily);
        Predictions shownPredictions = servedPredictions;
        gradients.addAll(stages.run("held-out member gradients", () -> heldOutGradients(shown, shownPredictions, sample,
                lamost, galah, s)));
        gradients.addAll(stages.run("OCCAM gradients", () -> OccamGradients.fit(occam, s.r0Kpc(), s.seed())));
        trained.values().forEach(m -> m.values().forEach(r -> r.model().dispose()));
        return new Result(reads, lamost, galah, clusterTable, occam, members, sample, box, families, servedFamily,
                servedPredictions, gradients);
    }

    /**
     * The gradients of the held-out members' own GALAH labels, per element, over the served family's
     * gradient clusters that have such members (none when too few have).
     */
    private static List<Gradients.Row> heldOutGradients(Family family, Predictions p, TrainingSample sample,
            ColumnTable<LamostColumn> lamost, ColumnTable<GalahColumn> galah, BuildSettings s) {
        List<Gradients.Row> rows = new ArrayList<>();
        for (Element e : Element.values()) {
            HeldOutCheck.Values v = HeldOutCheck.labels(e, sample.heldOut(e, family.family(), lamost, galah),
                    family.clusters(), p);
            if (v.r().length >= HeldOutCheck.MIN_CLUSTERS) {
                rows.addAll(Gradients.rows(Gradients.Sample.GALAH_MEMBERS, e.key(), v.r(), v.feh(), v.y(), v.s(),
                        s.r0Kpc(), s.seed() + 17 * e.ordinal()));
            }
        }
        return rows;
    }

    private static Map<Element, ModelTraining.Result> train(ModelFamily f, TrainingSample sample,
            ColumnTable<LamostColumn> lamost, ColumnTable<GalahColumn> galah, BuildSettings s, Path models,
            Progress progress) throws Exception {
        Map<Element, ModelTraining.Result> m = new EnumMap<>(Element.class);
        try (Progress.Task task = progress.start("train models (" + f.key() + ")", Element.values().length)) {
            for (Element e : Element.values()) {
                ModelTraining.Result r = ModelTraining.train(e, sample.forElement(e, f, lamost, galah), s.training());
                r.model().save(models.resolve(AbundanceModel.fileName(e, f)));
                m.put(e, r);
                task.advance(e.ordinal() + 1);
            }
        }
        return m;
    }

    /** One family's cluster values, gradients, model checks and held-out checks. */
    private static Family clusterScience(ModelFamily f, Map<Element, ModelTraining.Result> models, Predictions p,
            ClusterMembers members, ColumnTable<ClusterColumn> clusterTable, ColumnTable<LamostColumn> lamost,
            ColumnTable<GalahColumn> galah, TrainingSample sample, BuildSettings s, Stages stages, Progress progress)
            throws Exception {
        double[] sigma = new double[Element.values().length];
        models.forEach((e, r) -> sigma[e.ordinal()] = r.report().test().rmse());
        List<ClusterAnalysis.Cluster> clusters = stages.run("cluster abundances (" + f.key() + ")",
                () -> ClusterAnalysis.analyse(members, clusterTable, lamost, p,
                        new ClusterAnalysis.Settings(s.minProbability(), s.minMembers(), s.draws(), s.clipK(),
                                s.clipScale(), s.ivwClipK(), sigma, s.seed())));
        Gradients.Sample sampleKey = Gradients.Sample.of(f);
        List<Gradients.Row> fitted = stages.run("gradients (" + f.key() + ")",
                () -> Gradients.fit(sampleKey, clusters, s.r0Kpc(), s.seed()));
        List<Gradients.Row> checked = stages.run("gradient checks (" + f.key() + ")", () -> {
            ModelGradients checks = new ModelGradients(clusters, f, lamost);
            List<Gradients.Row> out = fitted;
            try (Progress.Task task = progress.start("gradient checks (" + f.key() + ")", Element.values().length)) {
                for (Element e : Element.values()) {
                    ModelTraining.Result m = models.get(e);
                    double sd = s.bootstrapModels() < 2 ? Double.NaN : checks.bootstrapSd(e, m.trainRows(),
                            m.report().best(), s.bootstrapModels(), s.seed(), s.training().threads());
                    double giant = checks.counterfactualSlope(m.model(), Gradients.GIANT[0], Gradients.GIANT[1]);
                    double dwarf = checks.counterfactualSlope(m.model(), Gradients.DWARF[0], Gradients.DWARF[1]);
                    HeldOutCheck.Result held = HeldOutCheck.measure(e, sample.heldOut(e, f, lamost, galah), clusters, p,
                            s.r0Kpc(), s.seed() + 31 * e.ordinal());
                    out = out.stream().map(g -> g.element().equals(e.key())
                            ? g.withModelSd(sd).withCounterfactuals(giant, dwarf).withHeldOut(held) : g).toList();
                    task.advance(e.ordinal() + 1);
                }
            }
            return out;
        });
        return new Family(f, models, clusters, checked);
    }
}

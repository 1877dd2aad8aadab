package org.alphatap.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.alphatap.science.ClusterAnalysis;
import org.alphatap.science.FeatureBox;
import org.alphatap.science.Gradients;
import org.alphatap.science.ModelFamily;
import org.alphatap.science.Predictions;
import org.alphatap.science.TrainingSample;
import org.alphatap.store.DataDirectory;
import org.alphatap.store.H2Store;
import org.alphatap.store.Staging;
import org.alphatap.store.Store;
import org.alphatap.survey.Progress;

/**
 * {@code alphatap build}: survey files in, a data directory out — the H2 database (or the tables
 * in PostgreSQL), the model files, the model card, the figures and the science report. The directory is written beside
 * the target and swapped in only when complete, so a failed build never replaces a good one.
 */
public final class Build {

    /** Everything the report needs, in memory. */
    public record Result(BuildInputs inputs, BuildSettings settings, Analysis.Result science, int spectra,
            int predicted, int flagged, List<Stages.Stage> stages, long peakHeapBytes, Path dataDir) {
        public TrainingSample sample() {
            return science.sample();
        }

        /** The served family's cluster values. */
        public List<ClusterAnalysis.Cluster> clusters() {
            return science.servedFamily().clusters();
        }

        public List<Gradients.Row> gradients() {
            return science.gradients();
        }

        public ModelFamily served() {
            return science.served();
        }
    }

    private Build() {
    }

    /** A build into the H2 file of {@code dataDir}. */
    public static Result run(BuildInputs in, BuildSettings s, Path dataDir, Progress progress) throws Exception {
        return run(in, s, dataDir, new H2Store(dataDir), progress);
    }

    /**
     * A build whose tables go to {@code store} and everything else to {@code dataDir}. The tables
     * are published first and the directory right after, each in one step.
     */
    public static Result run(BuildInputs in, BuildSettings s, Path dataDir, Store store, Progress progress)
            throws Exception {
        Path target = dataDir.toAbsolutePath().normalize();
        Path staging = target.resolveSibling(target.getFileName() + ".building");
        deleteTree(staging);
        Files.createDirectories(staging);
        Result result;
        try (Stages stages = new Stages(); Staging db = store.stage(staging)) {
            Analysis.Result science = Analysis.run(in, s, staging.resolve(DataDirectory.MODELS), staging.resolve(DataDirectory.ANCHORS),
                    stages, progress);
            Predictions predictions = science.predictions();
            stages.run("store", () -> {
                Publication pub = new Publication(db);
                pub.createSchema();
                pub.stars(in.lamost(), science.lamost(), predictions, progress);
                pub.clusters(science.servedFamily(), science.clusterTable());
                pub.members(science.servedFamily().clusters(), science.clusterTable(), science.lamost());
                pub.gradients(science.gradients());
                pub.training(science.sample(), science.lamost(), science.galah(), s.training().seed(),
                        s.training().folds(), s.training().testFraction());
                pub.models(science.families(), science.served());
                pub.indexes(progress);
                pub.tapSchema();
                db.grantReading();
                return null;
            });
            int predicted = 0;
            int flagged = 0;
            for (int i = 0; i < predictions.size(); i++) {
                predicted += (predictions.flags(i) & FeatureBox.NO_INPUT) == 0 ? 1 : 0;
                flagged += predictions.flags(i) != 0 ? 1 : 0;
            }
            result = new Result(in, s, science, predictions.size(), predicted, flagged, stages.stages(),
                    stages.peakHeapBytes(), target);
            stages.run("report", () -> {
                ScienceReport.write(result, staging);
                return null;
            });
            ScienceReport.writeBuildJson(result, stages.stages(), stages.peakHeapBytes(), staging);
            db.publish(progress);
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
        Path jobs = target.resolve(DataDirectory.JOBS);
        if (Files.isDirectory(jobs) && !Files.exists(staging.resolve(DataDirectory.JOBS))) {
            Files.move(jobs, staging.resolve(DataDirectory.JOBS), StandardCopyOption.ATOMIC_MOVE);
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

package org.alphatap.science;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.alphatap.survey.Element;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Trains one element's model the way the paper describes, with what it leaves out added: a 75/25
 * split and a 5-fold cross-validated grid search on the 75%, both grouped by star (a star's
 * Gaia id decides its side, so repeats never straddle it); final MAE and RMSE on the 25% against
 * two baselines; and the coverage of the per-star uncertainty on the test set.
 */
public final class ModelTraining {
    /** Grid and split settings; {@link #defaults} is what {@code build} uses. */
    public record Settings(int[] depths, int[] rounds, double eta, double minChildWeight, int folds,
            double testFraction, long seed, int threads) {
        /**
         * The quantile objective moves each leaf by a constant-size step, so it needs a larger learning
         * rate than squared error to converge: at eta 0.08 and 150 rounds its predictions stay about
         * 7% too compressed (label-on-prediction slope 1.07), which flattens every gradient.
         */
        public static Settings defaults(long seed) {
            return new Settings(new int[] {2, 3, 5}, new int[] {50, 100, 300}, 0.3, 5, 5, 0.25, seed, 2);
        }
    }

    public record GridPoint(int maxDepth, int rounds, double cvMae, double cvMaeSd) {
    }

    /**
     * Everything the model card says of one element.
     *
     * @param calibrationSlope slope of the test labels regressed on the predictions: 1 for a model
     *                         that is neither over- nor under-confident in its trends
     */
    public record Report(Element element, int nTrain, int nTest, AbundanceModel.HyperParameters best,
            List<GridPoint> grid, Metrics test, Metrics medianBaseline, Metrics runningMedianBaseline,
            double coverage1Sigma, double medianSigma, double calibrationSlope, Map<String, Double> importance,
            QuantileReadout readout, FeatureBox box) {
    }

    /** The test set as the figures need it: truth, prediction, σ and the [Fe/H] feature. */
    public record TestSet(float[] truth, float[] predicted, float[] sigma, float[] feh) {
    }

    public record Result(AbundanceModel model, Report report, TestSet test) {
    }

    private ModelTraining() {
    }

    /**
     * @param d the element's training rows: features rows × (teff, logg, feh), row-major; labels
     *          and the range they were cut to; the LAMOST S/N of each row, for the calibration box;
     *          one group id per row (Gaia DR3 id): rows of one group share split and fold
     */
    public static Result train(Element e, TrainingSample.ElementData d, Settings s) throws XGBoostError {
        float[] features = d.features();
        float[] labels = d.labels();
        long[] groups = d.groups();
        int n = labels.length;
        boolean[] test = new boolean[n];
        int[] fold = new int[n];
        int nTest = 0;
        for (int i = 0; i < n; i++) {
            Assignment a = assign(groups[i], s.seed(), s.folds(), s.testFraction());
            test[i] = a.test();
            fold[i] = a.fold();
            nTest += test[i] ? 1 : 0;
        }
        int[] trainIdx = indices(test, false);
        int[] testIdx = indices(test, true);
        float[] xTrain = rows(features, trainIdx);
        float[] yTrain = pick(labels, trainIdx);
        float[] xTest = rows(features, testIdx);
        float[] yTest = pick(labels, testIdx);

        List<GridPoint> grid = gridSearch(xTrain, yTrain, pick(fold, trainIdx), d.labelMin(), d.labelMax(), s);
        GridPoint best = grid.stream().min((a, b) -> Double.compare(a.cvMae(), b.cvMae())).orElseThrow();
        AbundanceModel.HyperParameters hp = new AbundanceModel.HyperParameters(best.maxDepth(), s.eta(),
                best.rounds(), s.minChildWeight());
        AbundanceModel model = AbundanceModel.train(e, xTrain, yTrain, d.labelMin(), d.labelMax(), hp, s.seed(),
                s.threads());

        float[] pred = new float[testIdx.length];
        float[] sigma = new float[testIdx.length];
        model.predict(xTest, testIdx.length, pred, sigma, 0);
        float[] fehTest = new float[testIdx.length];
        int inside = 0;
        SimpleRegression calibration = new SimpleRegression();
        for (int i = 0; i < testIdx.length; i++) {
            calibration.addData(pred[i], yTest[i]);
            fehTest[i] = xTest[3 * i + 2];
            inside += Math.abs(yTest[i] - pred[i]) <= sigma[i] ? 1 : 0;
        }
        float[] fehTrain = new float[trainIdx.length];
        for (int i = 0; i < trainIdx.length; i++) {
            fehTrain[i] = xTrain[3 * i + 2];
        }
        Report report = new Report(e, trainIdx.length, nTest, hp, grid, Metrics.of(yTest, pred),
                Metrics.of(yTest, Baselines.median(yTrain, yTest.length)),
                Metrics.of(yTest, Baselines.runningMedian(fehTrain, yTrain, fehTest)),
                (double) inside / testIdx.length, ClusterAbundance.median(Baselines.toDouble(sigma)),
                calibration.getSlope(), model.featureImportance(), model.readout(),
                FeatureBox.of(xTrain, pick(d.snr(), trainIdx), trainIdx.length));
        return new Result(model, report, new TestSet(yTest, pred, sigma, fehTest));
    }

    /**
     * k-fold CV of the absolute-error model over depths × rounds (rounds read off one fit), each
     * fold's trees on the residuals of its own [Fe/H] line, as the final model's are.
     */
    private static List<GridPoint> gridSearch(float[] x, float[] y, int[] fold, double labelMin, double labelMax,
            Settings s) throws XGBoostError {
        int maxRounds = java.util.Arrays.stream(s.rounds()).max().orElseThrow();
        List<GridPoint> grid = new ArrayList<>();
        for (int depth : s.depths()) {
            double[][] mae = new double[s.rounds().length][s.folds()];
            for (int f = 0; f < s.folds(); f++) {
                boolean[] val = new boolean[y.length];
                for (int i = 0; i < y.length; i++) {
                    val[i] = fold[i] == f;
                }
                int[] fit = indices(val, false);
                int[] hold = indices(val, true);
                float[] xFit = rows(x, fit);
                float[] yFit = pick(y, fit);
                QuantileReadout line = QuantileReadout.fit(xFit, yFit, labelMin, labelMax);
                Booster b = AbundanceModel.trainMedian(xFit, line.residuals(xFit, yFit),
                        new AbundanceModel.HyperParameters(depth, s.eta(), maxRounds, s.minChildWeight()), s.seed(),
                        s.threads());
                float[] xHold = rows(x, hold);
                float[] yHold = pick(y, hold);
                for (int r = 0; r < s.rounds().length; r++) {
                    float[] p = AbundanceModel.medianAt(b, xHold, hold.length, s.rounds()[r]);
                    for (int i = 0; i < p.length; i++) {
                        p[i] += (float) line.trend(xHold[3 * i + 2]);
                    }
                    mae[r][f] = Metrics.of(yHold, p).mae();
                }
                b.dispose();
            }
            for (int r = 0; r < s.rounds().length; r++) {
                double m = ClusterAbundance.mean(mae[r]);
                grid.add(new GridPoint(depth, s.rounds()[r], m, ClusterAbundance.sd(mae[r], m)));
            }
        }
        return grid;
    }

    /** Where a star goes: test or train, and its cross-validation fold; a function of its id alone. */
    public record Assignment(boolean test, int fold) {
    }

    public static Assignment assign(long group, long seed, int folds, double testFraction) {
        long h = mix(seed ^ group);
        return new Assignment((h >>> 1) % 10_000 < testFraction * 10_000, (int) ((h >>> 20) % folds));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int[] indices(boolean[] mask, boolean value) {
        return java.util.stream.IntStream.range(0, mask.length).filter(i -> mask[i] == value).toArray();
    }

    private static float[] rows(float[] features, int[] idx) {
        float[] out = new float[idx.length * 3];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(features, 3 * idx[k], out, 3 * k, 3);
        }
        return out;
    }

    private static float[] pick(float[] v, int[] idx) {
        float[] out = new float[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = v[idx[k]];
        }
        return out;
    }

    private static int[] pick(int[] v, int[] idx) {
        int[] out = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = v[idx[k]];
        }
        return out;
    }
}

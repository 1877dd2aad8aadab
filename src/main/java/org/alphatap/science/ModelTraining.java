package org.alphatap.science;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.alphatap.survey.Element;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Trains one element's model of one family the way the paper describes, with what it leaves out
 * added: a 75/25 split and a 5-fold cross-validated grid search on the 75%, both grouped by star
 * (a star's Gaia id decides its side, so repeats never straddle it); final MAE and RMSE on the 25%
 * against two baselines; and the coverage of the per-star uncertainty on the test set, overall and
 * in bins of LAMOST S/N.
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

    /** Lower edges of the S/N (snrg) bins coverage is reported in; the last bin is open. */
    public static final double[] SNR_BINS = {0, 50, 100};

    /** The share of test labels within ±1σ and ±2σ of the prediction, for test stars of snrg in [snrMin, snrMax). */
    public record Coverage(double snrMin, double snrMax, int n, double within1Sigma, double within2Sigma) {
    }

    /**
     * Everything the model card says of one element.
     *
     * @param calibrationSlope slope of the test labels regressed on the predictions: 1 for a model
     *                         that is neither over- nor under-confident in its trends
     */
    public record Report(Element element, ModelFamily family, int nTrain, int nTest,
            AbundanceModel.HyperParameters best, List<GridPoint> grid, Metrics test, Metrics medianBaseline,
            Metrics runningMedianBaseline, Coverage coverage, List<Coverage> coverageBySnr, double medianSigma,
            double calibrationSlope, Map<String, Double> importance, QuantileReadout readout, FeatureBox box) {
    }

    /** The test set as the figures need it: truth, prediction, σ and the [Fe/H] feature. */
    public record TestSet(float[] truth, float[] predicted, float[] sigma, float[] feh) {
    }

    /** The model, its report, its test set, and the rows it was trained on (what a bootstrap resamples). */
    public record Result(AbundanceModel model, Report report, TestSet test, TrainingSample.ElementData trainRows) {
    }

    private ModelTraining() {
    }

    /**
     * @param d the element's training rows: features rows × (teff, logg, feh), row-major; labels
     *          and the range they were cut to; the LAMOST S/N of each row, for the calibration box;
     *          one group id per row (Gaia DR3 id): rows of one group share split and fold
     */
    public static Result train(Element e, TrainingSample.ElementData d, Settings s) throws XGBoostError {
        ModelFamily family = d.family();
        int w = family.width();
        long[] groups = d.groups();
        int n = d.size();
        boolean[] test = new boolean[n];
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            Assignment a = assign(groups[i], s.seed(), s.folds(), s.testFraction());
            test[i] = a.test();
            fold[i] = a.fold();
        }
        int[] trainIdx = indices(test, false);
        int[] testIdx = indices(test, true);
        TrainingSample.ElementData train = d.subset(trainIdx);
        TrainingSample.ElementData held = d.subset(testIdx);

        List<GridPoint> grid = gridSearch(train, pick(fold, trainIdx), s);
        GridPoint best = grid.stream().min((a, b) -> Double.compare(a.cvMae(), b.cvMae())).orElseThrow();
        AbundanceModel.HyperParameters hp = new AbundanceModel.HyperParameters(best.maxDepth(), s.eta(),
                best.rounds(), s.minChildWeight());
        AbundanceModel model = AbundanceModel.train(e, family, train.features(), train.labels(), d.labelMin(),
                d.labelMax(), hp, s.seed(), s.threads());

        int m = held.size();
        float[] pred = new float[m];
        float[] sigma = new float[m];
        model.predict(held.features(), m, pred, sigma, 0);
        float[] fehTest = new float[m];
        SimpleRegression calibration = new SimpleRegression();
        for (int i = 0; i < m; i++) {
            calibration.addData(pred[i], held.labels()[i]);
            fehTest[i] = held.features()[w * i + ModelFamily.FEH];
        }
        float[] fehTrain = new float[train.size()];
        for (int i = 0; i < fehTrain.length; i++) {
            fehTrain[i] = train.features()[w * i + ModelFamily.FEH];
        }
        float[] yTest = held.labels();
        Report report = new Report(e, family, train.size(), m, hp, grid, Metrics.of(yTest, pred),
                Metrics.of(yTest, Baselines.median(train.labels(), m)),
                Metrics.of(yTest, Baselines.runningMedian(fehTrain, train.labels(), fehTest)),
                coverage(yTest, pred, sigma, held.snr(), 0, Double.POSITIVE_INFINITY), coverageBySnr(yTest, pred, sigma,
                        held.snr()), ClusterAbundance.median(Baselines.toDouble(sigma)), calibration.getSlope(),
                model.featureImportance(), model.readout(), FeatureBox.of(train.features(), w, train.snr(), train.size()));
        return new Result(model, report, new TestSet(yTest, pred, sigma, fehTest), train);
    }

    private static List<Coverage> coverageBySnr(float[] y, float[] pred, float[] sigma, float[] snr) {
        List<Coverage> out = new ArrayList<>();
        for (int b = 0; b < SNR_BINS.length; b++) {
            double hi = b + 1 < SNR_BINS.length ? SNR_BINS[b + 1] : Double.POSITIVE_INFINITY;
            out.add(coverage(y, pred, sigma, snr, SNR_BINS[b], hi));
        }
        return out;
    }

    private static Coverage coverage(float[] y, float[] pred, float[] sigma, float[] snr, double lo, double hi) {
        int n = 0;
        int one = 0;
        int two = 0;
        for (int i = 0; i < y.length; i++) {
            if (snr[i] >= lo && snr[i] < hi) {
                n++;
                double z = Math.abs(y[i] - pred[i]) / sigma[i];
                one += z <= 1 ? 1 : 0;
                two += z <= 2 ? 1 : 0;
            }
        }
        return new Coverage(lo, hi, n, n == 0 ? Double.NaN : (double) one / n, n == 0 ? Double.NaN : (double) two / n);
    }

    /**
     * k-fold CV of the absolute-error model over depths × rounds (rounds read off one fit), each
     * fold's trees on the residuals of its own [Fe/H] line, as the final model's are.
     */
    private static List<GridPoint> gridSearch(TrainingSample.ElementData train, int[] fold, Settings s)
            throws XGBoostError {
        ModelFamily family = train.family();
        int w = family.width();
        int maxRounds = java.util.Arrays.stream(s.rounds()).max().orElseThrow();
        List<GridPoint> grid = new ArrayList<>();
        for (int depth : s.depths()) {
            double[][] mae = new double[s.rounds().length][s.folds()];
            for (int f = 0; f < s.folds(); f++) {
                boolean[] val = new boolean[train.size()];
                for (int i = 0; i < val.length; i++) {
                    val[i] = fold[i] == f;
                }
                TrainingSample.ElementData fit = train.subset(indices(val, false));
                TrainingSample.ElementData hold = train.subset(indices(val, true));
                QuantileReadout line = QuantileReadout.fit(fit.features(), w, fit.labels(), train.labelMin(),
                        train.labelMax());
                Booster b = AbundanceModel.trainMedian(family, fit.features(),
                        line.residuals(fit.features(), w, fit.labels()),
                        new AbundanceModel.HyperParameters(depth, s.eta(), maxRounds, s.minChildWeight()), s.seed(),
                        s.threads());
                for (int r = 0; r < s.rounds().length; r++) {
                    float[] p = AbundanceModel.medianAt(b, family, hold.features(), hold.size(), s.rounds()[r]);
                    for (int i = 0; i < p.length; i++) {
                        p[i] += (float) line.trend(hold.features()[w * i + ModelFamily.FEH]);
                    }
                    mae[r][f] = Metrics.of(hold.labels(), p).mae();
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

    private static int[] pick(int[] v, int[] idx) {
        int[] out = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = v[idx[k]];
        }
        return out;
    }
}

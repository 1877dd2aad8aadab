package org.alphatap.science;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.alphatap.survey.Element;

/**
 * One element's model: XGBoost quantile regression of GALAH [X/Fe] on LAMOST (Teff, log g,
 * [Fe/H]), predicting the 16th, 50th and 84th percentiles at once, of the residuals about a line
 * in [Fe/H]; its {@link QuantileReadout} turns them into the abundance (the median) and the
 * per-star uncertainty (half the 16–84 range), with the line added back and the training label
 * range undone. Boosters are safe to share between threads for prediction.
 */
public final class AbundanceModel {
    public static final String[] FEATURES = {"teff", "logg", "feh"};
    public static final float[] QUANTILES = {0.16f, 0.5f, 0.84f};

    /** Hyper-parameters of one grid point. */
    public record HyperParameters(int maxDepth, double eta, int rounds, double minChildWeight) {
    }

    private final Element element;
    private final Booster booster;
    private final QuantileReadout readout;

    private AbundanceModel(Element element, Booster booster, QuantileReadout readout) {
        this.element = element;
        this.booster = booster;
        this.readout = readout;
    }

    /**
     * Trains on rows × 3 features (row-major) with labels cut to [labelMin, labelMax];
     * deterministic for a seed.
     */
    public static AbundanceModel train(Element e, float[] features, float[] labels, double labelMin,
            double labelMax, HyperParameters hp, long seed, int threads) throws XGBoostError {
        QuantileReadout readout = QuantileReadout.fit(features, labels, labelMin, labelMax);
        DMatrix d = matrix(features, labels.length);
        try {
            d.setLabel(readout.residuals(features, labels));
            Map<String, Object> params = params(hp, seed, threads);
            params.put("objective", "reg:quantileerror");
            params.put("quantile_alpha", "[0.16,0.5,0.84]");
            Booster b = XGBoost.train(d, params, hp.rounds(), new HashMap<>(), null, null);
            return new AbundanceModel(e, b, readout);
        } finally {
            d.dispose();
        }
    }

    /** The file name of an element's model in a build's model directory. */
    public static String fileName(Element e) {
        return e.key() + ".ubj";
    }

    /**
     * A point model for the grid search: absolute-error objective (the paper's MAE), trained once
     * for the largest round count; {@link #medianAt} reads it at fewer rounds. Like the final
     * model it learns residuals: pass {@link QuantileReadout#residuals} as labels.
     */
    public static Booster trainMedian(float[] features, float[] labels, HyperParameters hp, long seed, int threads)
            throws XGBoostError {
        DMatrix d = matrix(features, labels.length);
        try {
            d.setLabel(labels);
            Map<String, Object> params = params(hp, seed, threads);
            params.put("objective", "reg:absoluteerror");
            return XGBoost.train(d, params, hp.rounds(), new HashMap<>(), null, null);
        } finally {
            d.dispose();
        }
    }

    /** Predictions of a point model using its first {@code rounds} trees. */
    public static float[] medianAt(Booster b, float[] features, int rows, int rounds) throws XGBoostError {
        DMatrix d = matrix(features, rows);
        try {
            float[][] p = b.predict(d, false, rounds);
            float[] out = new float[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = p[i][0];
            }
            return out;
        } finally {
            d.dispose();
        }
    }

    private static Map<String, Object> params(HyperParameters hp, long seed, int threads) {
        Map<String, Object> p = new HashMap<>();
        p.put("tree_method", "hist");
        p.put("max_depth", hp.maxDepth());
        p.put("eta", hp.eta());
        p.put("min_child_weight", hp.minChildWeight());
        p.put("lambda", 0.0); // no L2 shrinkage of leaf values: it compresses the quantile model's trends
        p.put("seed", seed);
        p.put("nthread", threads);
        p.put("verbosity", 0);
        return p;
    }

    static DMatrix matrix(float[] features, int rows) throws XGBoostError {
        return new DMatrix(features, rows, FEATURES.length, Float.NaN);
    }

    /**
     * The trees' [row][q16, q50, q84] of the residual for rows × 3 features; the quantiles are
     * sorted, so never crossed.
     */
    public float[][] treeQuantiles(float[] features, int rows) throws XGBoostError {
        float[][] p = booster.inplace_predict(features, rows, FEATURES.length, Float.NaN);
        for (float[] q : p) {
            Arrays.sort(q);
        }
        return p;
    }

    /** Value and σ of rows × 3 features, written to {@code value} and {@code sigma} from {@code offset} on. */
    public void predict(float[] features, int rows, float[] value, float[] sigma, int offset) throws XGBoostError {
        float[][] q = treeQuantiles(features, rows);
        for (int i = 0; i < rows; i++) {
            readout.read(q[i][0], q[i][1], q[i][2], features[3 * i + 2], value, sigma, offset + i);
        }
    }

    /** The values alone, for rows × 3 features. */
    public float[] values(float[] features, int rows) throws XGBoostError {
        float[] value = new float[rows];
        predict(features, rows, value, new float[rows], 0);
        return value;
    }

    public QuantileReadout readout() {
        return readout;
    }

    /** Gain-based importance of each feature. */
    public Map<String, Double> featureImportance() throws XGBoostError {
        return booster.getScore(FEATURES, "gain");
    }

    /** The model as XGBoost's JSON document (trees, thresholds, leaves). */
    public byte[] toJson() throws XGBoostError {
        return booster.toByteArray("json");
    }

    public void save(Path file) throws XGBoostError {
        booster.saveModel(file.toString());
    }

    public Element element() {
        return element;
    }

    /** Releases the native booster. */
    public void dispose() {
        booster.dispose();
    }

}

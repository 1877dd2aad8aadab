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
 * One element's model of one family: XGBoost quantile regression of GALAH [X/Fe] on the family's
 * LAMOST features (Teff, log g, [Fe/H], and [α/M] for the second family), predicting the 16th,
 * 50th and 84th percentiles at once, of the residuals about a line in [Fe/H]; its
 * {@link QuantileReadout} turns them into the abundance (the median) and the per-star uncertainty
 * (half the 16–84 range), with the line added back and the training label range undone. Boosters
 * are safe to share between threads for prediction.
 */
public final class AbundanceModel {
    public static final float[] QUANTILES = {0.16f, 0.5f, 0.84f};

    /** Hyper-parameters of one grid point. */
    public record HyperParameters(int maxDepth, double eta, int rounds, double minChildWeight) {
    }

    private final Element element;
    private final ModelFamily family;
    private final Booster booster;
    private final QuantileReadout readout;

    private AbundanceModel(Element element, ModelFamily family, Booster booster, QuantileReadout readout) {
        this.element = element;
        this.family = family;
        this.booster = booster;
        this.readout = readout;
    }

    /**
     * Trains on rows of the family's features (row-major) with labels cut to [labelMin, labelMax];
     * deterministic for a seed.
     */
    public static AbundanceModel train(Element e, ModelFamily family, float[] features, float[] labels,
            double labelMin, double labelMax, HyperParameters hp, long seed, int threads) throws XGBoostError {
        QuantileReadout readout = QuantileReadout.fit(features, family.width(), labels, labelMin, labelMax);
        DMatrix d = matrix(features, labels.length, family.width());
        try {
            d.setLabel(readout.residuals(features, family.width(), labels));
            Map<String, Object> params = params(family, hp, seed, threads);
            params.put("objective", "reg:quantileerror");
            params.put("quantile_alpha", "[0.16,0.5,0.84]");
            Booster b = XGBoost.train(d, params, hp.rounds(), new HashMap<>(), null, null);
            return new AbundanceModel(e, family, b, readout);
        } finally {
            d.dispose();
        }
    }

    /** The file name of an element's model of a family in a build's model directory. */
    public static String fileName(Element e, ModelFamily family) {
        return family.key() + "_" + e.key() + ".ubj";
    }

    /**
     * A point model for the grid search: absolute-error objective (the paper's MAE), trained once
     * for the largest round count; {@link #medianAt} reads it at fewer rounds. Like the final
     * model it learns residuals: pass {@link QuantileReadout#residuals} as labels.
     */
    public static Booster trainMedian(ModelFamily family, float[] features, float[] labels, HyperParameters hp,
            long seed, int threads) throws XGBoostError {
        DMatrix d = matrix(features, labels.length, family.width());
        try {
            d.setLabel(labels);
            Map<String, Object> params = params(family, hp, seed, threads);
            params.put("objective", "reg:absoluteerror");
            return XGBoost.train(d, params, hp.rounds(), new HashMap<>(), null, null);
        } finally {
            d.dispose();
        }
    }

    /** Predictions of a point model using its first {@code rounds} trees. */
    public static float[] medianAt(Booster b, ModelFamily family, float[] features, int rows, int rounds)
            throws XGBoostError {
        DMatrix d = matrix(features, rows, family.width());
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

    private static Map<String, Object> params(ModelFamily family, HyperParameters hp, long seed, int threads) {
        Map<String, Object> p = new HashMap<>();
        if (family.interactionConstraints() != null) {
            p.put("interaction_constraints", family.interactionConstraints());
        }
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

    static DMatrix matrix(float[] features, int rows, int width) throws XGBoostError {
        return new DMatrix(features, rows, width, Float.NaN);
    }

    /** The trees' [row][q16, q50, q84] of the residual, unsorted, for rows of the family's features. */
    float[][] rawTreeQuantiles(float[] features, int rows) throws XGBoostError {
        return booster.inplace_predict(features, rows, family.width(), Float.NaN);
    }

    /**
     * The trees' [row][q16, q50, q84] of the residual for rows of the family's features; the
     * quantiles are sorted, so never crossed.
     */
    public float[][] treeQuantiles(float[] features, int rows) throws XGBoostError {
        float[][] p = rawTreeQuantiles(features, rows);
        for (float[] q : p) {
            Arrays.sort(q);
        }
        return p;
    }

    /** Value and σ of rows of features, written to {@code value} and {@code sigma} from {@code offset} on. */
    public void predict(float[] features, int rows, float[] value, float[] sigma, int offset) throws XGBoostError {
        float[][] q = treeQuantiles(features, rows);
        int w = family.width();
        for (int i = 0; i < rows; i++) {
            readout.read(q[i][0], q[i][1], q[i][2], features[w * i + ModelFamily.FEH], value, sigma, offset + i);
        }
    }

    /** The values alone, for rows of features. */
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
        return booster.getScore(family.features(), "gain");
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

    public ModelFamily family() {
        return family;
    }

    /** Releases the native booster. */
    public void dispose() {
        booster.dispose();
    }

}

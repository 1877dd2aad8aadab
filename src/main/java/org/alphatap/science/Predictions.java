package org.alphatap.science;

import java.util.Arrays;
import java.util.Map;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.Element;
import org.alphatap.survey.LamostColumn;
import org.alphatap.survey.Progress;

/**
 * Predicted [X/Fe] and per-star σ for every LAMOST spectrum, computed in batches. A spectrum with
 * a missing input gets no prediction (NaN) and the NO_INPUT flag; one outside the training box
 * gets its prediction and the out-of-calibration bits.
 */
public final class Predictions {
    static final int BATCH = 1 << 18;

    private final float[][] value;
    private final float[][] sigma;
    private final int[] flags;

    private Predictions(float[][] value, float[][] sigma, int[] flags) {
        this.value = value;
        this.sigma = sigma;
        this.flags = flags;
    }

    public static Predictions compute(Map<Element, AbundanceModel> models, FeatureBox box,
            ColumnTable<LamostColumn> lamost, Progress progress) throws XGBoostError {
        int n = lamost.size();
        int elements = Element.values().length;
        float[][] value = new float[elements][n];
        float[][] sigma = new float[elements][n];
        int[] flags = new int[n];
        float[] x = new float[3 * BATCH];
        try (Progress.Task task = progress.start("predict", (long) n * elements)) {
            for (int start = 0; start < n; start += BATCH) {
                int rows = Math.min(BATCH, n - start);
                for (int i = 0; i < rows; i++) {
                    int r = start + i;
                    double teff = lamost.real(LamostColumn.TEFF, r);
                    double logg = lamost.real(LamostColumn.LOGG, r);
                    double feh = lamost.real(LamostColumn.FEH, r);
                    x[3 * i] = (float) teff;
                    x[3 * i + 1] = (float) logg;
                    x[3 * i + 2] = (float) feh;
                    flags[r] = box.flags(teff, logg, feh, lamost.real(LamostColumn.SNRG, r));
                }
                float[] batch = rows == BATCH ? x : Arrays.copyOf(x, 3 * rows);
                for (Element e : Element.values()) {
                    float[][] q = models.get(e).predict(batch, rows);
                    for (int i = 0; i < rows; i++) {
                        int r = start + i;
                        boolean none = (flags[r] & FeatureBox.NO_INPUT) != 0;
                        value[e.ordinal()][r] = none ? Float.NaN : q[i][1];
                        sigma[e.ordinal()][r] = none ? Float.NaN : (q[i][2] - q[i][0]) / 2;
                    }
                    task.advance((long) start * elements + (long) (e.ordinal() + 1) * rows);
                }
            }
        }
        return new Predictions(value, sigma, flags);
    }

    public int size() {
        return flags.length;
    }

    public float value(Element e, int row) {
        return value[e.ordinal()][row];
    }

    public float sigma(Element e, int row) {
        return sigma[e.ordinal()][row];
    }

    public int flags(int row) {
        return flags[row];
    }
}

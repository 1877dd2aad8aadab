package org.alphatap.science;

import java.util.Map;
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

    /** Predictions from each element's {@link ModelGrid}, which answers as its XGBoost model does. */
    public static Predictions compute(Map<Element, ModelGrid> grids, FeatureBox box,
            ColumnTable<LamostColumn> lamost, Progress progress) {
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
                    flags[r] = features(box, lamost.real(LamostColumn.TEFF, r), lamost.real(LamostColumn.LOGG, r),
                            lamost.real(LamostColumn.FEH, r), lamost.real(LamostColumn.SNRG, r), x, i);
                }
                for (Element e : Element.values()) {
                    grids.get(e).predict(x, rows, flags, value[e.ordinal()], sigma[e.ordinal()], start);
                    task.advance((long) start * elements + (long) (e.ordinal() + 1) * rows);
                }
            }
        }
        return new Predictions(value, sigma, flags);
    }

    /**
     * Puts one spectrum's features into row {@code i} of {@code x} as the models see them, float32,
     * and returns its flags judged on those same values: the box was measured on them, so a
     * training star at its edge is inside it whatever digits its catalogue value had beyond float.
     */
    public static int features(FeatureBox box, double teff, double logg, double feh, double snr, float[] x, int i) {
        float t = (float) teff;
        float l = (float) logg;
        float f = (float) feh;
        x[3 * i] = t;
        x[3 * i + 1] = l;
        x[3 * i + 2] = f;
        return box.flags(t, l, f, snr);
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

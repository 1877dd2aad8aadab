package org.alphatap.science;

import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.Element;
import org.alphatap.survey.LamostColumn;
import org.alphatap.survey.Progress;

/**
 * Predicted [X/Fe] and per-star σ for every LAMOST spectrum, computed in batches, with the family
 * of model that answered each one. A spectrum with a missing input gets no prediction (NaN) and
 * the NO_INPUT flag; one outside the training box gets its prediction and the out-of-calibration
 * bits.
 */
public final class Predictions {
    public static final int BATCH = 1 << 18;

    private final float[][] value;
    private final float[][] sigma;
    private final int[] flags;
    /** Per spectrum, the ordinal of the {@link ModelFamily} that answered it. */
    private final byte[] family;

    private Predictions(float[][] value, float[][] sigma, int[] flags, byte[] family) {
        this.value = value;
        this.sigma = sigma;
        this.flags = flags;
        this.family = family;
    }

    /** Predictions of every spectrum by the served models, in batches. */
    public static Predictions compute(ServedModels models, ColumnTable<LamostColumn> lamost, Progress progress) {
        int n = lamost.size();
        int elements = Element.values().length;
        float[][] value = new float[elements][n];
        float[][] sigma = new float[elements][n];
        int[] flags = new int[n];
        byte[] family = new byte[n];
        double[][] in = new double[5][BATCH];
        LamostColumn[] columns = {LamostColumn.TEFF, LamostColumn.LOGG, LamostColumn.FEH, LamostColumn.ALPHA_M,
            LamostColumn.SNRG};
        try (Progress.Task task = progress.start("predict", n)) {
            for (int start = 0; start < n; start += BATCH) {
                int rows = Math.min(BATCH, n - start);
                for (int c = 0; c < columns.length; c++) {
                    for (int i = 0; i < rows; i++) {
                        in[c][i] = lamost.real(columns[c], start + i);
                    }
                }
                models.predict(rows, in[0], in[1], in[2], in[3], in[4], value, sigma, flags, family, start);
                task.advance(start + rows);
            }
        }
        return new Predictions(value, sigma, flags, family);
    }

    /**
     * Puts one spectrum's features into row {@code i} of {@code x} as a family's models see them,
     * float32, and returns its flags judged on those same values: the box was measured on them, so
     * a training star at its edge is inside it whatever digits its catalogue value had beyond float.
     */
    public static int features(FeatureBox box, ModelFamily family, double teff, double logg, double feh,
            double alpha, double snr, float[] x, int i) {
        int w = family.width();
        float t = (float) teff;
        float l = (float) logg;
        float f = (float) feh;
        x[w * i] = t;
        x[w * i + 1] = l;
        x[w * i + 2] = f;
        int flags = box.flags(t, l, f, snr);
        if (w > 3) {
            float a = (float) alpha;
            x[w * i + 3] = a;
            flags |= box.alphaFlag(a);
        }
        return flags;
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

    /** The family whose model answered a spectrum. */
    public ModelFamily family(int row) {
        return ModelFamily.values()[family[row]];
    }
}

package org.alphatap.science;

import java.util.Map;
import org.alphatap.survey.Element;

/**
 * What answers a star: the [α/M] family's grids where it is served and the star has an [α/M],
 * the paper's otherwise. Used for the catalogue and for /predict alike, in batches of arrays.
 * Stateless between calls but for its scratch space, so one instance serves one thread.
 */
public final class ServedModels {
    private final Part[] parts;
    private final FeatureBox box;

    /**
     * @param alphaM the [α/M] family's grids, or null to answer every star with the paper's
     */
    public ServedModels(Map<Element, ModelGrid> paper, Map<Element, ModelGrid> alphaM, FeatureBox box, int batch) {
        this.parts = new Part[] {new Part(ModelFamily.PAPER, paper, batch),
            alphaM == null ? null : new Part(ModelFamily.ALPHA_M, alphaM, batch)};
        this.box = box;
    }

    /** The spectra of one batch that one family answers, with their features side by side. */
    private static final class Part {
        final ModelFamily family;
        final Map<Element, ModelGrid> grids;
        final float[] x;
        final int[] rows;
        final int[] flags;
        final float[] value;
        final float[] sigma;
        int size;

        Part(ModelFamily family, Map<Element, ModelGrid> grids, int batch) {
            this.family = family;
            this.grids = grids;
            x = new float[family.width() * batch];
            rows = new int[batch];
            flags = new int[batch];
            value = new float[batch];
            sigma = new float[batch];
        }
    }

    /**
     * Predicts rows 0..n−1 of the inputs (NaN where missing; a NaN S/N is not held against a
     * star) into {@code value[e][offset + i]}, {@code sigma}, {@code flags} and {@code family}
     * (the answering family's ordinal).
     */
    public void predict(int n, double[] teff, double[] logg, double[] feh, double[] alpha, double[] snr,
            float[][] value, float[][] sigma, int[] flags, byte[] family, int offset) {
        for (Part p : parts) {
            if (p != null) {
                p.size = 0;
            }
        }
        for (int i = 0; i < n; i++) {
            Part p = parts[1] != null && !Double.isNaN(alpha[i]) ? parts[1] : parts[0];
            p.rows[p.size] = i;
            p.flags[p.size] = Predictions.features(box, p.family, teff[i], logg[i], feh[i], alpha[i], snr[i], p.x, p.size);
            flags[offset + i] = p.flags[p.size];
            family[offset + i] = (byte) p.family.ordinal();
            p.size++;
        }
        for (Element e : Element.values()) {
            for (Part p : parts) {
                if (p == null || p.size == 0) {
                    continue;
                }
                p.grids.get(e).predict(p.x, p.size, p.flags, p.value, p.sigma, 0);
                for (int k = 0; k < p.size; k++) {
                    value[e.ordinal()][offset + p.rows[k]] = p.value[k];
                    sigma[e.ordinal()][offset + p.rows[k]] = p.sigma[k];
                }
            }
        }
    }

    public FeatureBox box() {
        return box;
    }
}

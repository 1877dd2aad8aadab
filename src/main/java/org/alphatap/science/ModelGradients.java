package org.alphatap.science;

import java.util.List;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.Element;
import org.alphatap.survey.LamostColumn;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Gradients re-derived with other models or other inputs, from the members of the clusters that
 * enter one family's gradient fits (each member counted as in the paper-mode estimate, clipped
 * ones out; members without [α/M] are read by the [α/M] models' missing-value branch here, where
 * the published values take the paper's model for them: about 2% of members):
 *
 * <ul>
 * <li>{@link #bootstrapSd}: the model refitted on bootstrap resamples of its training split (the
 * test stars stay out, as they did of the model); the
 * spread of the slopes is the model (epistemic) part of the gradient's uncertainty, which Model H,
 * taking the cluster values as given, cannot see (science-notes §7.2);</li>
 * <li>{@link #counterfactualSlope}: every member predicted with its Teff and log g replaced by one
 * reference star's; what gradient survives is the pure [Fe/H] echo, and the difference to the
 * real one is what the members' Teff and log g leak into it (science-notes §6.2b).</li>
 * </ul>
 */
public final class ModelGradients {
    private final List<ClusterAnalysis.Cluster> clusters;
    private final ModelFamily family;
    private final float[] features;
    private final int members;

    public ModelGradients(List<ClusterAnalysis.Cluster> all, ModelFamily family, ColumnTable<LamostColumn> lamost) {
        this.family = family;
        clusters = all.stream().filter(ClusterAnalysis.Cluster::inGradient).toList();
        members = clusters.stream().mapToInt(c -> c.members().size()).sum();
        features = new float[family.width() * members];
        int k = 0;
        for (ClusterAnalysis.Cluster c : clusters) {
            for (ClusterMembers.Member m : c.members()) {
                TrainingSample.features(lamost, m.lamostRow(), family.width(), features, k++);
            }
        }
    }

    /** The sd of the least-squares slope over {@code replicates} bootstrap models of element e. */
    public double bootstrapSd(Element e, TrainingSample.ElementData train, AbundanceModel.HyperParameters hp,
            int replicates, long seed, int threads) throws XGBoostError {
        int n = train.size();
        int w = family.width();
        double[] slopes = new double[replicates];
        for (int b = 0; b < replicates; b++) {
            Well19937c rng = new Well19937c(seed * 7919L + b * 31L + e.ordinal());
            float[] bx = new float[w * n];
            float[] by = new float[n];
            for (int i = 0; i < n; i++) {
                int j = rng.nextInt(n);
                System.arraycopy(train.features(), w * j, bx, w * i, w);
                by[i] = train.labels()[j];
            }
            AbundanceModel model = AbundanceModel.train(e, family, bx, by, train.labelMin(), train.labelMax(), hp,
                    seed + b, threads);
            slopes[b] = slope(e, model.values(features, members));
            model.dispose();
        }
        return replicates > 1 ? ClusterAbundance.sd(slopes, ClusterAbundance.mean(slopes)) : 0.0;
    }

    /** The slope with every member's Teff and log g set to the reference star's. */
    public double counterfactualSlope(AbundanceModel model, double teff, double logg) throws XGBoostError {
        float[] x = features.clone();
        int w = family.width();
        for (int k = 0; k < members; k++) {
            x[w * k] = (float) teff;
            x[w * k + 1] = (float) logg;
        }
        return slope(model.element(), model.values(x, members));
    }

    /** Least-squares slope of the cluster means of {@code value} (one per member) on R_GC. */
    private double slope(Element e, float[] value) {
        SimpleRegression fit = new SimpleRegression();
        int offset = 0;
        for (ClusterAnalysis.Cluster c : clusters) {
            boolean[] used = c.paper()[e.ordinal()].used();
            double sum = 0;
            int count = 0;
            for (int m = 0; m < c.members().size(); m++) {
                if (used[m]) {
                    sum += value[offset + m];
                    count++;
                }
            }
            fit.addData(c.rgcKpc(), sum / count);
            offset += c.members().size();
        }
        return fit.getSlope();
    }
}

package org.alphatap.science;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alphatap.survey.ClusterColumn;
import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.Element;
import org.alphatap.survey.LamostColumn;
import org.apache.commons.math3.random.Well19937c;

/**
 * Cluster abundances from the LAMOST members: members at or above a membership probability whose
 * prediction carries no flag (inside the training box, S/N no lower than any training star's: a
 * tree model is flat outside its data, and noisy inputs there would flatten the gradients),
 * combined per element in both modes of {@link ClusterAbundance}. Bound open clusters (Hunt &amp;
 * Reffert type "o") with at least {@code minMembers} such members enter the gradient fits: moving
 * groups (m) are unbound associations, globulars (g) belong to the halo and bulge, and the dubious
 * (d) and other (r) objects are not clusters whose gradient the disc would have.
 */
public final class ClusterAnalysis {
    /**
     * @param minProbability Hunt &amp; Reffert membership probability cut (the paper states none)
     * @param elementSigma   the per-element σ of the paper mode, by element ordinal
     */
    public record Settings(double minProbability, int minMembers, int draws, double clipK,
            ClusterAbundance.ClipScale clipScale, double ivwClipK, double[] elementSigma, long seed) {
    }

    /** The Hunt &amp; Reffert type of the clusters that enter the gradients: bound open clusters. */
    public static final String GRADIENT_TYPE = "o";

    /** One cluster: its geometry, its members, and per element the two estimates. */
    public record Cluster(int row, double xPc, double yPc, double zPc, double rgcPc, List<ClusterMembers.Member> members,
            double fehMean, double fehStd, ClusterAbundance.Estimate[] paper, ClusterAbundance.Estimate[] ivw,
            boolean inGradient) {
        public double rgcKpc() {
            return rgcPc / 1000.0;
        }
    }

    private ClusterAnalysis() {
    }

    public static List<Cluster> analyse(ClusterMembers matched, ColumnTable<ClusterColumn> clusters,
            ColumnTable<LamostColumn> lamost, Predictions predictions, Settings s) {
        List<Cluster> out = new ArrayList<>();
        for (Map.Entry<Integer, List<ClusterMembers.Member>> entry : matched.byCluster().entrySet()) {
            int row = entry.getKey();
            List<ClusterMembers.Member> used = entry.getValue().stream()
                    .filter(m -> m.probability() >= s.minProbability())
                    .filter(m -> predictions.flags(m.lamostRow()) == 0)
                    .toList();
            if (used.isEmpty()) {
                continue;
            }
            double[] xyz = position(clusters, row);
            double rgc = Galactocentric.sphericalRadius(xyz[0], xyz[1], xyz[2]);
            double[] feh = used.stream().mapToDouble(m -> lamost.real(LamostColumn.FEH, m.lamostRow())).toArray();
            double fehMean = ClusterAbundance.mean(feh);
            ClusterAbundance.Estimate[] paper = new ClusterAbundance.Estimate[Element.values().length];
            ClusterAbundance.Estimate[] ivw = new ClusterAbundance.Estimate[Element.values().length];
            for (Element e : Element.values()) {
                double[] y = used.stream().mapToDouble(m -> predictions.value(e, m.lamostRow())).toArray();
                double[] sigma = used.stream().mapToDouble(m -> predictions.sigma(e, m.lamostRow())).toArray();
                // One stream per cluster and element, so a cluster's result does not depend on the others.
                Well19937c rng = new Well19937c(s.seed() * 1_000_003L + row * 8L + e.ordinal());
                paper[e.ordinal()] = ClusterAbundance.paperMonteCarlo(y, s.elementSigma()[e.ordinal()], s.draws(),
                        s.clipK(), s.clipScale(), rng);
                ivw[e.ordinal()] = ClusterAbundance.inverseVariance(y, sigma, s.ivwClipK(), 5);
            }
            boolean inGradient = used.size() >= s.minMembers() && !Double.isNaN(rgc)
                    && GRADIENT_TYPE.equals(clusters.text(ClusterColumn.TYPE, row));
            out.add(new Cluster(row, xyz[0], xyz[1], xyz[2], rgc, used, fehMean,
                    feh.length > 1 ? ClusterAbundance.sd(feh, fehMean) : Double.NaN, paper, ivw, inGradient));
        }
        return out;
    }

    /** X, Y, Z in pc from the catalogue, or recomputed from RA, Dec and dist50 when missing. */
    static double[] position(ColumnTable<ClusterColumn> t, int row) {
        double x = t.real(ClusterColumn.X, row);
        double y = t.real(ClusterColumn.Y, row);
        double z = t.real(ClusterColumn.Z, row);
        if (!Double.isNaN(x) && !Double.isNaN(y) && !Double.isNaN(z)) {
            return new double[] {x, y, z};
        }
        double dist = t.real(ClusterColumn.DIST50, row);
        if (Double.isNaN(dist)) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        return Galactocentric.xyz(t.real(ClusterColumn.RA_ICRS, row), t.real(ClusterColumn.DE_ICRS, row), dist);
    }
}

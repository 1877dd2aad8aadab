package org.alphatap.survey.mock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;
import org.alphatap.survey.Element;

/**
 * The paper's implicit assumption, and the mock before real cluster structure: clusters follow a
 * radial [Fe/H] gradient, and their [X/Fe] follow the field's [X/Fe]–[Fe/H] trend exactly, so the
 * cluster [X/Fe] gradient is the paper's Table 2 and is entirely an echo of the [Fe/H] gradient;
 * no cluster has an α offset of its own. An optional extra gradient at fixed [Fe/H] is the part a
 * labels-only model cannot see (the echo test).
 */
final class TrendOnlyClusters implements ClusterChemistry {
    /** Cluster [Fe/H] gradient, dex/kpc (OCCAM and Spina et al.: −0.06 to −0.075). */
    static final double FEH_GRADIENT = -0.065;
    /** Cluster-to-cluster [Fe/H] scatter about the gradient, dex. */
    static final double CLUSTER_FEH_SCATTER = 0.04;
    /** Star-to-star [X/Fe] scatter inside one cluster, dex. */
    static final double MEMBER_XFE_SCATTER = 0.015;

    private final double extraGradient;

    TrendOnlyClusters(double extraGradient) {
        this.extraGradient = extraGradient;
    }

    @Override
    public double feh(double rKpc, SplittableRandom rng) {
        return FEH_GRADIENT * (rKpc - FieldChemistry.R0_KPC) + CLUSTER_FEH_SCATTER * rng.nextGaussian();
    }

    @Override
    public double[] abundances(double rKpc, double feh, SplittableRandom rng) {
        double[] x = new double[Element.values().length];
        for (Element e : Element.values()) {
            x[e.ordinal()] = FieldChemistry.mean(e, feh) + extraGradient * (rKpc - FieldChemistry.R0_KPC);
        }
        return x;
    }

    /** Members are homogeneous: the cluster value moved along the trend to the member's [Fe/H]. */
    @Override
    public double[] member(double[] cluster, double clusterFeh, double starFeh, SplittableRandom rng) {
        double[] x = new double[cluster.length];
        for (Element e : Element.values()) {
            x[e.ordinal()] = cluster[e.ordinal()] + FieldChemistry.slope(e) * (starFeh - clusterFeh)
                    + MEMBER_XFE_SCATTER * rng.nextGaussian();
        }
        return x;
    }

    @Override
    public double fehGradient() {
        return FEH_GRADIENT;
    }

    @Override
    public Relation relation(Element e) {
        double echo = FieldChemistry.slope(e) * FEH_GRADIENT;
        return new Relation(echo + extraGradient, extraGradient, FieldChemistry.slope(e), 0.0, echo);
    }

    @Override
    public void describe(ObjectNode node) {
        node.put("name", "trend-only");
        node.put("law", "[Fe/H]_c = g*(R_GC - R0) + N(0, feh_scatter); [X/Fe]_c = c_X + s_X*[Fe/H]_c"
                + " + extra*(R_GC - R0): clusters on the field trend, no offsets of their own");
        node.put("feh_gradient_dex_per_kpc", FEH_GRADIENT);
        node.put("feh_gradient_source", "between OCCAM (Donor et al. 2020) and Spina et al. (2021): -0.06 to -0.075");
        node.put("cluster_feh_scatter_dex", CLUSTER_FEH_SCATTER);
        node.put("member_xfe_scatter_dex", MEMBER_XFE_SCATTER);
        node.put("extra_gradient_dex_per_kpc", extraGradient);
    }
}

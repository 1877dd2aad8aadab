package org.alphatap.survey.mock;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;
import org.alphatap.survey.Element;

/**
 * Cluster chemistry with the structure of real open clusters: each element follows the relation
 * fitted to the OCCAM APOGEE DR16 clusters (the table shipped with the project; QUAL ≥ 1,
 * 6 &lt; R_GC &lt; 13.9 kpc), [X/Fe]_c = a_X + b_X·(R − 8 kpc) + c_X·[Fe/H]_c + ε_X, with a radial
 * term at fixed [Fe/H], an [Fe/H] term and a cluster-to-cluster scatter whose correlation between
 * elements is that of the real clusters' residuals. The clusters' [Fe/H] follows OCCAM's own
 * gradient and scatter. Unlike the field, the clusters barely follow an [X/Fe]–[Fe/H] trend
 * (c ≈ 0 for O, Mg, Si, Ca): their [X/Fe] gradient is not the field trend's echo.
 *
 * <p>The numbers are the posterior means of the project's own Model H fits of that table (joint
 * fits for the elements, a line for [Fe/H]); {@code OccamChemistryTest} refits them and fails if
 * they drift. OCCAM's zero points are on APOGEE's scale, so a_X is not taken from it: a cluster at
 * 8 kpc with OCCAM's [Fe/H] there has the field's mean [X/Fe] at that [Fe/H].
 */
final class OccamClusters implements ClusterChemistry {
    /** Radius the OCCAM relation is centred on, kpc. */
    static final double R_REF = 8.0;
    /** OCCAM [Fe/H] at 8 kpc, its gradient (dex/kpc) and cluster-to-cluster scatter (dex): Model H. */
    static final double FEH_AT_R_REF = 0.0029;
    static final double FEH_GRADIENT = -0.0678;
    static final double FEH_SCATTER = 0.0952;

    // Per element, in Element order: O, Mg, Si, Ca, Ti. Model H joint fits of OCCAM.
    /** b_X: dex/kpc at fixed [Fe/H]. */
    static final double[] AT_FIXED_FEH = {0.0114, 0.0119, 0.0049, 0.0178, 0.0182};
    /** c_X: dex/dex. */
    static final double[] FEH_COEFFICIENT = {-0.0225, 0.0596, 0.0164, 0.0501, 0.2270};
    /** ε_X: dex. */
    static final double[] SCATTER = {0.0399, 0.0415, 0.0276, 0.0376, 0.0290};
    /**
     * Correlation between elements of the residuals about each element's joint least-squares fit, on
     * the 50 OCCAM clusters with all five: O, Mg and Si vary together, Ca apart.
     */
    static final double[][] RESIDUAL_CORRELATION = {
        {1.000, 0.648, 0.564, 0.123, 0.315},
        {0.648, 1.000, 0.642, -0.002, 0.457},
        {0.564, 0.642, 1.000, -0.142, 0.371},
        {0.123, -0.002, -0.142, 1.000, 0.243},
        {0.315, 0.457, 0.371, 0.243, 1.000},
    };
    /** Star-to-star [X/Fe] scatter inside one cluster, dex (clusters are chemically homogeneous). */
    static final double MEMBER_XFE_SCATTER = 0.015;

    private final CorrelatedNormal scatter = new CorrelatedNormal(SCATTER, RESIDUAL_CORRELATION);
    private final double extraGradient;

    OccamClusters(double extraGradient) {
        this.extraGradient = extraGradient;
    }

    @Override
    public double feh(double rKpc, SplittableRandom rng) {
        return FEH_AT_R_REF + FEH_GRADIENT * (rKpc - R_REF) + FEH_SCATTER * rng.nextGaussian();
    }

    @Override
    public double[] abundances(double rKpc, double feh, SplittableRandom rng) {
        double[] x = scatter.draw(rng);
        for (Element e : Element.values()) {
            int k = e.ordinal();
            x[k] += zeroPoint(e) + (AT_FIXED_FEH[k] + extraGradient) * (rKpc - R_REF) + FEH_COEFFICIENT[k] * feh;
        }
        return x;
    }

    /** a_X: the field's mean at OCCAM's [Fe/H] at 8 kpc, less the [Fe/H] term there. */
    static double zeroPoint(Element e) {
        return FieldChemistry.mean(e, FEH_AT_R_REF) - FEH_COEFFICIENT[e.ordinal()] * FEH_AT_R_REF;
    }

    @Override
    public double[] member(double[] cluster, double clusterFeh, double starFeh, SplittableRandom rng) {
        double[] x = new double[cluster.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = cluster[k] + MEMBER_XFE_SCATTER * rng.nextGaussian();
        }
        return x;
    }

    @Override
    public double fehGradient() {
        return FEH_GRADIENT;
    }

    @Override
    public Relation relation(Element e) {
        int k = e.ordinal();
        double b = AT_FIXED_FEH[k] + extraGradient;
        return new Relation(b + FEH_COEFFICIENT[k] * FEH_GRADIENT, b, FEH_COEFFICIENT[k], SCATTER[k],
                FieldChemistry.slope(e) * FEH_GRADIENT);
    }

    @Override
    public void describe(ObjectNode node) {
        node.put("name", "realistic");
        node.put("law", "[Fe/H]_c = feh_at_8kpc + g*(R_GC - 8) + N(0, feh_scatter); [X/Fe]_c = a_X + (b_X + extra)*(R_GC - 8)"
                + " + c_X*[Fe/H]_c + eps_X, eps ~ N(0, diag(scatter) * correlation * diag(scatter))");
        node.put("source", "posterior means of the project's Model H fits of the OCCAM APOGEE DR16 clusters"
                + " (Donor et al. 2020; shipped occam_dr16_clusters.csv, QUAL >= 1, 6 < R_GC_BAILER_JONES < 13.9 kpc):"
                + " a line for [Fe/H], joint fits on (R_GC - 8, [Fe/H]) for the elements; correlation of the joint"
                + " least-squares residuals of the 50 clusters with all five elements");
        node.put("zero_point_choice", "a_X puts a cluster at 8 kpc with OCCAM's [Fe/H] there on the field's mean [X/Fe]:"
                + " OCCAM's zero points are APOGEE's, not GALAH's");
        node.put("feh_at_8kpc_dex", FEH_AT_R_REF);
        node.put("feh_gradient_dex_per_kpc", FEH_GRADIENT);
        node.put("feh_scatter_dex", FEH_SCATTER);
        node.put("member_xfe_scatter_dex", MEMBER_XFE_SCATTER);
        node.put("extra_gradient_dex_per_kpc", extraGradient);
        ObjectNode el = node.putObject("elements");
        for (Element e : Element.values()) {
            int k = e.ordinal();
            ObjectNode o = el.putObject(e.key());
            o.put("a_dex", zeroPoint(e));
            o.put("b_at_fixed_feh_dex_per_kpc", AT_FIXED_FEH[k]);
            o.put("c_feh_coefficient", FEH_COEFFICIENT[k]);
            o.put("scatter_dex", SCATTER[k]);
        }
        ArrayNode corr = node.putArray("residual_correlation_o_mg_si_ca_ti");
        for (double[] row : RESIDUAL_CORRELATION) {
            ArrayNode r = corr.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
    }
}

package org.alphatap.survey.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.alphatap.survey.Element;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * {@code truth.json}: every parameter of the mock and the answers a correct pipeline must find —
 * the gradients it was built with, the gradients of this realisation's true cluster values, and
 * each observed cluster's true [Fe/H] and [X/Fe]. No time stamps: same seed, same bytes.
 */
final class TruthFile {
    private final MockConfig config;
    private final FieldChemistry field;
    private final ClusterChemistry chemistry;
    private final MockClusters clusters;
    private final TruthStars truth;
    private final MockSurvey.Result result;

    TruthFile(MockConfig config, FieldChemistry field, ClusterChemistry chemistry, MockClusters clusters,
            TruthStars truth, MockSurvey.Result result) {
        this.config = config;
        this.field = field;
        this.chemistry = chemistry;
        this.clusters = clusters;
        this.truth = truth;
        this.result = result;
    }

    void write(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("description", "alphatap mock survey: parameters of the stated physical model, their sources, and the"
                + " answers a correct pipeline must recover");
        ObjectNode cfg = root.putObject("config");
        cfg.put("seed", config.seed());
        cfg.put("field_stars", config.fieldStars());
        cfg.put("extra_gradient_dex_per_kpc", config.extraGradient());
        cfg.put("chemistry", config.chemistry().label());

        ObjectNode files = root.putObject("files");
        files.put("lamost", MockSurvey.LAMOST_FILE);
        files.put("galah", MockSurvey.GALAH_FILE);
        files.put("clusters", MockSurvey.CLUSTER_FILE);
        files.put("members", MockSurvey.MEMBER_FILE);

        ObjectNode counts = root.putObject("counts");
        counts.put("lamost_rows", result.lamostRows());
        counts.put("lamost_stars", result.lamostStars());
        counts.put("galah_rows", result.galahRows());
        counts.put("galah_lamost_overlap_stars", MockSurvey.OVERLAP_STARS);
        counts.put("member_rows", result.memberRows());
        counts.put("lamost_observed_members", result.observedMembers());
        counts.put("lamost_observed_clusters", result.observedClusters());
        counts.put("paper_training_sample", 27712);

        root.set("model", model(json));
        root.set("gradients", gradients(json));
        root.set("clusters", clusterList(json));
        json.writeValue(file.toFile(), root);
    }

    private ObjectNode model(ObjectMapper json) {
        ObjectNode m = json.createObjectNode();
        m.put("r0_kpc", FieldChemistry.R0_KPC);
        m.put("rgc_convention", "sqrt(X^2+Y^2+Z^2) of the Hunt & Reffert X, Y, Z, in kpc");
        m.put("member_feh_scatter_dex", MockClusters.MEMBER_FEH_SCATTER);
        m.put("galah_member_fraction", MockClusters.GALAH_MEMBER_FRACTION);
        chemistry.describe(m.putObject("cluster_chemistry"));
        ObjectNode f = m.putObject("field_chemistry");
        f.put("law", "[X/Fe] = c_X + s_X*[Fe/H] + scatter; s_X = alpha_X / -0.065, c_X = beta_X + alpha_X*R0"
                + " (alpha, beta: the paper's Table 2), scatter ~ N(0, diag(sd) * correlation * diag(sd))");
        f.put("source", "the field trend under which the paper's gradients are exactly the echo of a -0.065 dex/kpc"
                + " [Fe/H] gradient; slopes of GALAH's thin-disc size");
        ArrayNode corr = f.putArray("scatter_correlation_o_mg_si_ca_ti");
        for (double[] row : field.scatter().correlation()) {
            ArrayNode r = corr.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        ObjectNode lamost = m.putObject("lamost_systematics");
        lamost.put("teff_offset_K", LamostObservation.TEFF_OFFSET);
        lamost.put("logg_trend_dex_per_1000K", LamostObservation.LOGG_TEFF_TREND);
        lamost.put("feh_offset_dex", LamostObservation.FEH_OFFSET);
        lamost.put("failed_fit_fraction", LamostObservation.FAILED_FRACTION);
        lamost.put("missing_gaia_id_fraction", LamostObservation.MISSING_GAIA_ID_FRACTION);
        lamost.put("alpha_m_definition", "mean true [X/Fe] of Mg, Si, Ca, Ti");
        lamost.put("alpha_m_sigma", "hypot(" + LamostObservation.ALPHA_M_FLOOR + ", " + LamostObservation.ALPHA_M_SCALE
                + " / snrg) dex: 0.04 at S/N 50 (Ho et al. 2017), 0.03 at S/N 100 (Zhang, Liu & Deng 2020)");
        lamost.put("alpha_m_missing_below_snrg", LamostObservation.ALPHA_M_MIN_SNR);
        ObjectNode el = m.putObject("elements");
        for (Element e : Element.values()) {
            int k = e.ordinal();
            ObjectNode o = el.putObject(e.key());
            o.put("field_s_dex_per_dex", FieldChemistry.slope(e));
            o.put("field_c_dex", FieldChemistry.zeroPoint(e));
            o.put("field_scatter_dex", field.scatter().sd(k));
            o.put("galah_error_at_snr80_dex", GalahCatalogue.ERROR_AT_80[k]);
            o.put("galah_teff_trend_dex_per_1000K", GalahCatalogue.TEFF_TREND[k]);
            o.put("paper_sigma_dex", FieldChemistry.PAPER_SIGMA[k]);
            // Label noise + field scatter + LAMOST [Fe/H] noise (0.06 dex typical) through s_X.
            o.put("expected_irreducible_sigma_dex", Math.sqrt(sq(field.scatter().sd(k))
                    + sq(GalahCatalogue.ERROR_AT_80[k]) + sq(FieldChemistry.slope(e) * 0.06)));
        }
        return m;
    }

    private ObjectNode gradients(ObjectMapper json) {
        ObjectNode g = json.createObjectNode();
        g.put("note", "slope_total is the true gradient of cluster [X/Fe] against R_GC along the clusters' own [Fe/H]"
                + " gradient (b + c*g), what a gradient fit of cluster values estimates; slope_at_fixed_feh is b;"
                + " slope_echo is what a model seeing only Teff, log g and [Fe/H] recovers (the field's s_X times g);"
                + " slope_realised is the least-squares slope of this realisation's true values over every observed cluster");
        SimpleRegression feh = new SimpleRegression();
        for (MockClusters.Cluster c : clusters.clusters) {
            feh.addData(c.rKpc(), c.feh());
        }
        ObjectNode fe = g.putObject("fe");
        fe.put("slope_total", chemistry.fehGradient());
        fe.put("slope_realised", feh.getSlope());
        for (Element e : Element.values()) {
            SimpleRegression r = new SimpleRegression();
            for (MockClusters.Cluster c : clusters.clusters) {
                r.addData(c.rKpc(), c.xfe()[e.ordinal()]);
            }
            ClusterChemistry.Relation rel = chemistry.relation(e);
            ObjectNode o = g.putObject(e.key());
            o.put("slope_total", rel.total());
            o.put("slope_at_fixed_feh", rel.atFixedFeh());
            o.put("feh_coefficient", rel.fehCoefficient());
            o.put("scatter", rel.scatter());
            o.put("slope_echo", rel.echo());
            o.put("slope_realised", r.getSlope());
        }
        return g;
    }

    private ArrayNode clusterList(ObjectMapper json) {
        ArrayNode list = json.createArrayNode();
        for (int i = 0; i < clusters.clusters.size(); i++) {
            MockClusters.Cluster c = clusters.clusters.get(i);
            ObjectNode o = list.addObject();
            o.put("name", c.name());
            o.put("rgc_kpc", c.rKpc());
            o.put("feh", c.feh());
            for (Element e : Element.values()) {
                o.put(e.key() + "_fe", c.xfe()[e.ordinal()]);
            }
            o.put("members", c.members());
            o.put("lamost_members", c.observed());
            ArrayNode ids = o.putArray("lamost_member_gaia_ids");
            for (int k = 0; k < truth.size; k++) {
                if (truth.cluster[k] == i) {
                    ids.add(truth.gaiaId[k]);
                }
            }
        }
        return list;
    }

    private static double sq(double v) {
        return v * v;
    }
}

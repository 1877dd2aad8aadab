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
    private final Chemistry chemistry;
    private final MockClusters clusters;
    private final TruthStars truth;
    private final MockSurvey.Result result;

    TruthFile(MockConfig config, Chemistry chemistry, MockClusters clusters, TruthStars truth,
            MockSurvey.Result result) {
        this.config = config;
        this.chemistry = chemistry;
        this.clusters = clusters;
        this.truth = truth;
        this.result = result;
    }

    void write(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("description", "alphatap mock survey: parameters of the stated physical model and the"
                + " answers a correct pipeline must recover");
        ObjectNode cfg = root.putObject("config");
        cfg.put("seed", config.seed());
        cfg.put("field_stars", config.fieldStars());
        cfg.put("extra_gradient_dex_per_kpc", config.extraGradient());

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
        m.put("feh_gradient_dex_per_kpc", Chemistry.FEH_GRADIENT);
        m.put("r0_kpc", Chemistry.R0_KPC);
        m.put("cluster_feh_scatter_dex", Chemistry.CLUSTER_FEH_SCATTER);
        m.put("member_feh_scatter_dex", Chemistry.MEMBER_FEH_SCATTER);
        m.put("rgc_convention", "sqrt(X^2+Y^2+Z^2) of the Hunt & Reffert X, Y, Z, in kpc");
        m.put("abundance_law", "[X/Fe] = c_X + s_X*[Fe/H] + extra*(R_GC - R0) + intrinsic scatter;"
                + " s_X = alpha_X / feh_gradient, c_X = beta_X + alpha_X*R0; extra applies to clusters only");
        ObjectNode lamost = m.putObject("lamost_systematics");
        lamost.put("teff_offset_K", LamostObservation.TEFF_OFFSET);
        lamost.put("logg_trend_dex_per_1000K", LamostObservation.LOGG_TEFF_TREND);
        lamost.put("feh_offset_dex", LamostObservation.FEH_OFFSET);
        lamost.put("failed_fit_fraction", LamostObservation.FAILED_FRACTION);
        lamost.put("missing_gaia_id_fraction", LamostObservation.MISSING_GAIA_ID_FRACTION);
        ObjectNode el = m.putObject("elements");
        for (Element e : Element.values()) {
            int k = e.ordinal();
            ObjectNode o = el.putObject(e.key());
            o.put("alpha_dex_per_kpc", Chemistry.ALPHA[k]);
            o.put("beta_dex", Chemistry.BETA[k]);
            o.put("s_dex_per_dex", Chemistry.slope(e));
            o.put("c_dex", Chemistry.zeroPoint(e));
            o.put("intrinsic_scatter_dex", Chemistry.INTRINSIC[k]);
            o.put("galah_error_at_snr80_dex", Chemistry.GALAH_ERROR_AT_80[k]);
            o.put("galah_teff_trend_dex_per_1000K", Chemistry.GALAH_TEFF_TREND[k]);
            o.put("paper_sigma_dex", Chemistry.PAPER_SIGMA[k]);
            // Label noise + intrinsic scatter + LAMOST [Fe/H] noise (0.06 dex typical) through s_X.
            o.put("expected_irreducible_sigma_dex", Math.sqrt(sq(Chemistry.INTRINSIC[k])
                    + sq(Chemistry.GALAH_ERROR_AT_80[k]) + sq(Chemistry.slope(e) * 0.06)));
        }
        return m;
    }

    private ObjectNode gradients(ObjectMapper json) {
        ObjectNode g = json.createObjectNode();
        g.put("note", "slope_design is the cluster [X/Fe] gradient the model was built with (alpha + extra);"
                + " slope_visible is the part a labels-only model can see (alpha);"
                + " slope_realised is the OLS slope of this realisation's true cluster values");
        SimpleRegression feh = new SimpleRegression();
        for (MockClusters.Cluster c : clusters.clusters) {
            feh.addData(c.rKpc(), c.feh());
        }
        ObjectNode fe = g.putObject("fe");
        fe.put("slope_design", Chemistry.FEH_GRADIENT);
        fe.put("slope_realised", feh.getSlope());
        for (Element e : Element.values()) {
            SimpleRegression r = new SimpleRegression();
            for (MockClusters.Cluster c : clusters.clusters) {
                r.addData(c.rKpc(), c.xfe()[e.ordinal()]);
            }
            ObjectNode o = g.putObject(e.key());
            o.put("slope_design", Chemistry.alpha(e) + chemistry.extraGradient());
            o.put("slope_visible", Chemistry.alpha(e));
            o.put("intercept_design", Chemistry.beta(e) - chemistry.extraGradient() * Chemistry.R0_KPC);
            o.put("slope_realised", r.getSlope());
            o.put("intercept_realised", r.getIntercept());
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

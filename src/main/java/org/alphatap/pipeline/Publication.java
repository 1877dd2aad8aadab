package org.alphatap.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.alphatap.catalogue.PublisherDid;
import org.alphatap.science.ClusterAnalysis;
import org.alphatap.science.ClusterMembers;
import org.alphatap.science.FeatureBox;
import org.alphatap.science.GradientFit;
import org.alphatap.science.Gradients;
import org.alphatap.science.HeldOutCheck;
import org.alphatap.science.ModelFamily;
import org.alphatap.science.ModelTraining;
import org.alphatap.science.Posterior;
import org.alphatap.science.Predictions;
import org.alphatap.science.TrainingSample;
import org.alphatap.sky.Healpix;
import org.alphatap.store.TableRows;
import org.alphatap.store.ColumnMetadata;
import org.alphatap.store.Staging;
import org.alphatap.store.TapSchema;
import org.alphatap.survey.ClusterColumn;
import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.Element;
import org.alphatap.survey.GalahColumn;
import org.alphatap.survey.LamostColumn;
import org.alphatap.survey.Progress;
import org.alphatap.survey.SurveyFileException;
import org.alphatap.survey.Values;

/** Writes the build's results into the {@code alpha.*} tables, on either engine. */
final class Publication {
    private final Staging db;

    Publication(Staging db) {
        this.db = db;
    }

    void createSchema() throws Exception {
        db.runScript("/schema/alpha.sql", Progress.SILENT);
    }

    /**
     * One row per LAMOST spectrum, written in order of the sky index (see schema/alpha-keys.sql).
     * The designation, the one column not kept in memory, is read from the file first.
     */
    long stars(Path lamostFile, ColumnTable<LamostColumn> lamost, Predictions p, Progress progress)
            throws SQLException, SurveyFileException {
        int n = lamost.size();
        String[] designation = new String[n];
        int[] read = {0};
        LamostColumn.reader().read(lamostFile, row -> {
            if (read[0] < n) {
                designation[read[0]] = row.text(LamostColumn.DESIGNATION);
            }
            read[0]++;
        });
        if (read[0] != n) {
            throw new SurveyFileException(lamostFile, "changed while the build read it (" + n + " rows, then "
                    + read[0] + ")");
        }
        LamostColumn[] measured = {LamostColumn.TEFF, LamostColumn.TEFF_ERR, LamostColumn.LOGG, LamostColumn.LOGG_ERR,
            LamostColumn.FEH, LamostColumn.FEH_ERR, LamostColumn.ALPHA_M, LamostColumn.ALPHA_M_ERR, LamostColumn.SNRG,
            LamostColumn.SNRR};
        try (TableRows ins = db.rows("alpha.stars", "obsid", "pub_did", "designation", "gaia_source_id", "ra",
                "dec", "hpx8", "teff", "teff_err", "logg", "logg_err", "feh", "feh_err", "alpha_m", "alpha_m_err", "snrg",
                "snrr", "model", "o_fe", "o_fe_err", "mg_fe", "mg_fe_err", "si_fe", "si_fe_err", "ca_fe", "ca_fe_err",
                "ti_fe", "ti_fe_err", "flags");
                Progress.Task task = progress.start("load alpha.stars", n)) {
            long[] order = skyOrder(lamost);
            for (int k = 0; k < n; k++) {
                int i = (int) (order[k] & ROW_BITS);
                long gaia = lamost.id(LamostColumn.GAIA_SOURCE_ID, i);
                long obsid = lamost.id(LamostColumn.OBSID, i);
                ins.id(obsid, true).text(PublisherDid.of("alpha.stars", Long.toString(obsid))).text(designation[i]).id(gaia, Values.hasId(gaia))
                        .real(lamost.real(LamostColumn.RA, i)).real(lamost.real(LamostColumn.DEC, i))
                        .id(order[k] >>> 40, true);
                for (LamostColumn c : measured) {
                    ins.real32(lamost.real(c, i));
                }
                ins.text((p.flags(i) & FeatureBox.NO_INPUT) != 0 ? null : p.family(i).key());
                for (Element e : Element.values()) {
                    ins.real32(p.value(e, i)).real32(p.sigma(e, i));
                }
                ins.integer(p.flags(i)).row();
                if ((k & 0xFFFF) == 0) {
                    task.advance(k);
                }
            }
        }
        return n;
    }

    private static final long ROW_BITS = (1L << 40) - 1;

    /** Row numbers sorted by sky index (then by row), each as hpx8 << 40 | row. */
    private static long[] skyOrder(ColumnTable<LamostColumn> lamost) {
        long[] keys = new long[lamost.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = skyIndex(lamost.real(LamostColumn.RA, i), lamost.real(LamostColumn.DEC, i)) << 40 | i;
        }
        Arrays.parallelSort(keys);
        return keys;
    }

    /**
     * The served family's cluster values. Each element's total error is the standard error and the
     * shared model offset τ measured on held-out members, in quadrature (the standard error alone
     * where there was no check).
     */
    void clusters(Analysis.Family family, ColumnTable<ClusterColumn> t) throws SQLException {
        StringBuilder cols = new StringBuilder("name,cluster_id,type,ra,dec,hpx8,dist,x,y,z,rgc,log_age,av,n_gaia,n_members,"
                + "feh_mean,feh_std,model");
        for (Element e : Element.values()) {
            String k = e.key() + "_fe_";
            cols.append(',').append(String.join(",", k + "mean", k + "median", k + "std", k + "se", k + "err", k + "n",
                    k + "ivw", k + "ivw_se", k + "tau"));
        }
        cols.append(",in_gradient");
        double[] tau = new double[Element.values().length];
        for (Gradients.Row g : family.gradients()) {
            if (g.fit().model() == GradientFit.Model.H && g.heldOut() != null) {
                tau[Element.valueOf(g.element().toUpperCase(java.util.Locale.ROOT)).ordinal()] = g.heldOut().tau();
            }
        }
        try (TableRows ins = db.rows("alpha.clusters", cols.toString().split(","))) {
            for (ClusterAnalysis.Cluster c : family.clusters()) {
                int r = c.row();
                int id = t.integer(ClusterColumn.ID, r);
                int n = t.integer(ClusterColumn.N, r);
                ins.text(ClusterColumn.normaliseName(t.text(ClusterColumn.NAME, r)));
                ins.id(id, id != Values.MISSING_INT).text(t.text(ClusterColumn.TYPE, r));
                ins.real(t.real(ClusterColumn.RA_ICRS, r)).real(t.real(ClusterColumn.DE_ICRS, r))
                        .id(skyIndex(t.real(ClusterColumn.RA_ICRS, r), t.real(ClusterColumn.DE_ICRS, r)), true)
                        .real(t.real(ClusterColumn.DIST50, r)).real(c.xPc()).real(c.yPc()).real(c.zPc()).real(c.rgcPc())
                        .real32(t.real(ClusterColumn.LOGAGE50, r)).real32(t.real(ClusterColumn.AV50, r))
                        .id(n, n != Values.MISSING_INT).integer(c.members().size())
                        .real32(c.fehMean()).real32(c.fehStd()).text(family.family().key());
                for (Element e : Element.values()) {
                    var pe = c.paper()[e.ordinal()];
                    var iv = c.ivw()[e.ordinal()];
                    double t2 = tau[e.ordinal()];
                    ins.real32(pe.mean()).real32(pe.median()).real32(pe.std()).real32(pe.se())
                            .real32(Math.sqrt(pe.se() * pe.se() + t2 * t2)).integer(pe.nUsed())
                            .real32(iv.mean()).real32(iv.se()).real32(iv.tau());
                }
                ins.bool(c.inGradient()).row();
            }
        }
    }

    void members(List<ClusterAnalysis.Cluster> clusters, ColumnTable<ClusterColumn> t,
            ColumnTable<LamostColumn> lamost) throws SQLException {
        try (TableRows ins = db.rows("alpha.members", "cluster", "obsid", "gaia_source_id", "probability",
                "o_used", "mg_used", "si_used", "ca_used", "ti_used")) {
            for (ClusterAnalysis.Cluster c : clusters) {
                String name = ClusterColumn.normaliseName(t.text(ClusterColumn.NAME, c.row()));
                for (int m = 0; m < c.members().size(); m++) {
                    ClusterMembers.Member member = c.members().get(m);
                    ins.text(name).id(lamost.id(LamostColumn.OBSID, member.lamostRow()), true)
                            .id(member.gaiaId(), Values.hasId(member.gaiaId())).real32(member.probability());
                    for (Element e : Element.values()) {
                        ins.bool(c.paper()[e.ordinal()].used()[m]);
                    }
                    ins.row();
                }
            }
        }
    }

    void gradients(List<Gradients.Row> rows) throws SQLException {
        try (TableRows ins = db.rows("alpha.gradients", "sample", "element", "model", "n_clusters", "slope",
                "slope_err", "slope_median", "slope_lo95", "slope_hi95", "slope_model_err", "slope_total_lo95",
                "slope_total_hi95", "slope_corrected", "slope_corrected_err", "slope_corrected_lo95",
                "slope_corrected_hi95", "intercept", "intercept_err", "intercept_lo95", "intercept_hi95",
                "intercept_r8", "intercept_r8_err", "intercept_r8_lo95", "intercept_r8_hi95", "scatter", "scatter_lo95",
                "scatter_hi95", "chi2nu", "partial_slope", "partial_slope_err", "partial_slope_lo95",
                "partial_slope_hi95", "feh_coefficient", "feh_coefficient_err", "partial_scatter", "slope_giant",
                "slope_dwarf", "heldout_clusters", "heldout_stars", "heldout_bias", "heldout_bias_err",
                "heldout_tau")) {
            for (Gradients.Row row : rows) {
                GradientFit.Result f = row.fit();
                ins.text(row.sample().key()).text(row.element()).text(f.model().name()).integer(f.n());
                posterior(ins, f.slope(), true);
                double[] total = row.total95();
                boolean predicted = row.sample().family() != null;
                ins.real(row.modelSd()).real(predicted ? total[0] : Double.NaN).real(predicted ? total[1] : Double.NaN);
                Posterior corrected = row.corrected();
                ins.real(corrected == null ? Double.NaN : corrected.mean())
                        .real(corrected == null ? Double.NaN : corrected.sd())
                        .real(corrected == null ? Double.NaN : corrected.lo95())
                        .real(corrected == null ? Double.NaN : corrected.hi95());
                posterior(ins, f.interceptZero(), false);
                posterior(ins, f.interceptR0(), false);
                boolean h = f.scatter() != null;
                ins.real(h ? f.scatter().mean() : Double.NaN).real(h ? f.scatter().lo95() : Double.NaN)
                        .real(h ? f.scatter().hi95() : Double.NaN).real(f.chi2nu());
                GradientFit.Joint j = row.joint();
                ins.real(j == null ? Double.NaN : j.slope().mean()).real(j == null ? Double.NaN : j.slope().sd())
                        .real(j == null ? Double.NaN : j.slope().lo95()).real(j == null ? Double.NaN : j.slope().hi95())
                        .real(j == null ? Double.NaN : j.feh().mean()).real(j == null ? Double.NaN : j.feh().sd())
                        .real(j == null || j.scatter() == null ? Double.NaN : j.scatter().mean());
                ins.real(row.giantSlope()).real(row.dwarfSlope());
                HeldOutCheck.Result c = row.heldOut();
                ins.integer(c == null ? null : Integer.valueOf(c.clusters()))
                        .integer(c == null ? null : Integer.valueOf(c.stars()))
                        .real(c == null ? Double.NaN : c.bias().slope().mean())
                        .real(c == null ? Double.NaN : c.bias().slope().sd()).real(c == null ? Double.NaN : c.tau())
                        .row();
            }
        }
    }

    /** Mean, sd, then (with the median when asked) the 95% interval. */
    private static void posterior(TableRows ins, Posterior p, boolean median) throws SQLException {
        ins.real(p.mean()).real(p.sd());
        if (median) {
            ins.real(p.median());
        }
        ins.real(p.lo95()).real(p.hi95());
    }

    /** The training stars with their split, then the held-out cluster members (split "member"). */
    void training(TrainingSample sample, ColumnTable<LamostColumn> lamost, ColumnTable<GalahColumn> galah,
            long seed, int folds, double testFraction) throws SQLException {
        try (TableRows ins = db.rows("alpha.training", "sobject_id", "obsid", "gaia_source_id", "teff",
                "logg", "feh", "alpha_m", "galah_teff", "galah_logg", "galah_fe_h", "o_fe", "mg_fe", "si_fe", "ca_fe", "ti_fe",
                "o_used", "mg_used", "si_used", "ca_used", "ti_used", "split", "fold")) {
            for (int p = 0; p < sample.size(); p++) {
                int g = sample.galahRow(p);
                long gaia = galah.id(GalahColumn.GAIADR3_SOURCE_ID, g);
                long group = Values.hasId(gaia) ? gaia : galah.id(GalahColumn.SOBJECT_ID, g);
                ModelTraining.Assignment a = ModelTraining.assign(group, seed, folds, testFraction);
                boolean[] used = new boolean[Element.values().length];
                for (Element e : Element.values()) {
                    used[e.ordinal()] = sample.usable(e, p);
                }
                // The fold means something for training stars only.
                trainingRow(ins, lamost, galah, g, sample.lamostRow(p), used, a.test() ? "test" : "train",
                        a.test() ? null : Integer.valueOf(a.fold()));
            }
            for (int p = 0; p < sample.heldOutSize(); p++) {
                boolean[] used = new boolean[Element.values().length];
                for (Element e : Element.values()) {
                    used[e.ordinal()] = sample.heldOutUsable(e, p);
                }
                trainingRow(ins, lamost, galah, sample.heldOutGalahRow(p), sample.heldOutLamostRow(p), used, "member",
                        null);
            }
        }
    }

    private static void trainingRow(TableRows ins, ColumnTable<LamostColumn> lamost, ColumnTable<GalahColumn> galah,
            int g, int l, boolean[] used, String split, Integer fold) throws SQLException {
        long gaia = galah.id(GalahColumn.GAIADR3_SOURCE_ID, g);
        ins.id(galah.id(GalahColumn.SOBJECT_ID, g), true).id(lamost.id(LamostColumn.OBSID, l), true)
                .id(gaia, Values.hasId(gaia)).real32(lamost.real(LamostColumn.TEFF, l))
                .real32(lamost.real(LamostColumn.LOGG, l)).real32(lamost.real(LamostColumn.FEH, l))
                .real32(lamost.real(LamostColumn.ALPHA_M, l)).real32(galah.real(GalahColumn.TEFF, g)).real32(galah.real(GalahColumn.LOGG, g))
                .real32(galah.real(GalahColumn.FE_H, g));
        for (Element e : Element.values()) {
            ins.real32(galah.real(GalahColumn.abundance(e), g));
        }
        for (boolean u : used) {
            ins.bool(u);
        }
        ins.text(split).integer(fold).row();
    }

    void models(Map<ModelFamily, Analysis.Family> families, ModelFamily served) throws SQLException {
        try (TableRows ins = db.rows("alpha.models", "model", "element", "served", "n_train", "n_test",
                "max_depth", "eta", "rounds", "min_child_weight", "mae_test", "rmse_test", "bias_test",
                "robust_sigma_test", "mae_cv", "mae_cv_sd", "mae_median_baseline", "mae_running_median_baseline",
                "skill_vs_median", "skill_vs_running_median", "coverage_1sigma", "coverage_2sigma",
                "coverage_1sigma_snr_lt50", "coverage_2sigma_snr_lt50", "n_test_snr_lt50", "coverage_1sigma_snr_50_100",
                "coverage_2sigma_snr_50_100", "n_test_snr_50_100", "coverage_1sigma_snr_ge100",
                "coverage_2sigma_snr_ge100", "n_test_snr_ge100", "median_sigma", "calibration_slope",
                "trend_intercept", "trend_slope", "label_min", "label_max", "importance_teff", "importance_logg",
                "importance_feh", "importance_alpha_m", "teff_min", "teff_max", "logg_min", "logg_max", "feh_min",
                "feh_max", "alpha_m_min", "alpha_m_max")) {
            for (Analysis.Family family : families.values()) {
                for (ModelTraining.Result result : family.models().values()) {
                    ModelTraining.Report r = result.report();
                    var hp = r.best();
                    var cv = r.grid().stream().filter(g -> g.maxDepth() == hp.maxDepth() && g.rounds() == hp.rounds())
                            .findFirst().orElseThrow();
                    ins.text(r.family().key()).text(r.element().key()).bool(r.family() == served).integer(r.nTrain())
                            .integer(r.nTest()).integer(hp.maxDepth()).real(hp.eta()).integer(hp.rounds())
                            .real(hp.minChildWeight());
                    ins.real(r.test().mae()).real(r.test().rmse()).real(r.test().bias()).real(r.test().robustSigma());
                    ins.real(cv.cvMae()).real(cv.cvMaeSd()).real(r.medianBaseline().mae())
                            .real(r.runningMedianBaseline().mae()).real(r.test().skillAgainst(r.medianBaseline()))
                            .real(r.test().skillAgainst(r.runningMedianBaseline()));
                    ins.real(r.coverage().within1Sigma()).real(r.coverage().within2Sigma());
                    for (ModelTraining.Coverage c : r.coverageBySnr()) {
                        ins.real(c.within1Sigma()).real(c.within2Sigma()).integer(c.n());
                    }
                    ins.real(r.medianSigma()).real(r.calibrationSlope());
                    var line = r.readout();
                    ins.real(line.trendIntercept()).real(line.trendSlope()).real32(line.labelMin())
                            .real32(line.labelMax());
                    for (String f : ModelFamily.ALPHA_M.features()) {
                        ins.real(r.importance().getOrDefault(f, r.family().width() > 3 || !f.equals("alpha_m") ? 0.0
                                : Double.NaN));
                    }
                    var b = r.box();
                    ins.real32(b.teffMin()).real32(b.teffMax()).real32(b.loggMin()).real32(b.loggMax())
                            .real32(b.fehMin()).real32(b.fehMax()).real32(b.alphaMin()).real32(b.alphaMax()).row();
                }
            }
        }
    }

    /** TAP_SCHEMA, once every table and index exists. */
    void tapSchema() throws Exception {
        TapSchema.publish(db, ColumnMetadata.load());
    }

    /** The sky index value of a position: its HEALPix pixel at the order of every sky index. */
    private static long skyIndex(double ra, double dec) {
        return Healpix.nestedIndex(Healpix.INDEX_ORDER, ra, dec);
    }

    /** Keys and indexes, once the rows are in: schema/alpha-keys.sql. */
    void indexes(Progress progress) throws SQLException, IOException {
        db.runScript("/schema/alpha-keys.sql", progress);
    }
}

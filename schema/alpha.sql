-- The published catalogue: schema alpha. One statement per ';'. Column metadata (units, UCDs,
-- descriptions) lives in vo-resources/columns.tsv; a test keeps the two in step. Yes/no columns
-- are SMALLINT 0/1: ADQL has no boolean type or literal, so a client can only compare numbers.

CREATE SCHEMA IF NOT EXISTS alpha;

-- alpha.stars gets its primary key in alpha-keys.sql, after the rows: declared here, it would
-- order the rows on disk by obsid, where the build writes them in sky-index order.
CREATE TABLE alpha.stars (
    obsid BIGINT NOT NULL,
    pub_did VARCHAR(64),
    designation VARCHAR(20),
    gaia_source_id BIGINT,
    ra DOUBLE PRECISION NOT NULL,
    dec DOUBLE PRECISION NOT NULL,
    hpx8 BIGINT,
    teff REAL, teff_err REAL,
    logg REAL, logg_err REAL,
    feh REAL, feh_err REAL,
    alpha_m REAL, alpha_m_err REAL,
    snrg REAL, snrr REAL,
    model VARCHAR(8),
    o_fe REAL, o_fe_err REAL,
    mg_fe REAL, mg_fe_err REAL,
    si_fe REAL, si_fe_err REAL,
    ca_fe REAL, ca_fe_err REAL,
    ti_fe REAL, ti_fe_err REAL,
    flags INTEGER NOT NULL
);

CREATE TABLE alpha.clusters (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    cluster_id INTEGER,
    type VARCHAR(4),
    ra DOUBLE PRECISION NOT NULL,
    dec DOUBLE PRECISION NOT NULL,
    hpx8 BIGINT,
    dist DOUBLE PRECISION,
    x DOUBLE PRECISION, y DOUBLE PRECISION, z DOUBLE PRECISION,
    rgc DOUBLE PRECISION,
    log_age REAL,
    av REAL,
    n_gaia INTEGER,
    n_members INTEGER NOT NULL,
    feh_mean REAL, feh_std REAL,
    model VARCHAR(8) NOT NULL,
    o_fe_mean REAL, o_fe_median REAL, o_fe_std REAL, o_fe_se REAL, o_fe_err REAL, o_fe_n INTEGER, o_fe_ivw REAL, o_fe_ivw_se REAL, o_fe_tau REAL,
    mg_fe_mean REAL, mg_fe_median REAL, mg_fe_std REAL, mg_fe_se REAL, mg_fe_err REAL, mg_fe_n INTEGER, mg_fe_ivw REAL, mg_fe_ivw_se REAL, mg_fe_tau REAL,
    si_fe_mean REAL, si_fe_median REAL, si_fe_std REAL, si_fe_se REAL, si_fe_err REAL, si_fe_n INTEGER, si_fe_ivw REAL, si_fe_ivw_se REAL, si_fe_tau REAL,
    ca_fe_mean REAL, ca_fe_median REAL, ca_fe_std REAL, ca_fe_se REAL, ca_fe_err REAL, ca_fe_n INTEGER, ca_fe_ivw REAL, ca_fe_ivw_se REAL, ca_fe_tau REAL,
    ti_fe_mean REAL, ti_fe_median REAL, ti_fe_std REAL, ti_fe_se REAL, ti_fe_err REAL, ti_fe_n INTEGER, ti_fe_ivw REAL, ti_fe_ivw_se REAL, ti_fe_tau REAL,
    in_gradient SMALLINT NOT NULL
);

CREATE TABLE alpha.members (
    cluster VARCHAR(64) NOT NULL,
    obsid BIGINT NOT NULL,
    gaia_source_id BIGINT,
    probability REAL,
    o_used SMALLINT NOT NULL, mg_used SMALLINT NOT NULL, si_used SMALLINT NOT NULL,
    ca_used SMALLINT NOT NULL, ti_used SMALLINT NOT NULL,
    PRIMARY KEY (cluster, obsid),
    FOREIGN KEY (cluster) REFERENCES alpha.clusters (name)
);

CREATE TABLE alpha.gradients (
    sample VARCHAR(16) NOT NULL,
    element VARCHAR(4) NOT NULL,
    model VARCHAR(2) NOT NULL,
    n_clusters INTEGER NOT NULL,
    slope DOUBLE PRECISION, slope_err DOUBLE PRECISION, slope_median DOUBLE PRECISION,
    slope_lo95 DOUBLE PRECISION, slope_hi95 DOUBLE PRECISION,
    slope_model_err DOUBLE PRECISION, slope_total_lo95 DOUBLE PRECISION, slope_total_hi95 DOUBLE PRECISION,
    slope_corrected DOUBLE PRECISION, slope_corrected_err DOUBLE PRECISION,
    slope_corrected_lo95 DOUBLE PRECISION, slope_corrected_hi95 DOUBLE PRECISION,
    intercept DOUBLE PRECISION, intercept_err DOUBLE PRECISION,
    intercept_lo95 DOUBLE PRECISION, intercept_hi95 DOUBLE PRECISION,
    intercept_r8 DOUBLE PRECISION, intercept_r8_err DOUBLE PRECISION,
    intercept_r8_lo95 DOUBLE PRECISION, intercept_r8_hi95 DOUBLE PRECISION,
    scatter DOUBLE PRECISION, scatter_lo95 DOUBLE PRECISION, scatter_hi95 DOUBLE PRECISION,
    chi2nu DOUBLE PRECISION,
    partial_slope DOUBLE PRECISION, partial_slope_err DOUBLE PRECISION,
    partial_slope_lo95 DOUBLE PRECISION, partial_slope_hi95 DOUBLE PRECISION,
    feh_coefficient DOUBLE PRECISION, feh_coefficient_err DOUBLE PRECISION,
    partial_scatter DOUBLE PRECISION,
    slope_giant DOUBLE PRECISION, slope_dwarf DOUBLE PRECISION,
    heldout_clusters INTEGER, heldout_stars INTEGER,
    heldout_bias DOUBLE PRECISION, heldout_bias_err DOUBLE PRECISION, heldout_tau DOUBLE PRECISION,
    PRIMARY KEY (sample, element, model)
);

CREATE TABLE alpha.training (
    sobject_id BIGINT NOT NULL PRIMARY KEY,
    obsid BIGINT NOT NULL,
    gaia_source_id BIGINT,
    teff REAL, logg REAL, feh REAL, alpha_m REAL,
    galah_teff REAL, galah_logg REAL, galah_fe_h REAL,
    o_fe REAL, mg_fe REAL, si_fe REAL, ca_fe REAL, ti_fe REAL,
    o_used SMALLINT NOT NULL, mg_used SMALLINT NOT NULL, si_used SMALLINT NOT NULL,
    ca_used SMALLINT NOT NULL, ti_used SMALLINT NOT NULL,
    split VARCHAR(6) NOT NULL,
    fold INTEGER
);

CREATE TABLE alpha.models (
    model VARCHAR(8) NOT NULL,
    element VARCHAR(4) NOT NULL,
    served SMALLINT NOT NULL,
    n_train INTEGER NOT NULL, n_test INTEGER NOT NULL,
    max_depth INTEGER, eta DOUBLE PRECISION, rounds INTEGER, min_child_weight DOUBLE PRECISION,
    mae_test DOUBLE PRECISION, rmse_test DOUBLE PRECISION, bias_test DOUBLE PRECISION,
    robust_sigma_test DOUBLE PRECISION,
    mae_cv DOUBLE PRECISION, mae_cv_sd DOUBLE PRECISION,
    mae_median_baseline DOUBLE PRECISION, mae_running_median_baseline DOUBLE PRECISION,
    skill_vs_median DOUBLE PRECISION, skill_vs_running_median DOUBLE PRECISION,
    coverage_1sigma DOUBLE PRECISION, coverage_2sigma DOUBLE PRECISION,
    coverage_1sigma_snr_lt50 DOUBLE PRECISION, coverage_2sigma_snr_lt50 DOUBLE PRECISION, n_test_snr_lt50 INTEGER,
    coverage_1sigma_snr_50_100 DOUBLE PRECISION, coverage_2sigma_snr_50_100 DOUBLE PRECISION, n_test_snr_50_100 INTEGER,
    coverage_1sigma_snr_ge100 DOUBLE PRECISION, coverage_2sigma_snr_ge100 DOUBLE PRECISION, n_test_snr_ge100 INTEGER,
    median_sigma DOUBLE PRECISION, calibration_slope DOUBLE PRECISION,
    trend_intercept DOUBLE PRECISION, trend_slope DOUBLE PRECISION, label_min REAL, label_max REAL,
    importance_teff DOUBLE PRECISION, importance_logg DOUBLE PRECISION, importance_feh DOUBLE PRECISION,
    importance_alpha_m DOUBLE PRECISION,
    teff_min REAL, teff_max REAL, logg_min REAL, logg_max REAL, feh_min REAL, feh_max REAL,
    alpha_m_min REAL, alpha_m_max REAL,
    PRIMARY KEY (model, element)
);

-- A few rows for the ADQL execution cases (run after schema/alpha.sql, before alpha-keys.sql).
INSERT INTO alpha.stars (obsid, designation, gaia_source_id, ra, dec, teff, logg, feh, snrg, o_fe, mg_fe, flags)
VALUES (1, 'J100000.00+300000.0', 11, 150.0, 30.0, 5800, 4.4, 0.1, 80, 0.01, 0.02, 0),
       (2, 'J100001.00+300100.0', 12, 150.004, 30.017, 4800, 2.5, -0.3, 40, 0.12, 0.05, 0),
       (3, 'J000000.50+895959.0', 13, 0.002, 89.999, 6100, 4.2, -0.6, 20, NULL, NULL, 24),
       (4, 'J235959.90-050000.0', NULL, 359.999, -5.0, 5200, 3.9, 0.3, 55, -0.05, -0.01, 0);
INSERT INTO alpha.clusters (name, cluster_id, type, ra, dec, dist, rgc, n_members, model, o_fe_mean, in_gradient)
VALUES ('Alessi_12', 5, 'o', 310.87082, 23.53847, 538.85, 7933.253, 2, 'alpha_m', 0.06, 1),
       ('Melotte_22', 6, 'o', 56.6, 24.1, 135.0, 8250.0, 1, 'alpha_m', 0.01, 0);
INSERT INTO alpha.members (cluster, obsid, gaia_source_id, probability, o_used, mg_used, si_used, ca_used, ti_used)
VALUES ('Alessi_12', 1, 11, 0.9, 1, 1, 1, 1, 1),
       ('Alessi_12', 2, 12, 0.8, 1, 1, 1, 1, 0),
       ('Melotte_22', 4, NULL, 0.95, 1, 1, 1, 1, 1);
INSERT INTO alpha.gradients (sample, element, model, n_clusters, slope, slope_err)
VALUES ('alpha_m_model', 'o', 'H', 722, 0.0198, 0.0005),
       ('alpha_m_model', 'o', 'P', 722, 0.0201, 0.0006);
INSERT INTO alpha.models (model, element, served, n_train, n_test, mae_test, mae_median_baseline,
    mae_running_median_baseline, skill_vs_running_median, coverage_1sigma)
VALUES ('alpha_m', 'o', 1, 20000, 6900, 0.052, 0.061, 0.052, 0.001, 0.67);
-- The sky index, as the build computes it.
CREATE ALIAS HPX_NESTED FOR 'org.alphatap.sky.Healpix.nestedIndex';
UPDATE alpha.stars SET hpx8 = HPX_NESTED(8, ra, dec);
UPDATE alpha.stars SET pub_did = 'ivo://alphatap.example/alpha.stars?' || obsid;
UPDATE alpha.clusters SET hpx8 = HPX_NESTED(8, ra, dec);
DROP ALIAS HPX_NESTED;

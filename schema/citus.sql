-- Citus, on paper (docs/scale-out.md): what would be run after alpha.sql and before the loads to
-- spread alpha.stars over worker nodes. Not run anywhere yet: no Citus package is reachable from
-- the machines this project is built on. Everything else in schema/ stays as it is.

-- The distribution column: the HEALPix pixel at order 3 (768 pixels of 54 deg² each), the order-8
-- sky index shifted by 10 bits. Neighbouring stars share a shard, so a cone reaches the shards of
-- the few order-3 pixels it touches, and a whole-sky scan reaches all of them in parallel.
ALTER TABLE alpha.stars ADD COLUMN hpx3 INTEGER;
-- (filled by the build with hpx8 >> 10, in the same COPY as the other columns)

SELECT create_distributed_table('alpha.stars', 'hpx3', shard_count => 32);

-- Small tables, read by almost every join with stars: a copy on every node, so that a join of a
-- reference table with stars runs on each shard without moving rows.
SELECT create_reference_table('alpha.clusters');
SELECT create_reference_table('alpha.members');
SELECT create_reference_table('alpha.gradients');
SELECT create_reference_table('alpha.models');
SELECT create_reference_table('alpha.training');
SELECT create_reference_table('tap_schema.schemas');
SELECT create_reference_table('tap_schema.tables');
SELECT create_reference_table('tap_schema.columns');
SELECT create_reference_table('tap_schema.keys');
SELECT create_reference_table('tap_schema.key_columns');

-- In place of alpha-keys.sql for alpha.stars: a unique key of a distributed table must contain its
-- distribution column, and a reference table may not refer to a distributed one, so the key
-- becomes (hpx3, obsid) and the foreign key members -> stars is dropped (TAP_SCHEMA still
-- declares the join; the build checks the obsids before loading).
ALTER TABLE alpha.stars ADD CONSTRAINT stars_pk PRIMARY KEY (hpx3, obsid);
CREATE INDEX stars_obsid ON alpha.stars (obsid);
CREATE INDEX stars_hpx8 ON alpha.stars (hpx8, ra, dec);
CREATE INDEX stars_dec ON alpha.stars (dec);
CREATE INDEX stars_gaia ON alpha.stars (gaia_source_id);
CREATE INDEX stars_feh_alpha ON alpha.stars (feh, o_fe, mg_fe, si_fe, ca_fe, ti_fe);

-- Keys and indexes of schema alpha, added once the rows are in (after alpha.sql and the loads).
-- alpha.stars is written in order of its sky index hpx8, so that the stars of one HEALPix pixel
-- sit together on disk and a cone reads a few pages; a primary key declared with the table would
-- have ordered the rows by obsid instead.

ALTER TABLE alpha.stars ADD CONSTRAINT stars_pk PRIMARY KEY (obsid);
ALTER TABLE alpha.members ADD CONSTRAINT members_stars FOREIGN KEY (obsid) REFERENCES alpha.stars (obsid);

-- The sky index carries the position: a cone tests its candidate rows on the index entries and reads
-- from the table only the rows inside it.
CREATE INDEX stars_hpx8 ON alpha.stars (hpx8, ra, dec);
CREATE INDEX stars_dec ON alpha.stars (dec);
CREATE INDEX stars_gaia ON alpha.stars (gaia_source_id);
-- Abundance trends against metallicity: an aggregate of [X/Fe] over a [Fe/H] range reads this index
-- alone (H2 takes the row only for columns the index lacks), 0.9 s for 4.6 million stars where the
-- table scan takes 11 s.
CREATE INDEX stars_feh_alpha ON alpha.stars (feh, o_fe, mg_fe, si_fe, ca_fe, ti_fe);
CREATE INDEX clusters_hpx8 ON alpha.clusters (hpx8, ra, dec);
CREATE INDEX clusters_dec ON alpha.clusters (dec);
CREATE INDEX clusters_rgc ON alpha.clusters (rgc);
CREATE INDEX members_obsid ON alpha.members (obsid);

-- Keys and indexes of schema alpha, added once the rows are in (after alpha.sql and the loads).
-- alpha.stars is written in order of its sky index hpx8, so that the stars of one HEALPix pixel
-- sit together on disk and a cone reads a few pages; a primary key declared with the table would
-- have ordered the rows by obsid instead.

ALTER TABLE alpha.stars ADD CONSTRAINT stars_pk PRIMARY KEY (obsid);
ALTER TABLE alpha.members ADD CONSTRAINT members_stars FOREIGN KEY (obsid) REFERENCES alpha.stars (obsid);

CREATE INDEX stars_hpx8 ON alpha.stars (hpx8);
CREATE INDEX stars_dec ON alpha.stars (dec);
CREATE INDEX stars_gaia ON alpha.stars (gaia_source_id);
CREATE INDEX clusters_hpx8 ON alpha.clusters (hpx8);
CREATE INDEX clusters_dec ON alpha.clusters (dec);
CREATE INDEX clusters_rgc ON alpha.clusters (rgc);
CREATE INDEX members_obsid ON alpha.members (obsid);

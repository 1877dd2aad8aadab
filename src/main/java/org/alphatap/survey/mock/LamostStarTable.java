package org.alphatap.survey.mock;

import java.io.IOException;
import java.util.SplittableRandom;
import org.alphatap.survey.LamostColumn;
import org.alphatap.survey.Progress;
import uk.ac.starlink.table.AbstractStarTable;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;

/**
 * The mock LAMOST catalogue as a STIL table whose rows are drawn while it is written: first the
 * stars whose truth is kept (GALAH overlap, cluster members), then the field stars. Each star has
 * its own random stream, seeded from the mock seed and its index, so every pass over the table
 * gives the same rows and nothing of size N is ever held but one byte per star.
 */
final class LamostStarTable extends AbstractStarTable {
    static final double FIELD_GIANT_FRACTION = 0.4;
    static final double FIELD_SNR_MEDIAN = 28.0;
    static final double LAMOST_MIN_DEC = -10.0;
    static final double LAMOST_MAX_DEC = 87.0;
    static final long FIRST_OBSID = 101_000_001L;

    private static final ColumnInfo[] COLUMNS = {
        info(LamostColumn.OBSID, Long.class, null, "unique spectrum id"),
        text(info(LamostColumn.DESIGNATION, String.class, null, "target designation JHHMMSS.ss+DDMMSS.s"), 19),
        info(LamostColumn.RA, Double.class, "deg", "right ascension (J2000) of the input catalogue"),
        info(LamostColumn.DEC, Double.class, "deg", "declination (J2000) of the input catalogue"),
        info(LamostColumn.TEFF, Float.class, "K", "LASP effective temperature"),
        info(LamostColumn.TEFF_ERR, Float.class, "K", "uncertainty of teff"),
        info(LamostColumn.LOGG, Float.class, "dex", "LASP surface gravity"),
        info(LamostColumn.LOGG_ERR, Float.class, "dex", "uncertainty of logg"),
        info(LamostColumn.FEH, Float.class, "dex", "LASP [Fe/H]"),
        info(LamostColumn.FEH_ERR, Float.class, "dex", "uncertainty of feh"),
        info(LamostColumn.SNRG, Float.class, null, "S/N in the g band"),
        info(LamostColumn.SNRR, Float.class, null, "S/N in the r band"),
        text(info(LamostColumn.GAIA_SOURCE_ID, String.class, null, "Gaia source_id of the cross-match"), 19),
        info(LamostColumn.ALPHA_M, Float.class, "dex", "LASP [alpha/M]"),
        info(LamostColumn.ALPHA_M_ERR, Float.class, "dex", "uncertainty of alpha_m"),
    };

    private final long seed;
    private final FieldChemistry field;
    private final TruthStars truth;
    private final long fieldSerialBase;
    private final byte[] spectra;
    private final long rows;
    private final Progress progress;
    /** STIL's FITS writer reads the table twice: once to size the columns, once to write. */
    private int passes;

    LamostStarTable(long seed, FieldChemistry field, TruthStars truth, long fieldStars, long fieldSerialBase,
            Progress progress) {
        this.seed = seed;
        this.field = field;
        this.truth = truth;
        this.fieldSerialBase = fieldSerialBase;
        this.progress = progress;
        long stars = truth.size + fieldStars;
        if (stars > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many stars for one mock: " + stars);
        }
        spectra = new byte[(int) stars];
        long n = 0;
        for (int k = 0; k < spectra.length; k++) {
            spectra[k] = (byte) LamostObservation.spectraCount(random(k));
            n += spectra[k];
        }
        rows = n;
    }

    long stars() {
        return spectra.length;
    }

    private SplittableRandom random(long k) {
        // Decorrelate neighbouring indices before they seed SplitMix64.
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + (k + 1) * 0xBF58476D1CE4E5B9L);
    }

    @Override
    public int getColumnCount() {
        return COLUMNS.length;
    }

    @Override
    public ColumnInfo getColumnInfo(int i) {
        return COLUMNS[i];
    }

    @Override
    public long getRowCount() {
        return rows;
    }

    @Override
    public RowSequence getRowSequence() {
        return new RowSequence() {
            private final Star star = new Star();
            private final LamostObservation obs = new LamostObservation();
            private final Progress.Task task = progress.start(++passes == 1 ? "LAMOST (sizing)" : "LAMOST (writing)",
                    rows);
            private final Object[] row = new Object[COLUMNS.length];
            private int k = -1;
            private int left;
            private SplittableRandom rng;
            private double snrMedian;
            private String designation;
            private long index;

            @Override
            public boolean next() {
                while (left == 0) {
                    if (++k >= spectra.length) {
                        return false;
                    }
                    startStar();
                }
                left--;
                obs.observe(star, snrMedian, rng);
                row[0] = FIRST_OBSID + index++;
                row[1] = designation;
                row[2] = obs.ra;
                row[3] = obs.dec;
                row[4] = obs.teff;
                row[5] = obs.teffErr;
                row[6] = obs.logg;
                row[7] = obs.loggErr;
                row[8] = obs.feh;
                row[9] = obs.fehErr;
                row[10] = obs.snrg;
                row[11] = obs.snrr;
                row[12] = obs.gaiaIdMissing ? "" : Long.toString(star.gaiaId);
                row[13] = obs.alphaM;
                row[14] = obs.alphaMErr;
                if ((index & 0xFFFF) == 0) {
                    task.advance(index);
                }
                return true;
            }

            private void startStar() {
                rng = random(k);
                left = LamostObservation.spectraCount(rng);
                if (k < truth.size) {
                    truth.load(k, star);
                    snrMedian = truth.lamostSnr[k];
                } else {
                    star.placeInBand(rng, LAMOST_MIN_DEC, LAMOST_MAX_DEC);
                    star.drawType(rng, FIELD_GIANT_FRACTION);
                    star.drawFieldFeh(rng);
                    System.arraycopy(field.star(star.feh, rng), 0, star.xfe, 0, star.xfe.length);
                    star.gaiaId = Star.gaiaId(star.ra, star.dec, fieldSerialBase + (k - truth.size));
                    snrMedian = FIELD_SNR_MEDIAN;
                }
                designation = LamostObservation.designation(star.ra, star.dec);
            }

            @Override
            public Object getCell(int i) {
                return row[i];
            }

            @Override
            public Object[] getRow() {
                return row.clone();
            }

            @Override
            public void close() {
                task.close();
            }
        };
    }

    private static ColumnInfo info(LamostColumn c, Class<?> type, String unit, String description) {
        return MockSurvey.info(c, type, unit, description);
    }

    private static ColumnInfo text(ColumnInfo info, int length) {
        info.setElementSize(length);
        return info;
    }
}

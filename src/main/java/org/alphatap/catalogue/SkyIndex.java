package org.alphatap.catalogue;

/**
 * Where a table is on the sky: its main position columns (UCDs {@code pos.eq.ra;meta.main} and
 * {@code pos.eq.dec;meta.main}) and, when it has one, an indexed HEALPix column
 * ({@code pos.healpix}, NESTED, at {@code order}) whose pixels a cone can be written as.
 */
public record SkyIndex(String ra, String dec, String healpix, int order) {
    public static final String RA_UCD = "pos.eq.ra;meta.main";
    public static final String DEC_UCD = "pos.eq.dec;meta.main";
    public static final String HEALPIX_UCD = "pos.healpix";

    public boolean hasHealpix() {
        return healpix != null;
    }
}

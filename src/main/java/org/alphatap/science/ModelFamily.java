package org.alphatap.science;

import java.util.Locale;

/**
 * The two families of models: the paper's, on LAMOST Teff, log g and [Fe/H]; and the same with
 * LAMOST's own [α/M] as a fourth feature, the one star-level α measurement the catalogue has. A
 * missing [α/M] is XGBoost's missing value: each split sends it the way the training data chose.
 */
public enum ModelFamily {
    PAPER(new String[] {"teff", "logg", "feh"}, null),
    /**
     * Trees of (Teff, log g, [Fe/H]) and trees of ([Fe/H], [α/M]), never mixing Teff or log g with
     * [α/M]: the α information enters as a function of [Fe/H] alone (the α sequences of the disc
     * are drawn in that plane), which keeps the model a sum of a 3-feature and a 2-feature part and
     * so compilable into grids.
     */
    ALPHA_M(new String[] {"teff", "logg", "feh", "alpha_m"}, "[[0,1,2],[2,3]]");

    /** Index of [Fe/H] in every family's feature row: the readout's line is in it. */
    public static final int FEH = 2;

    private final String[] features;
    private final String interactionConstraints;

    ModelFamily(String[] features, String interactionConstraints) {
        this.features = features;
        this.interactionConstraints = interactionConstraints;
    }

    /** Feature names in row order. */
    public String[] features() {
        return features.clone();
    }

    /** Features per row. */
    public int width() {
        return features.length;
    }

    /** XGBoost's interaction_constraints, or null for none. */
    String interactionConstraints() {
        return interactionConstraints;
    }

    /** The name used in tables and files: "paper", "alpha_m". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Feature groups whose trees are summed: each a list of feature indices. */
    int[][] blocks() {
        return this == PAPER ? new int[][] {{0, 1, 2}} : new int[][] {{0, 1, 2}, {2, 3}};
    }
}

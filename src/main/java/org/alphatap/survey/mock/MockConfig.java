package org.alphatap.survey.mock;

/**
 * What a mock survey is made from.
 *
 * @param seed          every random draw follows from it: same seed, same files, byte for byte
 * @param fieldStars    LAMOST field stars beyond the fixed GALAH-overlap and cluster populations
 * @param extraGradient an extra radial gradient of cluster [X/Fe] at fixed [Fe/H], dex/kpc, for
 *                      the echo diagnostic; a model that sees only Teff, log g, [Fe/H] cannot see it
 * @param chemistry     the clusters' chemistry: real cluster structure, or the paper's assumption
 */
public record MockConfig(long seed, long fieldStars, double extraGradient, MockChemistry chemistry) {
    public static final long DEFAULT_SEED = 20250611L;
    public static final long DEFAULT_FIELD_STARS = 100_000L;

    public MockConfig {
        if (fieldStars < 0) {
            throw new IllegalArgumentException("--stars must be zero or more, got " + fieldStars);
        }
        if (!Double.isFinite(extraGradient)) {
            throw new IllegalArgumentException("the extra gradient must be a finite number of dex/kpc");
        }
        if (chemistry == null) {
            throw new IllegalArgumentException("a mock needs a chemistry");
        }
    }

    public static MockConfig defaults() {
        return new MockConfig(DEFAULT_SEED, DEFAULT_FIELD_STARS, 0.0, MockChemistry.REALISTIC);
    }
}

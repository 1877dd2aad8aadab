package org.alphatap.pipeline;

import org.alphatap.science.ModelTraining;

/**
 * Build settings for tests that need a build, not the grid search or the bootstrap: one grid
 * point (the one the search picks on the mock) and no bootstrap models. What they test does not
 * depend on the search; the search itself is tested on the default settings by {@link BuildTest}.
 */
public final class LightSettings {
    private LightSettings() {
    }

    public static BuildSettings of(long seed) {
        BuildSettings d = BuildSettings.defaults(seed);
        ModelTraining.Settings t = d.training();
        ModelTraining.Settings oneGridPoint = new ModelTraining.Settings(new int[] {2}, new int[] {50}, t.eta(),
                t.minChildWeight(), t.folds(), t.testFraction(), t.seed(), t.threads());
        return new BuildSettings(seed, d.cuts(), oneGridPoint, d.minProbability(), d.minMembers(), d.draws(),
                d.clipK(), d.clipScale(), d.ivwClipK(), d.r0Kpc(), 0);
    }
}

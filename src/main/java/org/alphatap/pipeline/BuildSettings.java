package org.alphatap.pipeline;

import org.alphatap.science.ClusterAbundance;
import org.alphatap.science.GradientFit;
import org.alphatap.science.ModelTraining;
import org.alphatap.science.TrainingCuts;

/**
 * Every choice the build makes, with its default.
 *
 * @param minProbability membership probability cut; the paper states none, 0.7 follows
 *                       science-notes §5 (Hunt &amp; Reffert's probabilities are mostly high)
 * @param minMembers     LAMOST members a cluster needs to enter the gradient fits
 * @param clipScale      the paper's "2σ": the model σ of the element, or the members' sample sd
 * @param bootstrapModels models refitted on resampled training stars to measure the gradients' model
 *                       uncertainty (0: none)
 */
public record BuildSettings(long seed, TrainingCuts cuts, ModelTraining.Settings training, double minProbability,
        int minMembers, int draws, double clipK, ClusterAbundance.ClipScale clipScale, double ivwClipK, double r0Kpc,
        int bootstrapModels) {

    public static BuildSettings defaults(long seed) {
        return new BuildSettings(seed, TrainingCuts.paper(), ModelTraining.Settings.defaults(seed), 0.7, 2, 5000,
                2.0, ClusterAbundance.ClipScale.MODEL_SIGMA, 3.0, GradientFit.DEFAULT_R0_KPC, 8);
    }
}

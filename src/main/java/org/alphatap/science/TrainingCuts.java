package org.alphatap.science;

import org.alphatap.survey.Element;

/**
 * The selection of training stars, each threshold a setting. {@link #paper()} gives the values of
 * Zhang et al. (2025) §4.2 (after Spina et al. 2021) plus GALAH DR4's own recommendation
 * ({@code flag_sp == 0}, {@code flag_x_fe == 0}), which the paper does not mention and which can be
 * switched off to reproduce it literally.
 */
public record TrainingCuts(
        double galahTeffMin, double galahTeffMax, double galahLoggMin, double galahFehMin, double galahFehMax,
        double galahVmicMax, double maxDeltaTeff, double maxDeltaLogg, double maxDeltaFeh,
        double xfeMin, double xfeMax, double caFeMin, double caFeMax,
        double galahSnrMin, double lamostSnrMin, boolean requireFlagSpZero, boolean requireElementFlagZero,
        double matchRadiusArcsec) {

    public static TrainingCuts paper() {
        return new TrainingCuts(4000, 7000, 0, -1, 0.5, 2.5, 150, 0.3, 0.1, -0.5, 0.5, -0.1, 0.35, 50, 30,
                true, true, 1.5);
    }

    /** The same cuts without GALAH's flag recommendation: the paper's text, literally. */
    public TrainingCuts withoutGalahFlags() {
        return new TrainingCuts(galahTeffMin, galahTeffMax, galahLoggMin, galahFehMin, galahFehMax, galahVmicMax,
                maxDeltaTeff, maxDeltaLogg, maxDeltaFeh, xfeMin, xfeMax, caFeMin, caFeMax, galahSnrMin,
                lamostSnrMin, false, false, matchRadiusArcsec);
    }

    /** Lowest accepted [X/Fe] of an element (Ca has its own range, after Yaz Gökçe et al. 2017). */
    public double xfeMin(Element e) {
        return e == Element.CA ? caFeMin : xfeMin;
    }

    public double xfeMax(Element e) {
        return e == Element.CA ? caFeMax : xfeMax;
    }
}

package org.alphatap.survey.mock;

import java.util.Locale;

/** Which chemistry a mock is drawn from: real cluster structure (the default), or the paper's assumption. */
public enum MockChemistry {
    /** Clusters on the OCCAM relation, field scatter correlated between elements as the real clusters' is. */
    REALISTIC,
    /** Clusters on the field's [X/Fe]–[Fe/H] trend, independent field scatter: the gradient is an echo by construction. */
    TREND_ONLY;

    /** The option value: "realistic", "trend-only". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static MockChemistry of(String label) {
        for (MockChemistry c : values()) {
            if (c.label().equalsIgnoreCase(label.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown chemistry '" + label + "': use realistic or trend-only");
    }

    FieldChemistry field() {
        return new FieldChemistry(this == REALISTIC ? OccamClusters.RESIDUAL_CORRELATION
                : CorrelatedNormal.identity(org.alphatap.survey.Element.values().length));
    }

    ClusterChemistry clusters(double extraGradient) {
        return this == REALISTIC ? new OccamClusters(extraGradient) : new TrendOnlyClusters(extraGradient);
    }
}

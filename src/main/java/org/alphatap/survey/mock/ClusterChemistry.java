package org.alphatap.survey.mock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;
import org.alphatap.survey.Element;

/**
 * How the mock's open clusters get their chemistry: a cluster's [Fe/H] from its Galactocentric
 * radius, its [X/Fe] from both, and its LAMOST-observed members' values from the cluster's. Each
 * implementation states its parameters and their sources in {@code truth.json}, and the true
 * gradients a pipeline should find.
 */
interface ClusterChemistry {
    /** A cluster's true [Fe/H] at R_GC (kpc). */
    double feh(double rKpc, SplittableRandom rng);

    /** A cluster's true [X/Fe], all elements, at R_GC (kpc) and its [Fe/H]. */
    double[] abundances(double rKpc, double feh, SplittableRandom rng);

    /** A member's true [X/Fe], given the cluster's values and the member's own [Fe/H]. */
    double[] member(double[] cluster, double clusterFeh, double starFeh, SplittableRandom rng);

    /** The population [Fe/H] gradient, dex/kpc. */
    double fehGradient();

    /**
     * The true relation of one element across clusters, [X/Fe] = a + b·(R − R0) + c·[Fe/H] + ε.
     *
     * @param total          d[X/Fe]/dR along the clusters' own [Fe/H] gradient: b + c·g, what a
     *                       gradient of cluster values against R_GC estimates
     * @param atFixedFeh     b, the radial change at fixed [Fe/H]
     * @param fehCoefficient c
     * @param scatter        ε, the cluster-to-cluster scatter about the relation, dex
     * @param echo           the part of {@code total} a model that sees only Teff, log g and [Fe/H]
     *                       recovers: the field's [X/Fe]–[Fe/H] slope times g
     */
    record Relation(double total, double atFixedFeh, double fehCoefficient, double scatter, double echo) {
    }

    Relation relation(Element e);

    /** Writes the parameters, their sources and the relation of each element into {@code node}. */
    void describe(ObjectNode node);
}

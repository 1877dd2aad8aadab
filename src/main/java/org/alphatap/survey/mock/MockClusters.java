package org.alphatap.survey.mock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.alphatap.survey.ClusterColumn;
import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.Values;

/**
 * Picks the clusters LAMOST "observed" from the real Hunt &amp; Reffert table and makes their member
 * lists: about 7,400 LAMOST members in about 1,100 clusters (the paper's cross-match), always
 * including the paper's Table 1 extract clusters that have a distance.
 */
final class MockClusters {
    static final int OBSERVED_CLUSTERS = 1086;
    static final double MEAN_OBSERVED_MEMBERS = 7435.0 / 1086.0;
    /** Paper Table 1 extract; Alessi_145 has no distance in the shipped table and cannot be used. */
    static final Set<String> TABLE1 = Set.of("Alessi_12", "Alessi_144", "Alessi_145", "Alessi_170", "Alessi_19",
            "Alessi_2", "Alessi_20", "Alessi_22", "Alessi_37");
    static final double LAMOST_MIN_DEC = -10.0;
    static final double MEMBER_SNR_MEDIAN = 50.0;
    /** Star-to-star [Fe/H] scatter inside one cluster, dex. */
    static final double MEMBER_FEH_SCATTER = 0.02;
    /**
     * GALAH observed open-cluster members too (its cluster programme; Spina et al. 2021 used them):
     * the share of LAMOST-observed members in the GALAH×LAMOST band that GALAH also observed. An
     * assumption; it gives the pipeline held-out cluster stars with labels.
     */
    static final double GALAH_MEMBER_FRACTION = 0.25;

    record Cluster(String name, int id, double ra, double dec, double distPc, double rKpc, double feh,
            double[] xfe, int members, int observed) {
    }

    /** Rows of the member table, parallel arrays. */
    static final class Members {
        final List<String> name = new ArrayList<>();
        final List<Integer> clusterId = new ArrayList<>();
        long[] gaiaId = new long[0];
        float[] prob = new float[0];
        double[] ra = new double[0];
        double[] dec = new double[0];
        float[] gmag = new float[0];
        int size;

        void add(Cluster c, long id, double p, double a, double d, double g) {
            if (size == gaiaId.length) {
                int n = Math.max(1024, size * 2);
                gaiaId = Arrays.copyOf(gaiaId, n);
                prob = Arrays.copyOf(prob, n);
                ra = Arrays.copyOf(ra, n);
                dec = Arrays.copyOf(dec, n);
                gmag = Arrays.copyOf(gmag, n);
            }
            name.add(c.name());
            clusterId.add(c.id());
            gaiaId[size] = id;
            prob[size] = (float) p;
            ra[size] = a;
            dec[size] = d;
            gmag[size] = (float) g;
            size++;
        }
    }

    final List<Cluster> clusters = new ArrayList<>();
    private final RandomGenerator counts;
    final Members members = new Members();

    /**
     * @param serial running Gaia serial number, advanced for every member made
     */
    MockClusters(ColumnTable<ClusterColumn> table, ClusterChemistry chemistry, TruthStars truth, GalahCatalogue galah,
            long[] serial, SplittableRandom rng) {
        this.counts = new Well19937c(rng.nextLong());
        for (int row : choose(table, rng)) {
            makeCluster(table, row, chemistry, truth, galah, serial, rng);
        }
    }

    /** Catalogue rows of the observed clusters, in catalogue order. */
    private static int[] choose(ColumnTable<ClusterColumn> t, SplittableRandom rng) {
        List<Integer> forced = new ArrayList<>();
        List<double[]> keyed = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            double dist = t.real(ClusterColumn.DIST50, i);
            double u = rng.nextDouble(); // drawn for every row, so the choice is stable
            // Three 2023 moving groups repeat a 2024 cluster's id, position and radius: one object
            // listed twice, and an id-keyed member table could not tell them apart. The first is kept.
            boolean first = ids.add(t.integer(ClusterColumn.ID, i));
            boolean usable = first && !Double.isNaN(dist) && !Double.isNaN(t.real(ClusterColumn.X, i))
                    && t.real(ClusterColumn.DE_ICRS, i) > LAMOST_MIN_DEC;
            if (!usable) {
                continue;
            }
            if (TABLE1.contains(t.text(ClusterColumn.NAME, i))) {
                forced.add(i);
            } else {
                // Weighted sampling without replacement (Efraimidis–Spirakis): nearby clusters are
                // likelier to have members bright enough for LAMOST.
                double weight = 1.0 / (1.0 + Math.pow(dist / 1500.0, 2));
                keyed.add(new double[] {Math.pow(u, 1.0 / weight), i});
            }
        }
        keyed.sort(Comparator.comparingDouble((double[] k) -> -k[0]));
        IntStream chosen = keyed.stream().limit(OBSERVED_CLUSTERS - forced.size()).mapToInt(k -> (int) k[1]);
        return IntStream.concat(forced.stream().mapToInt(Integer::intValue), chosen).sorted().toArray();
    }

    private void makeCluster(ColumnTable<ClusterColumn> t, int row, ClusterChemistry chem, TruthStars truth,
            GalahCatalogue galah, long[] serial, SplittableRandom rng) {
        double x = t.real(ClusterColumn.X, row);
        double y = t.real(ClusterColumn.Y, row);
        double z = t.real(ClusterColumn.Z, row);
        double rKpc = Math.sqrt(x * x + y * y + z * z) / 1000.0;
        double dist = t.real(ClusterColumn.DIST50, row);
        double feh = chem.feh(rKpc, rng);
        double[] xfe = chem.abundances(rKpc, feh, rng);
        int catalogueN = t.integer(ClusterColumn.N, row);
        int observed = observedCount(counts);
        int n = Math.max(observed, catalogueN == Values.MISSING_INT ? 40 : catalogueN);
        double r50 = Double.isNaN(t.real(ClusterColumn.R50, row)) ? 0.1 : t.real(ClusterColumn.R50, row);
        double av = Double.isNaN(t.real(ClusterColumn.AV50, row)) ? 1.0 : t.real(ClusterColumn.AV50, row);
        int id = t.integer(ClusterColumn.ID, row);
        Cluster c = new Cluster(t.text(ClusterColumn.NAME, row), id, t.real(ClusterColumn.RA_ICRS, row),
                t.real(ClusterColumn.DE_ICRS, row), dist, rKpc, feh, xfe, n, observed);
        int index = clusters.size();
        clusters.add(c);

        double giantFraction = Star.clip(0.15 + dist / 4000.0, 0.15, 0.85);
        Star[] stars = new Star[n];
        double[] gmag = new double[n];
        for (int j = 0; j < n; j++) {
            Star s = new Star();
            double cosDec = Math.max(Math.cos(Math.toRadians(c.dec())), 1e-3);
            s.ra = (c.ra() + r50 * rng.nextGaussian() / cosDec + 360.0) % 360.0;
            s.dec = Star.clip(c.dec() + r50 * rng.nextGaussian(), -90, 90);
            s.gaiaId = Star.gaiaId(s.ra, s.dec, serial[0]++);
            s.drawType(rng, giantFraction);
            s.feh = feh + MEMBER_FEH_SCATTER * rng.nextGaussian();
            stars[j] = s;
            gmag[j] = s.absoluteG() + 5 * Math.log10(dist / 10.0) + 0.83 * av + 0.1 * rng.nextGaussian();
        }
        // LAMOST observes the brightest members.
        Integer[] byBrightness = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(byBrightness, Comparator.comparingDouble(j -> gmag[j]));
        boolean[] isObserved = new boolean[n];
        for (int k = 0; k < observed; k++) {
            isObserved[byBrightness[k]] = true;
        }
        for (int j = 0; j < n; j++) {
            Star s = stars[j];
            // Bright, well-measured stars have high membership probabilities.
            double prob = 1.0 - 0.9 * Math.pow(rng.nextDouble(), isObserved[j] ? 4.0 : 2.5);
            members.add(c, s.gaiaId, Math.round(prob * 1000) / 1000.0, s.ra, s.dec, gmag[j]);
            if (isObserved[j]) {
                double[] starXfe = chem.member(xfe, feh, s.feh, rng);
                truth.add(s, starXfe, MEMBER_SNR_MEDIAN, index);
                boolean inGalahBand = s.dec > MockSurvey.OVERLAP_MIN_DEC && s.dec < MockSurvey.OVERLAP_MAX_DEC;
                if (rng.nextDouble() < GALAH_MEMBER_FRACTION && inGalahBand) {
                    galah.observe(s, starXfe, rng);
                }
            }
        }
    }

    /** LAMOST members of one cluster: one or more, heavy-tailed, mean ≈ 6.85 (7435 / 1086). */
    private static int observedCount(RandomGenerator counts) {
        // Negative binomial (shape 0.8) as a gamma–Poisson mixture, plus the one member every cluster has.
        double shape = 0.8;
        double lambda = new GammaDistribution(counts, shape, (MEAN_OBSERVED_MEMBERS - 1.0) / shape).sample();
        int extra = lambda < 1e-9 ? 0 : new PoissonDistribution(counts, lambda, 1e-12, 10_000).sample();
        return 1 + Math.min(extra, 150);
    }
}

package org.alphatap.science;

import static org.alphatap.survey.GalahColumn.FE_H;
import static org.alphatap.survey.GalahColumn.FLAG_SP;
import static org.alphatap.survey.GalahColumn.LOGG;
import static org.alphatap.survey.GalahColumn.SNR_PX_CCD3;
import static org.alphatap.survey.GalahColumn.TEFF;
import static org.alphatap.survey.GalahColumn.VMIC;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.Element;
import org.alphatap.survey.GalahColumn;
import org.alphatap.survey.LamostColumn;
import org.alphatap.survey.Values;

/**
 * GALAH stars paired with their best LAMOST spectrum and passed through the training cuts. A
 * GALAH star is matched by Gaia DR3 id, or by position (≤ {@code matchRadiusArcsec}) for LAMOST
 * rows without a usable id; of a star's repeat LAMOST spectra the one of highest {@code snrg} is
 * kept. Every cut is counted in the cut flow. Stars passing every cut that are Hunt &amp; Reffert
 * cluster members are held out: a model must not have seen the stars of the clusters it is judged
 * on, and their GALAH labels are the check of the cluster values.
 */
public final class TrainingSample {
    private final Pairs training;
    private final Pairs heldOut;
    private final CutFlow cutFlow;
    private final Map<SkyMatcher.Method, Integer> matches;
    private final TrainingCuts cuts;

    /** GALAH and LAMOST rows of the pairs of one kind, and per element whether each is usable. */
    private record Pairs(int[] galah, int[] lamost, Map<Element, boolean[]> usable) {
        int count(Element e) {
            int n = 0;
            for (boolean ok : usable.get(e)) {
                n += ok ? 1 : 0;
            }
            return n;
        }
    }

    private TrainingSample(Pairs training, Pairs heldOut, CutFlow cutFlow, Map<SkyMatcher.Method, Integer> matches,
            TrainingCuts cuts) {
        this.training = training;
        this.heldOut = heldOut;
        this.cutFlow = cutFlow;
        this.matches = matches;
        this.cuts = cuts;
    }

    /**
     * @param members the LAMOST-observed cluster members: those among the pairs are held out of
     *                training (null: none are)
     */
    public static TrainingSample select(ColumnTable<LamostColumn> lamost, ColumnTable<GalahColumn> galah,
            TrainingCuts cuts, ClusterMembers members) {
        Map<SkyMatcher.Method, Integer> matches = new EnumMap<>(SkyMatcher.Method.class);
        int[] best = bestSpectra(lamost, galah, cuts.matchRadiusArcsec(), matches);
        int[] g = IntStream.range(0, best.length).filter(i -> best[i] >= 0).toArray();
        int[] l = Arrays.stream(g).map(i -> best[i]).toArray();
        CutFlow flow = new CutFlow();
        flow.add("GALAH × LAMOST pairs (best-S/N spectrum per star)", g.length);
        int[] keep = IntStream.range(0, g.length).toArray();
        for (Cut cut : commonCuts(lamost, galah, cuts, g, l)) {
            keep = Arrays.stream(keep).filter(cut.keep()).toArray();
            flow.add(cut.label(), keep.length);
        }
        IntPredicate member = p -> members != null
                && members.contains(galah.id(GalahColumn.GAIADR3_SOURCE_ID, g[p]), l[p]);
        int[] train = Arrays.stream(keep).filter(member.negate()).toArray();
        int[] held = Arrays.stream(keep).filter(member).toArray();
        flow.add("not a Hunt & Reffert cluster member (" + held.length + " held out to check the clusters)",
                train.length);
        return new TrainingSample(pairs(train, g, l, galah, cuts, true), pairs(held, g, l, galah, cuts, false), flow, matches,
                cuts);
    }

    /**
     * The pairs at {@code keep}; {@code rangeCut}: an element's label must also lie in its training
     * range (not for the held-out members: cut labels would bias the check of predictions that undo the cut).
     */
    private static Pairs pairs(int[] keep, int[] g, int[] l, ColumnTable<GalahColumn> galah, TrainingCuts cuts,
            boolean rangeCut) {
        int[] gk = Arrays.stream(keep).map(p -> g[p]).toArray();
        int[] lk = Arrays.stream(keep).map(p -> l[p]).toArray();
        Map<Element, boolean[]> usable = new EnumMap<>(Element.class);
        for (Element e : Element.values()) {
            boolean[] ok = new boolean[gk.length];
            for (int p = 0; p < gk.length; p++) {
                double x = galah.real(GalahColumn.abundance(e), gk[p]);
                ok[p] = !Double.isNaN(x) && (!rangeCut || x >= cuts.xfeMin(e) && x <= cuts.xfeMax(e))
                        && (!cuts.requireElementFlagZero() || galah.integer(GalahColumn.flag(e), gk[p]) == 0);
            }
            usable.put(e, ok);
        }
        return new Pairs(gk, lk, usable);
    }

    private record Cut(String label, IntPredicate keep) {
    }

    /** The cuts every element shares, in the order the cut flow reports them; p indexes the pairs. */
    private static Cut[] commonCuts(ColumnTable<LamostColumn> lamost, ColumnTable<GalahColumn> galah,
            TrainingCuts c, int[] g, int[] l) {
        return new Cut[] {
            new Cut("GALAH " + fmt(c.galahTeffMin()) + " < Teff < " + fmt(c.galahTeffMax()) + " K",
                p -> between(galah.real(TEFF, g[p]), c.galahTeffMin(), c.galahTeffMax())),
            new Cut("GALAH log g > " + fmt(c.galahLoggMin()), p -> galah.real(LOGG, g[p]) > c.galahLoggMin()),
            new Cut("GALAH " + fmt(c.galahFehMin()) + " < [Fe/H] < " + fmt(c.galahFehMax()),
                p -> between(galah.real(FE_H, g[p]), c.galahFehMin(), c.galahFehMax())),
            new Cut("GALAH vmic < " + fmt(c.galahVmicMax()) + " km/s", p -> galah.real(VMIC, g[p]) < c.galahVmicMax()),
            new Cut(c.requireFlagSpZero() ? "GALAH flag_sp == 0" : "GALAH flag_sp ignored (setting)",
                p -> !c.requireFlagSpZero() || galah.integer(FLAG_SP, g[p]) == 0),
            new Cut("GALAH snr_px_ccd3 > " + fmt(c.galahSnrMin()), p -> galah.real(SNR_PX_CCD3, g[p]) > c.galahSnrMin()),
            new Cut("LAMOST snrg > " + fmt(c.lamostSnrMin()), p -> lamost.real(LamostColumn.SNRG, l[p]) > c.lamostSnrMin()),
            new Cut("|Teff LAMOST − GALAH| < " + fmt(c.maxDeltaTeff()) + " K",
                p -> Math.abs(lamost.real(LamostColumn.TEFF, l[p]) - galah.real(TEFF, g[p])) < c.maxDeltaTeff()),
            new Cut("|log g LAMOST − GALAH| < " + fmt(c.maxDeltaLogg()),
                p -> Math.abs(lamost.real(LamostColumn.LOGG, l[p]) - galah.real(LOGG, g[p])) < c.maxDeltaLogg()),
            new Cut("|[Fe/H] LAMOST − GALAH| < " + fmt(c.maxDeltaFeh()),
                p -> Math.abs(lamost.real(LamostColumn.FEH, l[p]) - galah.real(FE_H, g[p])) < c.maxDeltaFeh()),
        };
    }

    /** For each GALAH row, the LAMOST row of highest snrg that is the same star, or −1. */
    private static int[] bestSpectra(ColumnTable<LamostColumn> lamost, ColumnTable<GalahColumn> galah,
            double radiusArcsec, Map<SkyMatcher.Method, Integer> matches) {
        return SkyMatcher.of(galah, GalahColumn.GAIADR3_SOURCE_ID, GalahColumn.RA, GalahColumn.DEC, radiusArcsec)
                .bestSpectra(lamost, galah.size(), matches);
    }

    private static boolean between(double v, double lo, double hi) {
        return v > lo && v < hi;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Training stars: passing the common cuts, not cluster members (before the per-element range and flag). */
    public int size() {
        return training.galah().length;
    }

    /** Cluster members that passed every common cut, held out of training. */
    public int heldOutSize() {
        return heldOut.galah().length;
    }

    public int galahRow(int p) {
        return training.galah()[p];
    }

    public int lamostRow(int p) {
        return training.lamost()[p];
    }

    /** Whether training star p is usable for element e ([X/Fe] in range, flag clear when required). */
    public boolean usable(Element e, int p) {
        return training.usable().get(e)[p];
    }

    public int heldOutGalahRow(int p) {
        return heldOut.galah()[p];
    }

    public int heldOutLamostRow(int p) {
        return heldOut.lamost()[p];
    }

    public boolean heldOutUsable(Element e, int p) {
        return heldOut.usable().get(e)[p];
    }

    /** Training stars of one element. */
    public int count(Element e) {
        return training.count(e);
    }

    /**
     * One element's rows for one model family: LAMOST features (Teff, log g, [Fe/H], and [α/M],
     * NaN when missing, for the [α/M] family), the GALAH label and its error, the LAMOST S/N, the
     * star's group id, and the range the labels were cut to.
     */
    public record ElementData(ModelFamily family, float[] features, float[] labels, float[] labelErrors, float[] snr,
            long[] groups, int[] galahRows, int[] lamostRows, double labelMin, double labelMax) {
        public int size() {
            return labels.length;
        }

        public int width() {
            return family.width();
        }

        /** The rows at {@code idx}, in that order. */
        public ElementData subset(int[] idx) {
            int w = width();
            float[] x = new float[idx.length * w];
            for (int k = 0; k < idx.length; k++) {
                System.arraycopy(features, w * idx[k], x, w * k, w);
            }
            return new ElementData(family, x, pick(labels, idx), pick(labelErrors, idx), pick(snr, idx),
                    Arrays.stream(idx).mapToLong(i -> groups[i]).toArray(), Arrays.stream(idx).map(i -> galahRows[i]).toArray(),
                    Arrays.stream(idx).map(i -> lamostRows[i]).toArray(), labelMin, labelMax);
        }

        private static float[] pick(float[] v, int[] idx) {
            float[] out = new float[idx.length];
            for (int k = 0; k < idx.length; k++) {
                out[k] = v[idx[k]];
            }
            return out;
        }
    }

    /** The training rows of one element for one family. */
    public ElementData forElement(Element e, ModelFamily family, ColumnTable<LamostColumn> lamost,
            ColumnTable<GalahColumn> galah) {
        return rows(training, e, family, lamost, galah);
    }

    /** The held-out cluster members' rows of one element for one family. */
    public ElementData heldOut(Element e, ModelFamily family, ColumnTable<LamostColumn> lamost,
            ColumnTable<GalahColumn> galah) {
        return rows(heldOut, e, family, lamost, galah);
    }

    private ElementData rows(Pairs pairs, Element e, ModelFamily family, ColumnTable<LamostColumn> lamost,
            ColumnTable<GalahColumn> galah) {
        int n = pairs.count(e);
        int w = family.width();
        float[] x = new float[w * n];
        float[] y = new float[n];
        float[] err = new float[n];
        float[] snr = new float[n];
        long[] groups = new long[n];
        int[] gr = new int[n];
        int[] lr = new int[n];
        int k = 0;
        boolean[] usable = pairs.usable().get(e);
        for (int p = 0; p < usable.length; p++) {
            if (!usable[p]) {
                continue;
            }
            int l = pairs.lamost()[p];
            int g = pairs.galah()[p];
            features(lamost, l, w, x, k);
            y[k] = (float) galah.real(GalahColumn.abundance(e), g);
            err[k] = (float) galah.real(GalahColumn.error(e), g);
            snr[k] = (float) lamost.real(LamostColumn.SNRG, l);
            long id = galah.id(GalahColumn.GAIADR3_SOURCE_ID, g);
            groups[k] = Values.hasId(id) ? id : galah.id(GalahColumn.SOBJECT_ID, g);
            gr[k] = g;
            lr[k] = l;
            k++;
        }
        return new ElementData(family, x, y, err, snr, groups, gr, lr, cuts.xfeMin(e), cuts.xfeMax(e));
    }

    /** LAMOST row {@code l}'s features as row {@code k} of {@code x}, {@code width} to a row. */
    static void features(ColumnTable<LamostColumn> lamost, int l, int width, float[] x, int k) {
        x[width * k] = (float) lamost.real(LamostColumn.TEFF, l);
        x[width * k + 1] = (float) lamost.real(LamostColumn.LOGG, l);
        x[width * k + 2] = (float) lamost.real(LamostColumn.FEH, l);
        if (width > 3) {
            x[width * k + 3] = (float) lamost.real(LamostColumn.ALPHA_M, l);
        }
    }

    /** The feature ranges, [α/M] included, and lowest S/N of all training stars (before the per-element cuts). */
    public FeatureBox featureBox(ColumnTable<LamostColumn> lamost) {
        int w = ModelFamily.ALPHA_M.width();
        float[] x = new float[w * size()];
        float[] snr = new float[size()];
        for (int p = 0; p < size(); p++) {
            features(lamost, training.lamost()[p], w, x, p);
            snr[p] = (float) lamost.real(LamostColumn.SNRG, training.lamost()[p]);
        }
        return FeatureBox.of(x, w, snr, size());
    }

    /** LAMOST spectra matched to a GALAH star by Gaia id, by position, or not at all. */
    public Map<SkyMatcher.Method, Integer> matches() {
        return Map.copyOf(matches);
    }

    public CutFlow cutFlow() {
        return cutFlow;
    }
}

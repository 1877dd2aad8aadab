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
 * kept. Every cut is counted in the cut flow.
 */
public final class TrainingSample {
    private final int[] galahRows;
    private final int[] lamostRows;
    private final Map<Element, boolean[]> usable;
    private final CutFlow cutFlow;
    private final Map<SkyMatcher.Method, Integer> matches;
    private final TrainingCuts cuts;

    private TrainingSample(int[] galahRows, int[] lamostRows, Map<Element, boolean[]> usable, CutFlow cutFlow,
            Map<SkyMatcher.Method, Integer> matches, TrainingCuts cuts) {
        this.cuts = cuts;
        this.galahRows = galahRows;
        this.lamostRows = lamostRows;
        this.usable = usable;
        this.cutFlow = cutFlow;
        this.matches = matches;
    }

    public static TrainingSample select(ColumnTable<LamostColumn> lamost, ColumnTable<GalahColumn> galah,
            TrainingCuts cuts) {
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
        int[] gk = Arrays.stream(keep).map(p -> g[p]).toArray();
        int[] lk = Arrays.stream(keep).map(p -> l[p]).toArray();
        Map<Element, boolean[]> usable = new EnumMap<>(Element.class);
        for (Element e : Element.values()) {
            boolean[] ok = new boolean[gk.length];
            for (int p = 0; p < gk.length; p++) {
                double x = galah.real(GalahColumn.abundance(e), gk[p]);
                ok[p] = x >= cuts.xfeMin(e) && x <= cuts.xfeMax(e)
                        && (!cuts.requireElementFlagZero() || galah.integer(GalahColumn.flag(e), gk[p]) == 0);
            }
            usable.put(e, ok);
        }
        return new TrainingSample(gk, lk, usable, flow, matches, cuts);
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

    /** Stars passing the common cuts (before the per-element [X/Fe] range and flag). */
    public int size() {
        return galahRows.length;
    }

    public int galahRow(int p) {
        return galahRows[p];
    }

    public int lamostRow(int p) {
        return lamostRows[p];
    }

    /** Whether star p is usable for element e ([X/Fe] in range, flag clear when required). */
    public boolean usable(Element e, int p) {
        return usable.get(e)[p];
    }

    /** Training stars of one element. */
    public int count(Element e) {
        int n = 0;
        for (boolean ok : usable.get(e)) {
            n += ok ? 1 : 0;
        }
        return n;
    }

    /**
     * One element's training rows: LAMOST features, GALAH label, the star's group id; and the
     * range the labels were cut to.
     */
    public record ElementData(float[] features, float[] labels, float[] snr, long[] groups, int[] galahRows,
            int[] lamostRows, double labelMin, double labelMax) {
        public int size() {
            return labels.length;
        }
    }

    public ElementData forElement(Element e, ColumnTable<LamostColumn> lamost, ColumnTable<GalahColumn> galah) {
        int n = count(e);
        float[] x = new float[3 * n];
        float[] y = new float[n];
        float[] snr = new float[n];
        long[] groups = new long[n];
        int[] gr = new int[n];
        int[] lr = new int[n];
        int k = 0;
        for (int p = 0; p < size(); p++) {
            if (!usable(e, p)) {
                continue;
            }
            int l = lamostRows[p];
            int g = galahRows[p];
            x[3 * k] = (float) lamost.real(LamostColumn.TEFF, l);
            x[3 * k + 1] = (float) lamost.real(LamostColumn.LOGG, l);
            x[3 * k + 2] = (float) lamost.real(LamostColumn.FEH, l);
            y[k] = (float) galah.real(GalahColumn.abundance(e), g);
            snr[k] = (float) lamost.real(LamostColumn.SNRG, l);
            long id = galah.id(GalahColumn.GAIADR3_SOURCE_ID, g);
            groups[k] = Values.hasId(id) ? id : galah.id(GalahColumn.SOBJECT_ID, g);
            gr[k] = g;
            lr[k] = l;
            k++;
        }
        return new ElementData(x, y, snr, groups, gr, lr, cuts.xfeMin(e), cuts.xfeMax(e));
    }

    /** The feature ranges and lowest S/N of all stars passing the common cuts. */
    public FeatureBox featureBox(ColumnTable<LamostColumn> lamost) {
        float[] x = new float[3 * size()];
        float[] snr = new float[size()];
        for (int p = 0; p < size(); p++) {
            int l = lamostRows[p];
            x[3 * p] = (float) lamost.real(LamostColumn.TEFF, l);
            x[3 * p + 1] = (float) lamost.real(LamostColumn.LOGG, l);
            x[3 * p + 2] = (float) lamost.real(LamostColumn.FEH, l);
            snr[p] = (float) lamost.real(LamostColumn.SNRG, l);
        }
        return FeatureBox.of(x, snr, size());
    }

    /** LAMOST spectra matched to a GALAH star by Gaia id, by position, or not at all. */
    public Map<SkyMatcher.Method, Integer> matches() {
        return Map.copyOf(matches);
    }

    public CutFlow cutFlow() {
        return cutFlow;
    }
}

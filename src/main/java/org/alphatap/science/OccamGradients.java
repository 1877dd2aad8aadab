package org.alphatap.science;

import java.util.ArrayList;
import java.util.List;
import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.Element;
import org.alphatap.survey.OccamColumn;

/**
 * The real reference: the OCCAM APOGEE DR16 clusters (Donor et al. 2020) fitted with the same
 * gradient code as the LAMOST clusters, so the two can be read side by side. The selection is
 * Donor et al.'s fit range, QUAL ≥ 1 and 6 &lt; R_GC &lt; 13.9 kpc (Bailer-Jones distances), each
 * element with its value, its error and the cluster's [Fe/H] present.
 */
public final class OccamGradients {
    public static final int MIN_QUAL = 1;
    public static final double R_MIN_KPC = 6.0;
    public static final double R_MAX_KPC = 13.9;

    /** One element's clusters: R_GC (kpc), [Fe/H], the value and its error. */
    public record Values(double[] r, double[] feh, double[] y, double[] s) {
        public int size() {
            return r.length;
        }
    }

    private OccamGradients() {
    }

    /** The selected clusters with a value of {@code value} (an element's [X/Fe], or FE_H) and its error. */
    public static Values select(ColumnTable<OccamColumn> t, OccamColumn value, OccamColumn error) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            double r = t.real(OccamColumn.R_GC, i);
            double y = t.real(value, i);
            double s = t.real(error, i);
            double feh = t.real(OccamColumn.FE_H, i);
            int qual = t.integer(OccamColumn.QUAL, i);
            if (qual >= MIN_QUAL && qual != org.alphatap.survey.Values.MISSING_INT && r > R_MIN_KPC && r < R_MAX_KPC
                    && !Double.isNaN(y) && !Double.isNaN(s) && !Double.isNaN(feh)) {
                rows.add(new double[] {r, feh, y, s});
            }
        }
        return new Values(column(rows, 0), column(rows, 1), column(rows, 2), column(rows, 3));
    }

    /** Model P and Model H rows of every element and of [Fe/H]. */
    public static List<Gradients.Row> fit(ColumnTable<OccamColumn> t, double r0, long seed) {
        List<Gradients.Row> rows = new ArrayList<>();
        for (Element e : Element.values()) {
            Values v = select(t, OccamColumn.abundance(e), OccamColumn.error(e));
            rows.addAll(Gradients.rows(Gradients.Sample.OCCAM_DR16, e.key(), v.r(), v.feh(), v.y(), v.s(), r0,
                    seed + e.ordinal()));
        }
        Values fe = select(t, OccamColumn.FE_H, OccamColumn.FE_H_ERR);
        rows.addAll(Gradients.rows(Gradients.Sample.OCCAM_DR16, Gradients.IRON, fe.r(), null, fe.y(), fe.s(), r0,
                seed + 99));
        return rows;
    }

    private static double[] column(List<double[]> rows, int k) {
        return rows.stream().mapToDouble(a -> a[k]).toArray();
    }
}

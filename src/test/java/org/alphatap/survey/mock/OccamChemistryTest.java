package org.alphatap.survey.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.alphatap.science.GradientFit;
import org.alphatap.science.OccamGradients;
import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.Element;
import org.alphatap.survey.OccamColumn;
import org.alphatap.survey.ShippedTable;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The realistic mock's cluster chemistry is what the project's own fits of the real OCCAM clusters
 * give: refitted here, the numbers written into {@link OccamClusters} must agree, so neither the
 * table nor the fitting code can change without the mock following.
 */
class OccamChemistryTest {
    @Test
    void theMockRelationIsTheFitOfTheRealClusters(@TempDir Path dir) throws Exception {
        ColumnTable<OccamColumn> t = ShippedTable.occam(dir);
        for (Element e : Element.values()) {
            int k = e.ordinal();
            OccamGradients.Values v = OccamGradients.select(t, OccamColumn.abundance(e), OccamColumn.error(e));
            GradientFit.Joint h = GradientFit.hierarchicalJoint(v.r(), v.feh(), v.y(), v.s(), OccamClusters.R_REF,
                    GradientFit.HSettings.defaults(1));
            assertEquals(h.slope().mean(), OccamClusters.AT_FIXED_FEH[k], 5e-4, e.symbol() + " radial term");
            assertEquals(h.feh().mean(), OccamClusters.FEH_COEFFICIENT[k], 5e-3, e.symbol() + " [Fe/H] term");
            assertEquals(h.scatter().mean(), OccamClusters.SCATTER[k], 1e-3, e.symbol() + " scatter");
        }
        OccamGradients.Values fe = OccamGradients.select(t, OccamColumn.FE_H, OccamColumn.FE_H_ERR);
        GradientFit.Result line = GradientFit.hierarchical(fe.r(), fe.y(), fe.s(), OccamClusters.R_REF,
                GradientFit.HSettings.defaults(1));
        assertEquals(line.slope().mean(), OccamClusters.FEH_GRADIENT, 5e-4);
        assertEquals(line.interceptR0().mean(), OccamClusters.FEH_AT_R_REF, 1e-3);
        assertEquals(line.scatter().mean(), OccamClusters.FEH_SCATTER, 1e-3);
    }

    /** The correlation of the residuals about each element's joint least-squares fit, clusters with all five. */
    @Test
    void theMockCorrelationIsThatOfTheRealResiduals(@TempDir Path dir) throws Exception {
        ColumnTable<OccamColumn> t = ShippedTable.occam(dir);
        List<Integer> complete = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            boolean all = t.integer(OccamColumn.QUAL, i) >= 1 && t.real(OccamColumn.R_GC, i) > 6
                    && t.real(OccamColumn.R_GC, i) < 13.9 && !Double.isNaN(t.real(OccamColumn.FE_H, i));
            for (Element e : Element.values()) {
                all &= !Double.isNaN(t.real(OccamColumn.abundance(e), i)) && !Double.isNaN(t.real(OccamColumn.error(e), i));
            }
            if (all) {
                complete.add(i);
            }
        }
        int n = complete.size();
        assertEquals(50, n);
        double[][] residuals = new double[n][Element.values().length];
        double[][] x = new double[n][2];
        for (int j = 0; j < n; j++) {
            x[j][0] = t.real(OccamColumn.R_GC, complete.get(j)) - OccamClusters.R_REF;
            x[j][1] = t.real(OccamColumn.FE_H, complete.get(j));
        }
        for (Element e : Element.values()) {
            double[] y = complete.stream().mapToDouble(i -> t.real(OccamColumn.abundance(e), i)).toArray();
            OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
            ols.newSampleData(y, x);
            double[] r = ols.estimateResiduals();
            for (int j = 0; j < n; j++) {
                residuals[j][e.ordinal()] = r[j];
            }
        }
        double[][] corr = new PearsonsCorrelation(residuals).getCorrelationMatrix().getData();
        for (int a = 0; a < corr.length; a++) {
            for (int b = 0; b < corr.length; b++) {
                assertEquals(corr[a][b], OccamClusters.RESIDUAL_CORRELATION[a][b], 0.001, a + "," + b);
            }
        }
    }
}

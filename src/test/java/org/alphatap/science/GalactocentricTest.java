package org.alphatap.science;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.alphatap.survey.ClusterColumn;
import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.ShippedTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GalactocentricTest {
    @Test
    void vegaMatchesTheAstropyDocstringValue() {
        double[] xyz = Galactocentric.xyz(279.23473479, 38.78368896, 25.0);
        assertEquals(-8112.89970167, xyz[0], 1e-6);
        assertEquals(21.79911216, xyz[1], 1e-6);
        assertEquals(29.01384942, xyz[2], 1e-6);
    }

    @Test
    void sunSitsAtMinusR0AndZSun() {
        double[] xyz = Galactocentric.xyz(0, 0, 0);
        assertEquals(-8121.973, xyz[0], 1e-3);
        assertEquals(0.0, xyz[1], 1e-9);
        assertEquals(20.8, xyz[2], 1e-9);
    }

    @Test
    void reproducesHuntAndReffertXyzForEveryClusterOfTheRealCatalogue(@TempDir Path dir) throws Exception {
        ColumnTable<ClusterColumn> t = ShippedTable.huntReffert(dir);
        int checked = 0;
        double worst = 0;
        for (int i = 0; i < t.size(); i++) {
            double x = t.real(ClusterColumn.X, i);
            if (Double.isNaN(x)) {
                continue;
            }
            double[] xyz = Galactocentric.xyz(t.real(ClusterColumn.RA_ICRS, i), t.real(ClusterColumn.DE_ICRS, i),
                    t.real(ClusterColumn.DIST50, i));
            worst = Math.max(worst, Math.abs(xyz[0] - x));
            worst = Math.max(worst, Math.abs(xyz[1] - t.real(ClusterColumn.Y, i)));
            worst = Math.max(worst, Math.abs(xyz[2] - t.real(ClusterColumn.Z, i)));
            checked++;
        }
        assertEquals(6033, checked, "clusters with X, Y, Z in the shipped table");
        assertTrue(worst < 1.0, "largest |ΔX|, |ΔY|, |ΔZ| = " + worst + " pc");
    }

    @Test
    void sphericalRadiusFromTheCatalogueGivesThePapersTable1(@TempDir Path dir) throws Exception {
        // Zhang et al. (2025) Table 1, R_GC in pc; Alessi_145 has no distance in Hunt & Reffert.
        Map<String, Double> table1 = Map.of("Alessi_12", 7933.253, "Alessi_144", 8820.936, "Alessi_170", 9243.102,
                "Alessi_19", 7701.673, "Alessi_2", 8658.511, "Alessi_20", 8326.947, "Alessi_22", 8233.496,
                "Alessi_37", 8293.571);
        ColumnTable<ClusterColumn> t = ShippedTable.huntReffert(dir);
        int found = 0;
        for (int i = 0; i < t.size(); i++) {
            Double paper = table1.get(t.text(ClusterColumn.NAME, i));
            if (paper != null) {
                double r = Galactocentric.sphericalRadius(t.real(ClusterColumn.X, i), t.real(ClusterColumn.Y, i),
                        t.real(ClusterColumn.Z, i));
                // The paper prints three decimals; rounding allows 0.0005 plus the catalogue's own rounding.
                assertEquals(paper, r, 1.5e-3, t.text(ClusterColumn.NAME, i));
                found++;
            }
        }
        assertEquals(8, found);
    }
}

package org.alphatap.survey.mock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alphatap.science.TrainingCuts;
import org.alphatap.science.TrainingSample;
import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.Element;
import org.alphatap.survey.GalahColumn;
import org.alphatap.survey.LamostColumn;
import org.alphatap.survey.MemberColumn;
import org.alphatap.survey.Progress;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.alphatap.survey.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MockSurveyTest {
    private static final List<String> FILES = List.of(MockSurvey.LAMOST_FILE, MockSurvey.GALAH_FILE,
            MockSurvey.CLUSTER_FILE, MockSurvey.MEMBER_FILE, MockSurvey.TRUTH_FILE);

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedDoesNot(@TempDir Path dir) throws Exception {
        MockConfig config = new MockConfig(7, 2_000, 0.0, MockChemistry.REALISTIC);
        new MockSurvey(config).write(dir.resolve("a"), Progress.SILENT);
        new MockSurvey(config).write(dir.resolve("b"), Progress.SILENT);
        new MockSurvey(new MockConfig(8, 2_000, 0.0, MockChemistry.REALISTIC)).write(dir.resolve("c"), Progress.SILENT);
        for (String f : FILES) {
            assertArrayEquals(sha256(dir.resolve("a").resolve(f)), sha256(dir.resolve("b").resolve(f)), f);
        }
        assertFalse(java.util.Arrays.equals(sha256(dir.resolve("a").resolve(MockSurvey.LAMOST_FILE)),
                sha256(dir.resolve("c").resolve(MockSurvey.LAMOST_FILE))));
    }

    @Test
    void footprintsFollowTheSurveys() throws Exception {
        MockSurvey.Result mock = MockFixture.small();
        ColumnTable<GalahColumn> g = ColumnTable.load(GalahColumn.reader(), mock.galah(), GalahColumn.class);
        for (int i = 0; i < g.size(); i++) {
            assertTrue(g.real(GalahColumn.DEC, i) < MockSurvey.OVERLAP_MAX_DEC, "GALAH is southern");
        }
        ColumnTable<LamostColumn> l = ColumnTable.load(LamostColumn.reader(), mock.lamost(), LamostColumn.class);
        int south = 0;
        for (int i = 0; i < l.size(); i++) {
            south += l.real(LamostColumn.DEC, i) < -10 ? 1 : 0;
        }
        // Only cluster members scattered by their cluster's radius reach below -10°.
        assertTrue(south < 0.001 * l.size(), south + " LAMOST spectra south of -10°");
    }

    @Test
    void thePapersCutsLeaveAboutTheTrainingSampleOfThePaper() throws Exception {
        MockSurvey.Result mock = MockFixture.small();
        ColumnTable<LamostColumn> l = ColumnTable.load(LamostColumn.reader(), mock.lamost(), LamostColumn.class);
        ColumnTable<GalahColumn> g = ColumnTable.load(GalahColumn.reader(), mock.galah(), GalahColumn.class);
        TrainingSample paper = TrainingSample.select(l, g, TrainingCuts.paper().withoutGalahFlags(), null);
        TrainingSample flagged = TrainingSample.select(l, g, TrainingCuts.paper(), null);
        assertEquals(27_712, paper.size(), 0.10 * 27_712);
        assertEquals(27_712, flagged.size(), 0.10 * 27_712);
        for (Element e : Element.values()) {
            assertEquals(27_712, flagged.count(e), 0.10 * 27_712, e.symbol());
        }
    }

    @Test
    void clustersHaveThePapersCrossMatchSize() throws Exception {
        MockSurvey.Result mock = MockFixture.small();
        JsonNode truth = new ObjectMapper().readTree(mock.truth().toFile());
        assertEquals(1086, mock.observedClusters());
        assertEquals(7435, mock.observedMembers(), 0.05 * 7435);
        Set<String> names = new HashSet<>();
        for (JsonNode c : truth.get("clusters")) {
            names.add(c.get("name").asText());
            assertTrue(c.get("lamost_members").asInt() >= 1);
            assertEquals(c.get("lamost_members").asInt(), c.get("lamost_member_gaia_ids").size());
        }
        for (String t1 : List.of("Alessi_12", "Alessi_144", "Alessi_170", "Alessi_19", "Alessi_2", "Alessi_20",
                "Alessi_22", "Alessi_37")) {
            assertTrue(names.contains(t1), t1 + " (paper Table 1) is observed");
        }
        // Every observed member is in the member table and in the LAMOST catalogue.
        ColumnTable<MemberColumn> m = ColumnTable.load(MemberColumn.reader(), mock.members(), MemberColumn.class);
        Map<String, Integer> perCluster = new HashMap<>();
        Set<Long> memberIds = new HashSet<>();
        for (int i = 0; i < m.size(); i++) {
            perCluster.merge(m.text(MemberColumn.NAME, i), 1, Integer::sum);
            memberIds.add(m.id(MemberColumn.GAIADR3, i));
        }
        ColumnTable<LamostColumn> l = ColumnTable.load(LamostColumn.reader(), mock.lamost(), LamostColumn.class);
        Set<Long> lamostIds = new HashSet<>();
        for (int i = 0; i < l.size(); i++) {
            long id = l.id(LamostColumn.GAIA_SOURCE_ID, i);
            if (Values.hasId(id)) {
                lamostIds.add(id);
            }
        }
        int observedFound = 0;
        for (JsonNode c : truth.get("clusters")) {
            assertEquals(c.get("members").asInt(), perCluster.get(c.get("name").asText()));
            for (JsonNode id : c.get("lamost_member_gaia_ids")) {
                assertTrue(memberIds.contains(id.asLong()));
                observedFound += lamostIds.contains(id.asLong()) ? 1 : 0;
            }
        }
        // A member's spectra all lack a Gaia id only rarely (2% per spectrum).
        assertTrue(observedFound > 0.97 * mock.observedMembers(), observedFound + " observed members by Gaia id");
    }

    @Test
    void theTrendOnlyTruthIsThePapersGradientsAndTheFieldStarsDoNotChangeTheScience(@TempDir Path dir)
            throws Exception {
        MockSurvey.Result small = new MockSurvey(new MockConfig(MockConfig.DEFAULT_SEED, 0, 0.0, MockChemistry.TREND_ONLY))
                .write(dir.resolve("a"), Progress.SILENT);
        MockSurvey.Result big = new MockSurvey(new MockConfig(MockConfig.DEFAULT_SEED, 3_000, 0.0,
                MockChemistry.TREND_ONLY)).write(dir.resolve("b"), Progress.SILENT);
        JsonNode a = new ObjectMapper().readTree(small.truth().toFile());
        JsonNode b = new ObjectMapper().readTree(big.truth().toFile());
        assertEquals(a.get("clusters"), b.get("clusters"), "cluster truth does not depend on --stars");
        assertEquals(a.get("gradients"), b.get("gradients"));
        double[] alpha = {0.021, 0.007, 0.006, 0.008, 0.007};
        for (Element e : Element.values()) {
            JsonNode gr = a.get("gradients").get(e.key());
            assertEquals(alpha[e.ordinal()], gr.get("slope_total").asDouble(), 1e-12);
            assertEquals(gr.get("slope_total").asDouble(), gr.get("slope_echo").asDouble(), 1e-12, "all echo");
            // The realised true cluster values scatter only through the cluster [Fe/H] scatter.
            assertEquals(alpha[e.ordinal()], gr.get("slope_realised").asDouble(), 0.003, e.symbol());
        }
        assertEquals(-0.065, a.get("gradients").get("fe").get("slope_realised").asDouble(), 0.01);
    }

    /**
     * The realistic mock's clusters follow the relation fitted to OCCAM: a least-squares fit of
     * their true (noise-free) values on R_GC and [Fe/H] gives back its radial term, its [Fe/H] term
     * and its scatter, and the clusters' [Fe/H] its gradient and scatter.
     */
    @Test
    void theRealisticClustersFollowTheOccamRelation() throws Exception {
        JsonNode truth = new ObjectMapper().readTree(MockFixture.small().truth().toFile());
        assertEquals("realistic", truth.get("config").get("chemistry").asText());
        JsonNode clusters = truth.get("clusters");
        int n = clusters.size();
        double[][] x = new double[n][2];
        double[] feh = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = clusters.get(i).get("rgc_kpc").asDouble();
            feh[i] = clusters.get(i).get("feh").asDouble();
            x[i][0] = r[i] - OccamClusters.R_REF;
            x[i][1] = feh[i];
        }
        for (Element e : Element.values()) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = clusters.get(i).get(e.key() + "_fe").asDouble();
            }
            OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
            ols.newSampleData(y, x);
            double[] b = ols.estimateRegressionParameters();
            double[] se = ols.estimateRegressionParametersStandardErrors();
            int k = e.ordinal();
            assertEquals(OccamClusters.AT_FIXED_FEH[k], b[1], 3 * se[1], e.symbol() + " radial term");
            assertEquals(OccamClusters.FEH_COEFFICIENT[k], b[2], 3 * se[2], e.symbol() + " [Fe/H] term");
            assertEquals(OccamClusters.SCATTER[k], Math.sqrt(ols.estimateErrorVariance()), 0.1 * OccamClusters.SCATTER[k],
                    e.symbol() + " scatter");
            JsonNode gr = truth.get("gradients").get(e.key());
            assertEquals(OccamClusters.AT_FIXED_FEH[k] + OccamClusters.FEH_COEFFICIENT[k] * OccamClusters.FEH_GRADIENT,
                    gr.get("slope_total").asDouble(), 1e-12);
        }
        SimpleRegression iron = new SimpleRegression();
        for (int i = 0; i < n; i++) {
            iron.addData(r[i], feh[i]);
        }
        assertEquals(OccamClusters.FEH_GRADIENT, iron.getSlope(), 3 * iron.getSlopeStdErr());
        assertEquals(OccamClusters.FEH_SCATTER, Math.sqrt(iron.getMeanSquareError()), 0.1 * OccamClusters.FEH_SCATTER);
    }

    @Test
    void theExtraGradientIsAddedToTheClustersOnly(@TempDir Path dir) throws Exception {
        for (MockChemistry chemistry : MockChemistry.values()) {
            JsonNode plain = new ObjectMapper().readTree(new MockSurvey(new MockConfig(MockConfig.DEFAULT_SEED, 0, 0.0,
                    chemistry)).write(dir.resolve(chemistry.label() + "0"), Progress.SILENT).truth().toFile());
            JsonNode extra = new ObjectMapper().readTree(new MockSurvey(new MockConfig(MockConfig.DEFAULT_SEED, 0, 0.01,
                    chemistry)).write(dir.resolve(chemistry.label() + "1"), Progress.SILENT).truth().toFile());
            for (Element e : Element.values()) {
                JsonNode a = plain.get("gradients").get(e.key());
                JsonNode b = extra.get("gradients").get(e.key());
                assertEquals(a.get("slope_total").asDouble() + 0.01, b.get("slope_total").asDouble(), 1e-12);
                assertEquals(a.get("slope_echo").asDouble(), b.get("slope_echo").asDouble(), 1e-12, "the echo stays");
                assertEquals(a.get("slope_realised").asDouble() + 0.01, b.get("slope_realised").asDouble(), 0.003);
            }
        }
    }

    private static byte[] sha256(Path f) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
    }
}

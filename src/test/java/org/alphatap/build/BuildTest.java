package org.alphatap.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alphatap.science.GradientFit;
import org.alphatap.science.Gradients;
import org.alphatap.science.Posterior;
import org.alphatap.store.Database;
import org.alphatap.survey.Element;
import org.alphatap.survey.Progress;
import org.alphatap.survey.mock.Chemistry;
import org.alphatap.survey.mock.MockConfig;
import org.alphatap.survey.mock.MockFixture;
import org.alphatap.survey.mock.MockSurvey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on the small mock, checked against the mock's truth and the paper. */
class BuildTest {
    private static final long SEED = 11;
    private static Path data;
    private static Build.Result result;
    private static JsonNode truth;

    @BeforeAll
    static void build(@TempDir Path dir) throws Exception {
        data = dir.resolve("data");
        result = Build.run(BuildInputs.of(MockFixture.small()), BuildSettings.defaults(SEED), data, Progress.SILENT);
        truth = new ObjectMapper().readTree(MockFixture.small().truth().toFile());
    }

    @Test
    void writesTheDataDirectory() {
        for (String f : List.of(Database.FILE_NAME, "models/o.ubj", "models/ti.ubj", ScienceReport.REPORT,
                ScienceReport.MODEL_CARD_JSON, ScienceReport.MODEL_CARD_MD, ScienceReport.BUILD_JSON, "table1.csv",
                "figures/fig1_mg.png", "figures/fig1_mg.svg", "figures/fig2_ca.png", "figures/fig2_fe.svg")) {
            assertTrue(Files.isRegularFile(data.resolve(f)), f);
        }
        assertTrue(Files.notExists(data.resolveSibling("data.building")), "no staging directory left behind");
    }

    @Test
    void publishesEveryRowWithoutNaN() throws Exception {
        try (Connection c = Database.openReadOnly(data); Statement s = c.createStatement()) {
            assertEquals(MockFixture.small().lamostRows(), count(s, "SELECT COUNT(*) FROM alpha.stars"));
            assertEquals(0, count(s, "SELECT COUNT(*) FROM alpha.stars WHERE o_fe <> o_fe OR ti_fe_err <> ti_fe_err"));
            assertEquals(result.spectra() - result.predicted(),
                    count(s, "SELECT COUNT(*) FROM alpha.stars WHERE o_fe IS NULL AND BITAND(flags, 8) = 8"));
            assertEquals(5, count(s, "SELECT COUNT(*) FROM alpha.models"));
            assertEquals(12, count(s, "SELECT COUNT(*) FROM alpha.gradients"));
            assertEquals(result.clusters().size(), count(s, "SELECT COUNT(*) FROM alpha.clusters"));
            assertEquals(result.sample().size(), count(s, "SELECT COUNT(*) FROM alpha.training"));
            assertEquals(0, count(s, "SELECT COUNT(*) FROM alpha.members m LEFT JOIN alpha.stars s ON s.obsid = m.obsid"
                    + " WHERE s.obsid IS NULL"));
        }
    }

    @Test
    void trainingSampleAndClusterCountsAreThePapers() throws Exception {
        assertEquals(27_712, result.sample().size(), 0.10 * 27_712);
        long inGradient = result.clusters().stream().filter(c -> c.inGradient()).count();
        assertEquals(760, inGradient, 0.10 * 760, "clusters with results");
    }

    @Test
    void table1RadiiMatchThePaperToAHundredthOfAParsec() throws Exception {
        Map<String, Double> table1 = Map.of("Alessi_12", 7933.253, "Alessi_144", 8820.936, "Alessi_170", 9243.102,
                "Alessi_19", 7701.673, "Alessi_2", 8658.511, "Alessi_20", 8326.947, "Alessi_22", 8233.496,
                "Alessi_37", 8293.571);
        try (Connection c = Database.openReadOnly(data); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, rgc FROM alpha.clusters WHERE name LIKE 'Alessi%'")) {
            int found = 0;
            while (rs.next()) {
                Double paper = table1.get(rs.getString(1));
                if (paper != null) {
                    assertEquals(paper, rs.getDouble(2), 0.01, rs.getString(1));
                    found++;
                }
            }
            assertTrue(found >= 7, found + " of the paper's Table 1 clusters have LAMOST members here");
        }
    }

    @Test
    void modelsAreCalibratedAndBeatTheConstant() {
        for (Element e : Element.values()) {
            var r = result.models().get(e).report();
            assertEquals(0.68, r.coverage1Sigma(), 0.05, e.symbol() + " coverage");
            if (e == Element.CA) {
                // The paper's Ca range [-0.1, 0.35] cuts the test labels at high [Fe/H]; the predictions
                // undo the cut, so against the cut labels they look stretched.
                assertEquals(0.88, r.calibrationSlope(), 0.05, "Ca calibration against range-cut labels");
            } else {
                assertEquals(1.0, r.calibrationSlope(), 0.05, e.symbol() + " calibration");
            }
            assertTrue(r.test().mae() < r.medianBaseline().mae(), e.symbol());
        }
    }

    /**
     * The acceptance: every element's true slope inside the 95% interval of its Model H
     * posterior (the posterior alone, without the bootstrap model spread). Before the models kept
     * their [Fe/H] trend in a line and undid the label-range cut, Ca and Ti fell 11–14% low.
     */
    @Test
    void gradientsRecoverTheTruthWithinTheirIntervals() {
        for (Gradients.Row row : result.gradients()) {
            if (row.fit().model() != GradientFit.Model.H) {
                continue;
            }
            double design = truth.get("gradients").get(row.element()).get("slope_design").asDouble();
            Posterior slope = row.fit().slope();
            assertTrue(design >= slope.lo95() && design <= slope.hi95(),
                    row.element() + ": truth " + design + " outside [" + slope.lo95() + ", " + slope.hi95() + "]");
            if (row.partial() != null) {
                double got = slope.mean();
                assertTrue(row.modelSd() > 0, row.element() + ": bootstrap models measured");
                assertEquals(0.0, row.partial().partialSlope(), 4 * row.partial().partialSlopeErr() + 0.0005,
                        row.element() + ": a labels-only model has no gradient at fixed [Fe/H]");
                assertEquals(got, row.partial().dwarfSlope(), 0.10 * Math.abs(got), "counterfactual, dwarf");
                assertEquals(got, row.partial().giantSlope(), 0.10 * Math.abs(got), "counterfactual, giant");
            }
        }
    }

    @Test
    void theEchoDiagnosticShowsAGradientAtFixedIronIsMissed(@TempDir Path dir) throws Exception {
        double extra = 0.01;
        MockSurvey.Result mock = new MockSurvey(new MockConfig(MockConfig.DEFAULT_SEED, 0, extra))
                .write(dir.resolve("mock"), Progress.SILENT);
        Build.Result r = Build.run(BuildInputs.of(mock), BuildSettings.defaults(SEED), dir.resolve("data"),
                Progress.SILENT);
        for (Gradients.Row row : r.gradients()) {
            if (row.fit().model() != GradientFit.Model.H || row.partial() == null) {
                continue;
            }
            Element e = Element.valueOf(row.element().toUpperCase());
            double got = row.fit().slope().mean();
            double visible = Chemistry.alpha(e);
            assertTrue(got < visible + extra - 0.006, e + ": recovered " + got + " misses most of the extra " + extra);
            assertEquals(visible, got, 0.15 * visible, e + ": what is recovered is the visible part");
            assertEquals(0.0, row.partial().partialSlope(), 4 * row.partial().partialSlopeErr() + 0.0005);
        }
        String report = Files.readString(dir.resolve("data").resolve(ScienceReport.REPORT));
        assertTrue(report.contains("This mock carries an extra gradient of 0.0100 dex/kpc"), "the report says so");
    }

    @Test
    void aRebuildGivesTheSameTablesAndAFailedBuildLeavesTheOldOneInPlace(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("data");
        Build.run(BuildInputs.of(MockFixture.small()), BuildSettings.defaults(SEED), copy, Progress.SILENT);
        assertEquals(dump(data), dump(copy), "same seed, same published numbers");

        BuildInputs broken = new BuildInputs(MockFixture.small().lamost(), MockFixture.small().galah(),
                MockFixture.small().clusters(), dir.resolve("no-such-members.csv"), null);
        assertThrows(Exception.class, () -> Build.run(broken, BuildSettings.defaults(SEED), copy, Progress.SILENT));
        assertEquals(dump(data), dump(copy), "the good build is still there, untouched");
    }

    private static List<String> dump(Path dir) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = Database.openReadOnly(dir); Statement s = c.createStatement()) {
            for (String q : List.of("SELECT * FROM alpha.gradients ORDER BY element, model",
                    "SELECT * FROM alpha.clusters ORDER BY name", "SELECT * FROM alpha.models ORDER BY element",
                    "SELECT SUM(o_fe), SUM(ti_fe_err), SUM(flags) FROM alpha.stars")) {
                try (ResultSet rs = s.executeQuery(q)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder b = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            b.append(rs.getString(i)).append('|');
                        }
                        rows.add(b.toString());
                    }
                }
            }
        }
        return rows;
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

package org.alphatap.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.alphatap.survey.mock.MockFixture;
import org.alphatap.survey.mock.MockSurvey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueReaderTest {
    private static final String LAMOST_HEADER =
            "obsid,designation,ra,dec,teff,teff_err,logg,logg_err,feh,feh_err,snrg,snrr,gaia_source_id";

    @TempDir
    Path dir;

    @Test
    void readsTheMockLamostFitsGzRowForRow() throws Exception {
        MockSurvey.Result mock = MockFixture.small();
        ColumnTable<LamostColumn> t = ColumnTable.load(LamostColumn.reader(), mock.lamost(), LamostColumn.class);
        assertEquals(mock.lamostRows(), t.size());
        assertEquals(mock.lamostRows(), t.report().rowsRead());
        assertEquals(0, t.report().rowsDropped());
        // Spectra are numbered from the first obsid on, and every one has a designation and position.
        assertEquals(101_000_001L, t.id(LamostColumn.OBSID, 0));
        // Field stars keep to dec > -10; only members, scattered about clusters north of -10 by their
        // r50, reach further south.
        java.util.Set<Long> members = new java.util.HashSet<>();
        for (com.fasterxml.jackson.databind.JsonNode c : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(mock.truth().toFile()).get("clusters")) {
            c.get("lamost_member_gaia_ids").forEach(id -> members.add(id.asLong()));
        }
        for (int i = 0; i < t.size(); i++) {
            assertEquals(19, t.text(LamostColumn.DESIGNATION, i).length());
            double dec = t.real(LamostColumn.DEC, i);
            long id = t.id(LamostColumn.GAIA_SOURCE_ID, i);
            assertTrue(dec > -10 && dec <= 90 || !Values.hasId(id) || members.contains(id), "dec " + dec);
        }
    }

    /** [α/M] is read from the FITS file, its −9999s missing: the mock's low-S/N spectra and failed fits. */
    @Test
    void readsAlphaMFromFitsWithItsSentinelsMissing() throws Exception {
        MockSurvey.Result mock = MockFixture.small();
        ColumnTable<LamostColumn> t = ColumnTable.load(LamostColumn.reader(), mock.lamost(), LamostColumn.class);
        long missing = 0;
        for (int i = 0; i < t.size(); i++) {
            double a = t.real(LamostColumn.ALPHA_M, i);
            double err = t.real(LamostColumn.ALPHA_M_ERR, i);
            double snr = t.real(LamostColumn.SNRG, i);
            boolean expectMissing = snr < 10 || Double.isNaN(t.real(LamostColumn.TEFF, i));
            assertEquals(expectMissing, Double.isNaN(a), "row " + i + ": snrg " + snr);
            assertEquals(expectMissing, Double.isNaN(err));
            if (!expectMissing) {
                assertTrue(Math.abs(a) < 0.2 + 6 * err, "alpha_m " + a + " ± " + err);
                assertEquals(Math.hypot(0.025, 1.6 / snr), err, 1e-5, "the stated precision");
            }
            missing += Double.isNaN(a) ? 1 : 0;
        }
        assertTrue(missing > 0.01 * t.size(), missing + " spectra without [α/M]");
    }

    @Test
    void readsAlphaMFromCsvWithSentinelsAndWithoutTheColumn() throws Exception {
        Path csv = write("alpha.csv", LAMOST_HEADER + ",ALPHA_M,alpha_m_err\n"
                + "1,J1,1.5,2.5,5000,50,4.4,0.1,0,0.05,40,60,5,0.12,0.03\n"
                + "2,J1,1.5,2.5,5000,50,4.4,0.1,0,0.05,40,60,6,-9999,-9999\n"
                + "3,J1,1.5,2.5,5000,50,4.4,0.1,0,0.05,40,60,7,,nan\n");
        ColumnTable<LamostColumn> t = ColumnTable.load(LamostColumn.reader(), csv, LamostColumn.class);
        assertEquals(0.12, t.real(LamostColumn.ALPHA_M, 0), 1e-6);
        assertEquals(0.03, t.real(LamostColumn.ALPHA_M_ERR, 0), 1e-6);
        for (int i = 1; i < 3; i++) {
            assertTrue(Double.isNaN(t.real(LamostColumn.ALPHA_M, i)), "row " + (i + 1));
            assertTrue(Double.isNaN(t.real(LamostColumn.ALPHA_M_ERR, i)), "row " + (i + 1));
        }
        Path without = write("noalpha.csv", LAMOST_HEADER + "\n1,J1,1.5,2.5,5000,50,4.4,0.1,0,0.05,40,60,5\n");
        ColumnTable<LamostColumn> u = ColumnTable.load(LamostColumn.reader(), without, LamostColumn.class);
        assertTrue(Double.isNaN(u.real(LamostColumn.ALPHA_M, 0)), "an absent optional column reads as missing");
        assertTrue(u.report().absentOptionalColumns().contains("alpha_m"), u.report().summary());
    }

    @Test
    void mapsLamostSentinelsToMissingAndCountsThem() throws Exception {
        MockSurvey.Result mock = MockFixture.small();
        ColumnTable<LamostColumn> t = ColumnTable.load(LamostColumn.reader(), mock.lamost(), LamostColumn.class);
        long nanTeff = 0;
        long noGaia = 0;
        for (int i = 0; i < t.size(); i++) {
            double teff = t.real(LamostColumn.TEFF, i);
            assertTrue(Double.isNaN(teff) || teff > 1000, "no sentinel may survive: " + teff);
            nanTeff += Double.isNaN(teff) ? 1 : 0;
            noGaia += Values.hasId(t.id(LamostColumn.GAIA_SOURCE_ID, i)) ? 0 : 1;
        }
        assertEquals(nanTeff, t.report().missingValues().get("teff"));
        assertEquals(noGaia, t.report().missingValues().get("gaia_source_id"));
        // The mock writes about 1% failed fits and 2% blank Gaia ids.
        assertEquals(0.01, (double) nanTeff / t.size(), 0.004);
        assertEquals(0.02, (double) noGaia / t.size(), 0.005);
    }

    @Test
    void readsTheMockGalahMembersAndClusters() throws Exception {
        MockSurvey.Result mock = MockFixture.small();
        ColumnTable<GalahColumn> g = ColumnTable.load(GalahColumn.reader(), mock.galah(), GalahColumn.class);
        assertEquals(mock.galahRows(), g.size());
        assertTrue(g.report().missingValues().isEmpty(), g.report().summary());
        long sobject = g.id(GalahColumn.SOBJECT_ID, 0);
        assertEquals(15, Long.toString(sobject).length(), "sobject_id has 15 digits");

        ColumnTable<MemberColumn> m = ColumnTable.load(MemberColumn.reader(), mock.members(), MemberColumn.class);
        assertEquals(mock.memberRows(), m.size());
        for (int i = 0; i < m.size(); i++) {
            float p = (float) m.real(MemberColumn.PROB, i);
            assertTrue(p >= 0 && p <= 1);
        }

        ColumnTable<ClusterColumn> c = ColumnTable.load(ClusterColumn.reader(), mock.clusters(), ClusterColumn.class);
        assertEquals(7167, c.size());
        // The 1134 positions-only rows are kept, their missing distances counted, never dropped.
        assertEquals(1134L, c.report().missingValues().get("dist50"));
    }

    @Test
    void csvAndCsvGzGiveTheSameRowsAsCaseAndNamesVary() throws Exception {
        String body = String.join("\n",
                LAMOST_HEADER.toUpperCase(),
                "1,J000000.00+000000.0,10.5,20.25,5800,50,4.4,0.1,-0.1,0.05,40,60,123456789012345",
                "2,J000000.00+000000.0,11.5,21.25,-9999,-9999,nan,,NaN,0.05,40,60,",
                "3,J000000.00+000000.0,12.5,22.25,4800,50,2.4,0.1,-0.3,0.05,25,35,-9999") + "\n";
        Path csv = write("lamost.csv", body);
        Path gz = dir.resolve("lamost.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        for (Path f : List.of(csv, gz)) {
            ColumnTable<LamostColumn> t = ColumnTable.load(LamostColumn.reader(), f, LamostColumn.class);
            assertEquals(3, t.size(), f.toString());
            assertEquals(123456789012345L, t.id(LamostColumn.GAIA_SOURCE_ID, 0));
            assertEquals(5800.0, t.real(LamostColumn.TEFF, 0));
            assertTrue(Double.isNaN(t.real(LamostColumn.TEFF, 1)), "-9999 is missing");
            assertTrue(Double.isNaN(t.real(LamostColumn.LOGG, 1)), "'nan' is missing");
            assertTrue(Double.isNaN(t.real(LamostColumn.LOGG_ERR, 1)), "a blank is missing");
            assertFalse(Values.hasId(t.id(LamostColumn.GAIA_SOURCE_ID, 1)), "blank id");
            assertFalse(Values.hasId(t.id(LamostColumn.GAIA_SOURCE_ID, 2)), "sentinel id");
            assertEquals(2L, t.report().missingValues().get("gaia_source_id"));
        }
    }

    @Test
    void acceptsOlderAliases() throws Exception {
        Path f = write("old.csv", LAMOST_HEADER.replace(",ra,dec,", ",objra,objdec,") + "\n"
                + "7,J1,1.5,2.5,5000,50,4.4,0.1,0,0.05,40,60,5\n");
        ColumnTable<LamostColumn> t = ColumnTable.load(LamostColumn.reader(), f, LamostColumn.class);
        assertEquals(1.5, t.real(LamostColumn.RA, 0));
    }

    @Test
    void aMissingRequiredColumnNamesTheFileTheColumnAndWhatWasFound() throws Exception {
        Path f = write("nofeh.csv", LAMOST_HEADER.replace(",feh,", ",fe_h,") + "\n"
                + "7,J1,1.5,2.5,5000,50,4.4,0.1,0,0.05,40,60,5\n");
        SurveyFileException e = assertThrows(SurveyFileException.class,
                () -> LamostColumn.reader().read(f, r -> { }));
        String m = e.getMessage();
        assertTrue(m.startsWith(f.toString()), m);
        assertTrue(m.contains("required column 'feh' not found"), m);
        assertTrue(m.contains("columns found: obsid, designation, ra, dec, teff, teff_err, logg, logg_err, fe_h"), m);
    }

    @Test
    void membersNeedAClusterNameOrId() throws Exception {
        Path f = write("members.csv", "GaiaDR3,Prob\n1,0.9\n");
        SurveyFileException e = assertThrows(SurveyFileException.class,
                () -> MemberColumn.reader().read(f, r -> { }));
        assertTrue(e.getMessage().contains("one of ('Name' or 'ID')"), e.getMessage());

        Path byId = write("members-id.csv", "ID,source_id,probability\n12,1,0.9\n,2,0.8\n");
        List<Long> ids = new ArrayList<>();
        ReadReport r = MemberColumn.reader().read(byId, row -> ids.add(row.id(MemberColumn.GAIADR3)));
        assertEquals(List.of(1L), ids);
        assertEquals(1L, r.droppedForMissing().get("('Name' or 'ID')"));
    }

    @Test
    void rowsWithoutAKeyValueAreDroppedAndCounted() throws Exception {
        Path f = write("keys.csv", LAMOST_HEADER + "\n"
                + "1,J1,1.5,2.5,5000,50,4.4,0.1,0,0.05,40,60,5\n"
                + ",J1,1.5,2.5,5000,50,4.4,0.1,0,0.05,40,60,5\n"
                + "3,J1,,2.5,5000,50,4.4,0.1,0,0.05,40,60,5\n");
        ReadReport r = LamostColumn.reader().read(f, row -> { });
        assertEquals(3, r.rowsRead());
        assertEquals(1, r.rowsKept());
        assertEquals(1L, r.droppedForMissing().get("obsid"));
        assertEquals(1L, r.droppedForMissing().get("ra"));
        assertTrue(r.summary().contains("2 dropped (no value in obsid 1, ra 1)"), r.summary());
    }

    @Test
    void aValueThatIsNotANumberIsReportedWithRowAndColumn() throws Exception {
        Path f = write("bad.csv", LAMOST_HEADER + "\n"
                + "1,J1,1.5,2.5,5000,50,4.4,0.1,0,0.05,40,60,5\n"
                + "2,J1,1.5,2.5,5000,50,4.4,0.1,0,0.05,40,60,5\n"
                + "3,J1,1.5,2.5,hot,50,4.4,0.1,0,0.05,40,60,5\n");
        SurveyFileException e = assertThrows(SurveyFileException.class,
                () -> LamostColumn.reader().read(f, row -> { }));
        assertTrue(e.getMessage().contains("row 3, column 'teff': 'hot' is not a number"), e.getMessage());
    }

    @Test
    void aFileThatIsNotFitsSaysSo() throws Exception {
        Path f = write("junk.fits", "this is not a FITS file at all\n".repeat(200));
        SurveyFileException e = assertThrows(SurveyFileException.class,
                () -> GalahColumn.reader().read(f, row -> { }));
        assertTrue(e.getMessage().contains("cannot be read as FITS"), e.getMessage());
    }

    @Test
    void aTruncatedFitsFileSaysSo() throws Exception {
        byte[] whole = Files.readAllBytes(MockFixture.small().galah());
        Path f = dir.resolve("galah_truncated.fits");
        Files.write(f, java.util.Arrays.copyOf(whole, whole.length / 2));
        SurveyFileException e = assertThrows(SurveyFileException.class,
                () -> GalahColumn.reader().read(f, row -> { }));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aTruncatedGzipFileSaysSo() throws Exception {
        byte[] whole = Files.readAllBytes(MockFixture.small().lamost());
        Path f = dir.resolve("lamost_truncated.fits.gz");
        Files.write(f, java.util.Arrays.copyOf(whole, whole.length / 2));
        SurveyFileException e = assertThrows(SurveyFileException.class,
                () -> LamostColumn.reader().read(f, row -> { }));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void missingFilesAndUnknownTypesAreNamed() throws Exception {
        Path none = dir.resolve("absent.fits");
        assertTrue(assertThrows(SurveyFileException.class, () -> LamostColumn.reader().read(none, r -> { }))
                .getMessage().equals(none + ": no such file"));
        Path txt = write("table.txt", "a b c\n");
        assertTrue(assertThrows(SurveyFileException.class, () -> LamostColumn.reader().read(txt, r -> { }))
                .getMessage().contains("must be .fits, .fits.gz, .csv or .csv.gz"));
    }

    @Test
    void keepsOnlyTheColumnsAskedFor() throws Exception {
        MockSurvey.Result mock = MockFixture.small();
        ColumnTable<LamostColumn> t = ColumnTable.load(LamostColumn.reader(), mock.lamost(),
                EnumSet.of(LamostColumn.OBSID, LamostColumn.FEH));
        assertEquals(mock.lamostRows(), t.size());
        assertThrows(IllegalArgumentException.class, () -> t.real(LamostColumn.TEFF, 0));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}

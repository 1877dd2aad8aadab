package org.alphatap.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.alphatap.science.SkyMatcher;
import org.alphatap.survey.Progress;
import org.alphatap.survey.mock.MockFixture;
import org.alphatap.survey.mock.MockSurvey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.formats.CsvTableWriter;

/**
 * The same survey in the other shapes real files come in — LAMOST as gzipped CSV with upper-case
 * names, the member table keyed by cluster ID with the authors' lower-case column names — builds
 * to the same science as the FITS files.
 */
class RealFormatsBuildTest {
    @Test
    void csvGzLamostAndIdKeyedMembersGiveTheSameClusters(@TempDir Path dir) throws Exception {
        MockSurvey.Result mock = MockFixture.small();
        Path lamostCsv = dir.resolve("dr11_v1.0_LRS_stellar.csv.gz");
        StarTable lamost = new StarTableFactory().makeStarTable(mock.lamost().toString());
        for (int i = 0; i < lamost.getColumnCount(); i++) {
            lamost.getColumnInfo(i).setName(lamost.getColumnInfo(i).getName().toUpperCase(Locale.ROOT));
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(lamostCsv))) {
            new CsvTableWriter().writeStarTable(lamost, out);
        }
        Path members = dir.resolve("members.csv");
        try (BufferedReader in = Files.newBufferedReader(mock.members(), StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(members, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            // Drop the Name column (the first) and rename the rest as the authors' own release does.
            out.write(header.substring(header.indexOf(',') + 1).replace("GaiaDR3", "source_id")
                    .replace("Prob", "probability"));
            out.newLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line.substring(line.indexOf(',') + 1));
                out.newLine();
            }
        }
        BuildSettings d = BuildSettings.defaults(3);
        // Fewer Monte Carlo draws and no bootstrap models: this test is about reading, not statistics.
        BuildSettings settings = new BuildSettings(d.seed(), d.cuts(), d.training(), d.minProbability(),
                d.minMembers(), 200, d.clipK(), d.clipScale(), d.ivwClipK(), d.r0Kpc(), 0);
        Build.Result fits = Build.run(BuildInputs.of(mock), settings, dir.resolve("a"), Progress.SILENT);
        Build.Result csv = Build.run(BuildInputs.of(lamostCsv, mock.galah(), mock.clusters(), members), settings,
                dir.resolve("b"), Progress.SILENT);
        assertEquals(fits.spectra(), csv.spectra());
        assertEquals(fits.sample().size(), csv.sample().size());
        assertEquals(fits.sample().matches().get(SkyMatcher.Method.POSITION),
                csv.sample().matches().get(SkyMatcher.Method.POSITION), "blank Gaia ids fall back to positions");
        assertEquals(fits.science().members().memberCount(), csv.science().members().memberCount());
        assertEquals(fits.served(), csv.served());
        for (var f : fits.science().families().keySet()) {
            assertEquals(fits.science().families().get(f).meanMae(), csv.science().families().get(f).meanMae(), 1e-9,
                    f + " test MAE");
            assertEquals(fits.science().families().get(f).clusters().size(),
                    csv.science().families().get(f).clusters().size(), f + " clusters");
        }
        assertEquals(0, csv.science().members().unknownCluster());
        // CSV carries the float32 measurements as decimal text: the numbers agree to rounding.
        for (int g = 0; g < fits.gradients().size(); g++) {
            assertEquals(fits.gradients().get(g).fit().slope().mean(), csv.gradients().get(g).fit().slope().mean(), 2e-5);
        }
    }
}

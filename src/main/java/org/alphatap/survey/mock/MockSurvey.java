package org.alphatap.survey.mock;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.alphatap.survey.ClusterColumn;
import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.MemberColumn;
import org.alphatap.survey.Progress;
import org.alphatap.survey.ShippedTable;
import uk.ac.starlink.fits.FitsTableWriter;
import uk.ac.starlink.table.ArrayColumn;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.ColumnStarTable;
import uk.ac.starlink.table.formats.CsvTableWriter;

/**
 * Writes a mock survey in the real formats and names — LAMOST DR11 LRS stellar (FITS.gz), GALAH
 * DR4 allstar (FITS), the Hunt &amp; Reffert clusters (the real table) and members (CSV) — plus
 * {@code truth.json} with every parameter and the answers a correct pipeline must find.
 *
 * <p>Three populations: the GALAH×LAMOST overlap and the LAMOST-observed cluster members are
 * fixed in size, so the science tables do not change with {@code fieldStars}; the field stars
 * are the bulk of LAMOST and scale to the paper's 6.8 million.
 */
public final class MockSurvey {
    public static final String LAMOST_FILE = "dr11_v1.0_LRS_stellar.fits.gz";
    public static final String GALAH_FILE = "galah_dr4_allstar_240705.fits";
    public static final String CLUSTER_FILE = ShippedTable.HUNT_REFFERT_CLUSTERS.fileName();
    public static final String MEMBER_FILE = "hunt_reffert_2024_members.csv";
    public static final String TRUTH_FILE = "truth.json";

    /** Stars in both GALAH and LAMOST; sized so the paper's cuts leave about 27,700. */
    static final int OVERLAP_STARS = 86_000;
    static final double OVERLAP_GIANT_FRACTION = 0.4;
    static final double OVERLAP_SNR_MEDIAN = 45.0;
    static final double OVERLAP_MIN_DEC = -10.0;
    static final double OVERLAP_MAX_DEC = 12.0;
    /** GALAH stars south of LAMOST's reach. */
    static final int GALAH_ONLY_STARS = 30_000;

    private final MockConfig config;

    public MockSurvey(MockConfig config) {
        this.config = config;
    }

    /** What was written, with the counts the truth file also records. */
    public record Result(Path dir, long lamostRows, long lamostStars, int galahRows, int memberRows,
            int observedMembers, int observedClusters) {
        public Path lamost() {
            return dir.resolve(LAMOST_FILE);
        }

        public Path galah() {
            return dir.resolve(GALAH_FILE);
        }

        public Path clusters() {
            return dir.resolve(CLUSTER_FILE);
        }

        public Path members() {
            return dir.resolve(MEMBER_FILE);
        }

        public Path truth() {
            return dir.resolve(TRUTH_FILE);
        }
    }

    public Result write(Path dir, Progress progress) throws IOException {
        Files.createDirectories(dir);
        FieldChemistry field = config.chemistry().field();
        ClusterChemistry clusterChemistry = config.chemistry().clusters(config.extraGradient());
        SplittableRandom master = new SplittableRandom(config.seed());
        SplittableRandom overlapRng = master.split();
        SplittableRandom clusterRng = master.split();
        SplittableRandom southRng = master.split();

        ColumnTable<ClusterColumn> clusterTable = ShippedTable.huntReffert(dir);

        TruthStars truth = new TruthStars();
        GalahCatalogue galah = new GalahCatalogue();
        long[] serial = {1};
        for (int i = 0; i < OVERLAP_STARS; i++) {
            Star s = new Star();
            s.placeInBand(overlapRng, OVERLAP_MIN_DEC, OVERLAP_MAX_DEC);
            s.drawType(overlapRng, OVERLAP_GIANT_FRACTION);
            s.drawFieldFeh(overlapRng);
            s.gaiaId = Star.gaiaId(s.ra, s.dec, serial[0]++);
            double[] xfe = field.star(s.feh, overlapRng);
            truth.add(s, xfe, OVERLAP_SNR_MEDIAN, -1);
            galah.observe(s, xfe, overlapRng);
        }
        MockClusters clusters = new MockClusters(clusterTable, clusterChemistry, truth, galah, serial, clusterRng);
        for (int i = 0; i < GALAH_ONLY_STARS; i++) {
            Star s = new Star();
            s.placeInBand(southRng, -85.0, OVERLAP_MIN_DEC);
            s.drawType(southRng, OVERLAP_GIANT_FRACTION);
            s.drawFieldFeh(southRng);
            s.gaiaId = Star.gaiaId(s.ra, s.dec, serial[0]++);
            galah.observe(s, field.star(s.feh, southRng), southRng);
        }
        galah.write(dir.resolve(GALAH_FILE));
        writeMembers(clusters.members, dir.resolve(MEMBER_FILE));

        LamostStarTable lamost = new LamostStarTable(config.seed(), field, truth, config.fieldStars(), serial[0],
                progress);
        writeGzippedFits(lamost, dir.resolve(LAMOST_FILE));

        Result result = new Result(dir, lamost.getRowCount(), lamost.stars(), galah.size(), clusters.members.size,
                truth.size - OVERLAP_STARS, clusters.clusters.size());
        new TruthFile(config, field, clusterChemistry, clusters, truth, result).write(dir.resolve(TRUTH_FILE));
        return result;
    }

    private static void writeMembers(MockClusters.Members m, Path file) throws IOException {
        ColumnStarTable t = ColumnStarTable.makeTableWithRows(m.size);
        t.addColumn(ArrayColumn.makeColumn(info(MemberColumn.NAME, String.class, null, "cluster name"),
                m.name.toArray(new String[0])));
        t.addColumn(ArrayColumn.makeColumn(info(MemberColumn.ID, Integer.class, null, "cluster id"),
                m.clusterId.stream().mapToInt(Integer::intValue).toArray()));
        t.addColumn(ArrayColumn.makeColumn(info(MemberColumn.GAIADR3, Long.class, null, "Gaia DR3 source_id"),
                Arrays.copyOf(m.gaiaId, m.size)));
        t.addColumn(ArrayColumn.makeColumn(info(MemberColumn.PROB, Float.class, null, "membership probability"),
                Arrays.copyOf(m.prob, m.size)));
        t.addColumn(ArrayColumn.makeColumn(info(MemberColumn.RA_ICRS, Double.class, "deg", "right ascension"),
                Arrays.copyOf(m.ra, m.size)));
        t.addColumn(ArrayColumn.makeColumn(info(MemberColumn.DE_ICRS, Double.class, "deg", "declination"),
                Arrays.copyOf(m.dec, m.size)));
        t.addColumn(ArrayColumn.makeColumn(info(MemberColumn.GMAG, Float.class, "mag", "Gaia G magnitude"),
                Arrays.copyOf(m.gmag, m.size)));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            new CsvTableWriter().writeStarTable(t, out);
        }
    }

    private static void writeGzippedFits(LamostStarTable table, Path file) throws IOException {
        // Fastest deflate level: the mock is written often and the size hardly matters.
        try (OutputStream out = new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }, 1 << 16)) {
            fitsWriter().writeStarTable(table, out);
        }
    }

    /** STIL's FITS writer without the DATE-HDU card, so that a seed always gives the same bytes. */
    static FitsTableWriter fitsWriter() {
        FitsTableWriter writer = new FitsTableWriter();
        writer.setWriteDate(false);
        return writer;
    }

    static ColumnInfo info(org.alphatap.survey.CatalogueColumn c, Class<?> type, String unit, String description) {
        ColumnInfo info = new ColumnInfo(c.columnName(), type, description);
        info.setUnitString(unit);
        return info;
    }
}

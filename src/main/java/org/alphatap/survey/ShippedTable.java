package org.alphatap.survey;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The real catalogues shipped inside the project, each with its provenance in a {@code .md} file
 * beside it: the Hunt &amp; Reffert (2024) cluster table (7167 clusters, VizieR column names) and
 * the OCCAM APOGEE DR16 cluster abundances (Donor et al. 2020, 126 clusters).
 */
public enum ShippedTable {
    HUNT_REFFERT_CLUSTERS("hunt_reffert_2024_clusters.csv"),
    OCCAM_DR16_CLUSTERS("occam_dr16_clusters.csv");

    private final String fileName;

    ShippedTable(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    /**
     * Writes the shipped table into {@code dir} under its own name (readers need a file), with its
     * provenance beside it, so that a data directory says where its reference data came from.
     */
    public Path copyTo(Path dir) throws IOException {
        String provenance = fileName.replaceFirst("\\.csv$", ".md");
        copy(provenance, dir);
        return copy(fileName, dir);
    }

    private static Path copy(String name, Path dir) throws IOException {
        String resource = "/org/alphatap/survey/" + name;
        Path target = dir.resolve(name);
        try (InputStream in = ShippedTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the shipped file " + resource + " is missing from the build");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** The Hunt &amp; Reffert clusters, copied into {@code dir} and read. */
    public static ColumnTable<ClusterColumn> huntReffert(Path dir) throws IOException {
        return ColumnTable.load(ClusterColumn.reader(), HUNT_REFFERT_CLUSTERS.copyTo(dir), ClusterColumn.class);
    }

    /** The OCCAM DR16 clusters, copied into {@code dir} and read. */
    public static ColumnTable<OccamColumn> occam(Path dir) throws IOException {
        return ColumnTable.load(OccamColumn.reader(), OCCAM_DR16_CLUSTERS.copyTo(dir), OccamColumn.class);
    }
}

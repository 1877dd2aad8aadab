package org.alphatap.survey;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The real Hunt &amp; Reffert (2024) cluster table shipped inside the project (7167 clusters,
 * VizieR column names; provenance in {@code hunt_reffert_2024_clusters.md} beside it).
 */
public final class ShippedClusters {
    public static final String FILE_NAME = "hunt_reffert_2024_clusters.csv";
    private static final String RESOURCE = "/org/alphatap/survey/" + FILE_NAME;

    private ShippedClusters() {
    }

    /** Writes the shipped table to {@code target} (readers need a file). */
    public static Path copyTo(Path target) throws IOException {
        try (InputStream in = ShippedClusters.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the shipped cluster table " + RESOURCE + " is missing from the build");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** Copies the table into {@code dir} and reads it. */
    public static ColumnTable<ClusterColumn> load(Path dir) throws IOException {
        Path file = copyTo(dir.resolve(FILE_NAME));
        return ColumnTable.load(ClusterColumn.reader(), file, ClusterColumn.class);
    }
}

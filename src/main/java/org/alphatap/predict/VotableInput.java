package org.alphatap.predict;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.alphatap.writers.XmlGuard;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.table.TableFormatException;
import uk.ac.starlink.util.FileDataSource;
import uk.ac.starlink.votable.VOTableBuilder;

/**
 * A VOTable body: its first TABLE, read by STIL into storage that goes to disk when large. STIL's
 * XML parser resolves external entities (a cell can name a file of the server and get its text)
 * and expands internal ones without bound, so a body that declares a DOCTYPE is refused before
 * STIL reads it; a VOTable needs none.
 */
final class VotableInput {
    private VotableInput() {
    }

    static StarTable read(Path file) throws IOException {
        refuseDoctype(file);
        StarTable t = new VOTableBuilder().makeStarTable(new FileDataSource(file.toFile()), false,
                StoragePolicy.PREFER_DISK);
        if (t == null) {
            throw new TableFormatException("the VOTable holds no TABLE");
        }
        return t;
    }

    private static void refuseDoctype(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            XmlGuard.refuseDoctype(in);
        }
    }
}

package org.alphatap.writers;

import java.io.BufferedOutputStream;
import java.io.IOException;
import uk.ac.starlink.fits.FitsTableWriter;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.table.formats.CsvTableWriter;

/** Results as FITS or CSV, written by STIL's own writers. */
public final class TableFileResults {
    private TableFileResults() {
    }

    /** CSV with a header line of column names (RFC 4180 quoting). */
    public static ResultWriter csv() {
        return (table, out) -> {
            BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            new CsvTableWriter(true).writeStarTable(table, buffered);
            buffered.flush();
        };
    }

    /**
     * A FITS binary table. FITS states the row count and string widths in the header, before the
     * rows, so the one-pass result is first copied to a disk-backed table; this format costs disk
     * space and time that the streamed formats do not.
     */
    public static ResultWriter fits() {
        return (table, out) -> {
            StarTable copy = StoragePolicy.PREFER_DISK.copyTable(table);
            BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            new FitsTableWriter().writeStarTable(copy, buffered);
            buffered.flush();
        };
    }
}

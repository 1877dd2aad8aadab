package org.alphatap.writers;

import uk.ac.starlink.table.StarTable;

/**
 * A result read once, in order, as the writers stream it: a query's cursor or the predictions
 * of a posted table. Once its rows have been read it knows whether a limit cut it short.
 */
public interface StreamedTable extends StarTable {
    boolean overflow();

    /** Service descriptors (DataLink RESOURCEs) to write after a VOTable's results; none by default. */
    default String serviceDescriptors() {
        return "";
    }
}

package org.alphatap.writers;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a result in one output format, streaming the rows. */
@FunctionalInterface
public interface ResultWriter {
    void write(StreamedTable table, OutputStream out) throws IOException;
}

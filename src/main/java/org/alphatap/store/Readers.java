package org.alphatap.store;

import java.sql.Connection;
import java.sql.SQLException;

/** The service's pool of read-only connections to a build. */
public interface Readers extends AutoCloseable {
    /** A connection as the reader; closing it gives it back. */
    Connection connection() throws SQLException;

    @Override
    void close();
}

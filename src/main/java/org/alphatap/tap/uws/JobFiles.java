package org.alphatap.tap.uws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where the files of async jobs are kept: the tables uploaded with a job, and its result. A
 * result becomes visible whole or not at all: it is written aside and published when complete.
 */
sealed interface JobFiles permits JobDirectories, JobFileTable {

    /** Keeps an uploaded table of a new job under its part name. */
    void keepUpload(String id, String part, Path source) throws IOException, SQLException;

    /** The job's uploaded tables as files, by part name; closing removes any copies made for reading. */
    Uploads uploads(String id) throws IOException, SQLException;

    /** A new result file of a job, not yet visible. */
    Output create(String id, String name) throws IOException, SQLException;

    /** The published file as a file on this machine, to be sent as it is; empty if it lives elsewhere. */
    Optional<Path> local(String id, String name);

    /** Reads a published file; a missing one is a {@link java.nio.file.NoSuchFileException}. */
    InputStream open(String id, String name) throws IOException, SQLException;

    /** Removes every file of a job. */
    void delete(String id) throws IOException, SQLException;

    /** Removes what an interrupted service left: files of jobs that are gone, and unpublished results. */
    void deleteLeftovers(Predicate<String> jobExists) throws IOException, SQLException;

    /** A job's uploads by part name, and what reading them leaves behind. */
    interface Uploads extends AutoCloseable {
        Map<String, Path> files();

        @Override
        void close() throws IOException;
    }

    /** A result being written; closed without {@link #publish()}, it is thrown away. */
    interface Output extends AutoCloseable {
        OutputStream stream();

        /** Makes the file visible under its name; returns its size in bytes. */
        long publish() throws IOException, SQLException;

        @Override
        void close() throws IOException, SQLException;
    }
}

package org.alphatap.tap.uws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.alphatap.store.JobDatabase;

/**
 * Job files as rows of the job database, in chunks of {@value #CHUNK} bytes: where several service
 * processes share the jobs (beside a build in PostgreSQL), whichever process a client reaches serves
 * any job's result, on any machine, without a shared disk. A result's chunks are written in one
 * transaction, so a process that dies while writing leaves nothing behind. There is no foreign key
 * to the job: a DELETE of a job never waits for the writer of its result to finish.
 */
final class JobFileTable implements JobFiles {
    static final int CHUNK = 1 << 20;
    private static final String UPLOAD_PREFIX = "upload-";

    private final JobDatabase db;

    private JobFileTable(JobDatabase db) {
        this.db = db;
    }

    /** Creates the table if it is missing; its bytes are stored uncompressed (results are mostly numbers). */
    static JobFileTable open(JobDatabase db) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS job_file (job_id CHAR(16) NOT NULL, name VARCHAR(80) NOT NULL,"
                    + " seq INT NOT NULL, data BYTEA NOT NULL, PRIMARY KEY (job_id, name, seq))");
            s.execute("ALTER TABLE job_file ALTER COLUMN data SET STORAGE EXTERNAL");
        }
        return new JobFileTable(db);
    }

    @Override
    public void keepUpload(String id, String part, Path source) throws IOException, SQLException {
        try (Output out = create(id, UPLOAD_PREFIX + part)) {
            Files.copy(source, out.stream());
            out.publish();
        }
    }

    @Override
    public Uploads uploads(String id) throws IOException, SQLException {
        Map<String, Path> files = new HashMap<>();
        Uploads uploads = new Uploads() {
            @Override
            public Map<String, Path> files() {
                return files;
            }

            @Override
            public void close() throws IOException {
                for (Path f : files.values()) {
                    Files.deleteIfExists(f);
                }
            }
        };
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT DISTINCT name FROM"
                + " job_file WHERE job_id = ? AND name LIKE '" + UPLOAD_PREFIX + "%'")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    Path copy = Files.createTempFile("alphatap-upload", ".dat");
                    files.put(name.substring(UPLOAD_PREFIX.length()), copy);
                    try (InputStream in = open(id, name)) {
                        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException | SQLException | RuntimeException e) {
            uploads.close();
            throw e;
        }
        return uploads;
    }

    @Override
    public Output create(String id, String name) throws SQLException {
        Connection c = db.connection();
        c.setAutoCommit(false);
        return new Output() {
            private final byte[] buffer = new byte[CHUNK];
            private int used;
            private int seq;
            private long size;
            private boolean published;
            private final OutputStream stream = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    while (len > 0) {
                        int n = Math.min(len, CHUNK - used);
                        System.arraycopy(b, off, buffer, used, n);
                        used += n;
                        off += n;
                        len -= n;
                        if (used == CHUNK) {
                            flushChunk();
                        }
                    }
                }
            };

            private void flushChunk() throws IOException {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_file (job_id, name, seq, data)"
                        + " VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, id);
                    ps.setString(2, name);
                    ps.setInt(3, seq++);
                    ps.setBytes(4, used == CHUNK ? buffer : Arrays.copyOf(buffer, used));
                    ps.executeUpdate();
                } catch (SQLException e) {
                    throw new IOException("could not store the job's file " + name + ": " + e.getMessage(), e);
                }
                size += used;
                used = 0;
            }

            @Override
            public OutputStream stream() {
                return stream;
            }

            @Override
            public long publish() throws IOException, SQLException {
                if (used > 0 || seq == 0) {
                    flushChunk();
                }
                c.commit();
                published = true;
                return size;
            }

            @Override
            public void close() throws SQLException {
                try {
                    if (!published) {
                        c.rollback();
                    }
                } finally {
                    c.setAutoCommit(true);
                    c.close();
                }
            }
        };
    }

    @Override
    public Optional<Path> local(String id, String name) {
        return Optional.empty();
    }

    /** Reads chunk after chunk, each a lookup of its own: no transaction stays open while a client reads slowly. */
    @Override
    public InputStream open(String id, String name) throws IOException, SQLException {
        byte[] first = chunk(id, name, 0);
        if (first == null) {
            throw new NoSuchFileException(name + " of job " + id);
        }
        return new InputStream() {
            private byte[] current = first;
            private int seq;
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            /** Whole chunks are skipped without being read. */
            @Override
            public long skip(long n) throws IOException {
                long skipped = 0;
                while (current != null && n - skipped >= current.length - pos && current.length == CHUNK) {
                    skipped += current.length - pos;
                    pos = current.length;
                    seq++;
                    try {
                        current = chunk(id, name, seq);
                    } catch (SQLException e) {
                        throw new IOException("could not read the job's file " + name + ": " + e.getMessage(), e);
                    }
                    pos = 0;
                    if (current == null) {
                        return skipped;
                    }
                }
                return skipped + super.skip(n - skipped);
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (current != null && pos == current.length) {
                    try {
                        current = chunk(id, name, ++seq);
                    } catch (SQLException e) {
                        throw new IOException("could not read the job's file " + name + ": " + e.getMessage(), e);
                    }
                    pos = 0;
                }
                if (current == null) {
                    return -1;
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    private byte[] chunk(String id, String name, int seq) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT data FROM job_file"
                + " WHERE job_id = ? AND name = ? AND seq = ?")) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setInt(3, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    @Override
    public void delete(String id) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("DELETE FROM job_file WHERE"
                + " job_id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    /** Unpublished results never reach the table; only the files of deleted jobs can be left. */
    @Override
    public void deleteLeftovers(Predicate<String> jobExists) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM job_file WHERE job_id NOT IN (SELECT id FROM job)");
        }
    }
}

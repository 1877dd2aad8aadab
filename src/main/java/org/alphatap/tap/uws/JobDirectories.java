package org.alphatap.tap.uws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Job files in a directory per job, {@code results/<id>/}: where one service process has its jobs
 * alone (beside a build in H2). A result is written to a {@value JobStore#PARTIAL_SUFFIX} file and renamed
 * when complete.
 */
final class JobDirectories implements JobFiles {
    private static final String UPLOAD_PREFIX = "upload-";

    private final Path results;

    JobDirectories(Path results) throws IOException {
        this.results = Files.createDirectories(results);
    }

    /** The directory of a job's files. */
    Path dir(String id) {
        if (!JobStore.isValidId(id)) {
            throw new IllegalArgumentException("not a job id: " + id);
        }
        return results.resolve(id);
    }

    @Override
    public void keepUpload(String id, String part, Path source) throws IOException {
        Files.createDirectories(dir(id));
        Files.copy(source, dir(id).resolve(UPLOAD_PREFIX + part));
    }

    @Override
    public Uploads uploads(String id) throws IOException {
        Map<String, Path> out = new HashMap<>();
        Path dir = dir(id);
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(UPLOAD_PREFIX)) {
                        out.put(name.substring(UPLOAD_PREFIX.length()), f);
                    }
                }
            }
        }
        return new Uploads() {
            @Override
            public Map<String, Path> files() {
                return out;
            }

            @Override
            public void close() {
                // The uploads were read where they are kept.
            }
        };
    }

    @Override
    public Output create(String id, String name) throws IOException {
        Path dir = Files.createDirectories(dir(id));
        Path part = Files.createTempFile(dir, "result", JobStore.PARTIAL_SUFFIX);
        OutputStream stream = Files.newOutputStream(part);
        return new Output() {
            private boolean published;

            @Override
            public OutputStream stream() {
                return stream;
            }

            @Override
            public long publish() throws IOException {
                stream.close();
                Path file = dir.resolve(name);
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
                published = true;
                return Files.size(file);
            }

            @Override
            public void close() throws IOException {
                if (!published) {
                    stream.close();
                    Files.deleteIfExists(part);
                }
            }
        };
    }

    @Override
    public Optional<Path> local(String id, String name) {
        return Optional.of(dir(id).resolve(name));
    }

    @Override
    public InputStream open(String id, String name) throws IOException {
        return Files.newInputStream(dir(id).resolve(name));
    }

    /** Removes a job's directory; it holds files only (uploads, the result and perhaps a partial one). */
    @Override
    public void delete(String id) throws IOException {
        Path dir = dir(id);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Override
    public void deleteLeftovers(Predicate<String> jobExists) throws IOException {
        try (var dirs = Files.list(results)) {
            for (Path dir : dirs.toList()) {
                String id = dir.getFileName().toString();
                if (!JobStore.isValidId(id)) {
                    continue;
                }
                if (!jobExists.test(id)) {
                    delete(id);
                    continue;
                }
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        if (f.getFileName().toString().endsWith(JobStore.PARTIAL_SUFFIX)) {
                            Files.delete(f);
                        }
                    }
                }
            }
        }
    }
}

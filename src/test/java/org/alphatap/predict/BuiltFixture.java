package org.alphatap.predict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.alphatap.pipeline.Build;
import org.alphatap.pipeline.BuildInputs;
import org.alphatap.pipeline.LightSettings;
import org.alphatap.store.DataDirectory;
import org.alphatap.store.Database;
import org.alphatap.survey.Progress;
import org.alphatap.survey.mock.MockFixture;

/**
 * One real build of the small mock per test JVM, for the tests that need real models, the
 * catalogue they predicted or the figures of the report. The model grid is cut to one point and the bootstrap models left out:
 * what the /predict tests check is that serving reproduces the build, whatever its models are.
 */
public final class BuiltFixture {
    private static final long SEED = 11;
    private static Build.Result result;

    private BuiltFixture() {
    }

    /** The data directory of the build. */
    public static Path data() {
        return result().dataDir();
    }

    /** What the build returned: its clusters and gradients as computed, before they were stored. */
    public static synchronized Build.Result result() {
        if (result == null) {
            try {
                Path root = Files.createTempDirectory("alphatap-built-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
                Path dir = root.resolve("data");
                result = Build.run(BuildInputs.of(MockFixture.small()), LightSettings.of(SEED), dir, Progress.SILENT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("the fixture build failed", e);
            }
        }
        return result;
    }

    /**
     * A copy of the build's database and models in {@code dir}, for a second server: each keeps
     * its async jobs beside its build.
     */
    public static Path copyTo(Path dir) throws IOException {
        Path built = data();
        Files.copy(built.resolve(Database.FILE_NAME), dir.resolve(Database.FILE_NAME));
        Files.createDirectories(dir.resolve(DataDirectory.MODELS));
        try (Stream<Path> models = Files.list(built.resolve(DataDirectory.MODELS))) {
            for (Path model : models.toList()) {
                Files.copy(model, dir.resolve(DataDirectory.MODELS).resolve(model.getFileName()));
            }
        }
        return dir;
    }

    private static void delete(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind.
        }
    }
}

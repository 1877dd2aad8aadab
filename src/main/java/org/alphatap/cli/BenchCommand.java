package org.alphatap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.alphatap.bench.Bench;
import org.alphatap.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the service of a build: it is started in this JVM on a loopback port and queried"
                + " with seeded, bounded requests; the table is printed and saved as DIR/bench.md and DIR/bench.json.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A build directory.")
    Path data;

    @Option(names = "--seed", defaultValue = "20251124", description = "Seed of the positions (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--only", split = ",", paramLabel = "PART", description = "Run only these parts: ${COMPLETION-CANDIDATES}"
            + " (default: all; the saved table then holds only them).")
    Set<Bench.Part> only = EnumSet.allOf(Bench.Part.class);

    @Option(names = "--load-seconds", defaultValue = "60", paramLabel = "S",
            description = "How long each of the two runs of the load part lasts (default: ${DEFAULT-VALUE}).")
    int loadSeconds;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(data.resolve(Database.FILE_NAME))) {
            throw new IllegalArgumentException("no build in " + data + "; run alphatap build --data " + data + " first");
        }
        if (loadSeconds < 1) {
            throw new IllegalArgumentException("--load-seconds must be at least 1, got " + loadSeconds);
        }
        new Bench(data, seed, only, loadSeconds).run();
        return 0;
    }
}

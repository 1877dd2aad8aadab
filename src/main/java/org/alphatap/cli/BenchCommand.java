package org.alphatap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.alphatap.bench.Bench;
import org.alphatap.store.Database;
import org.alphatap.store.H2Store;
import org.alphatap.store.PostgresStore;
import org.alphatap.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the service of a build: it is started in this JVM on a loopback port and queried"
                + " with seeded, bounded requests; the table is printed and saved as DIR/bench.md and DIR/bench.json.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A build directory.")
    Path data;

    @Option(names = "--database", defaultValue = "${env:ALPHATAP_DATABASE}", paramLabel = "URL",
            description = "Also (or only, without an H2 file in DIR) bench the build's tables in this PostgreSQL"
                    + " database, as loaded by build --database; the table then compares the engines.")
    String database;

    @Option(names = "--cache-mb", defaultValue = "0", paramLabel = "MB",
            description = "H2's page cache, as serve --cache-mb (default 0: serve's default).")
    int cacheMb;

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
        List<Store> stores = new ArrayList<>();
        if (Files.isRegularFile(data.resolve(Database.FILE_NAME))) {
            stores.add(new H2Store(data));
        }
        if (database != null && !database.isBlank()) {
            stores.add(PostgresStore.of(database));
        }
        if (stores.isEmpty()) {
            throw new IllegalArgumentException("no build in " + data + "; run alphatap build --data " + data + " first");
        }
        if (loadSeconds < 1) {
            throw new IllegalArgumentException("--load-seconds must be at least 1, got " + loadSeconds);
        }
        new Bench(data, stores, seed, only, loadSeconds, cacheMb).run();
        return 0;
    }
}

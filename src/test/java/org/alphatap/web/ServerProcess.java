package org.alphatap.web;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.alphatap.predict.PredictSettings;
import org.alphatap.store.Store;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;

/**
 * The service in a JVM of its own, for tests that kill it: serves the build in {@code args[0]}
 * (its tables in the PostgreSQL database of {@code args[1]}, if given) on a free loopback port with
 * one async worker, and prints {@link #LISTENING} and the port.
 */
public final class ServerProcess {
    static final String LISTENING = "alphatap test server listening on port ";

    private ServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int port = TapServer.start(Vertx.vertx(), data, Store.of(data, args.length > 1 ? args[1] : null), "127.0.0.1",
                0, new SyncQuery.Limits(1000, 10_000_000, 10), new AsyncSettings(1, 10, 600, 600, 1, 5),
                PredictSettings.defaults()).await().actualPort();
        System.out.println(LISTENING + port);
    }

    /** Starts the server in a JVM of its own with {@code args}, its output in {@code log}. */
    static Process launch(Path log, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), ServerProcess.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The port the server printed once it listens. */
    static int port(Process server, Path log) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            try (Stream<String> lines = Files.lines(log)) {
                var line = lines.filter(l -> l.startsWith(LISTENING)).findFirst();
                if (line.isPresent()) {
                    return Integer.parseInt(line.get().substring(LISTENING.length()).trim());
                }
            }
            if (!server.isAlive()) {
                fail("the server exited:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return fail("the server did not listen within 60 s:\n" + Files.readString(log));
    }

    /** SIGKILL on Linux: no shutdown hook runs, nothing is closed. */
    static void kill(Process server) throws InterruptedException {
        server.destroyForcibly();
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server did not die");
    }
}

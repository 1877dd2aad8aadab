package org.alphatap.web;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;

/**
 * The service in a JVM of its own, for tests that kill it: serves the build in {@code args[0]}
 * on a free loopback port with one async worker, and prints {@link #LISTENING} and the port.
 */
public final class ServerProcess {
    static final String LISTENING = "alphatap test server listening on port ";

    private ServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        int port = TapServer.start(Vertx.vertx(), Path.of(args[0]), "127.0.0.1", 0,
                new SyncQuery.Limits(1000, 10_000_000, 10), new AsyncSettings(1, 10, 600, 600, 1, 5)).await()
                .actualPort();
        System.out.println(LISTENING + port);
    }
}

package org.alphatap.cli;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.alphatap.predict.PredictSettings;
import org.alphatap.store.DataDirectory;
import org.alphatap.store.Database;
import org.alphatap.store.H2Store;
import org.alphatap.store.PostgresStore;
import org.alphatap.store.Store;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.alphatap.web.TapServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a build read-only through TAP 1.1 (/tap: sync, async, capabilities, tables, examples). "
                + "Without a build in DIR, the default mock is built there first.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "${env:ALPHATAP_DATA:-data}",
            description = "Data directory written by build (default: ${DEFAULT-VALUE}; env ALPHATAP_DATA).")
    Path data;

    @Option(names = "--database", defaultValue = "${env:ALPHATAP_DATABASE}", description = "PostgreSQL database"
            + " holding the build's tables, as loaded by build --database (env ALPHATAP_DATABASE); default: the H2"
            + " file in the data directory.")
    String database;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "${env:ALPHATAP_PORT:-8080}", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "${env:ALPHATAP_HOST:-127.0.0.1}",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--maxrec", defaultValue = "100000", description = "Default MAXREC (default: ${DEFAULT-VALUE}).")
    long maxrec;

    @Option(names = "--max-maxrec", defaultValue = "10000000", description = "Hard MAXREC limit (default: ${DEFAULT-VALUE}).")
    long hardMaxrec;

    @Option(names = "--sync-timeout", defaultValue = "60", description = "Sync query time limit, s (default: ${DEFAULT-VALUE}).")
    int syncTimeout;

    @Option(names = "--cache-mb", defaultValue = "${env:ALPHATAP_CACHE_MB:-0}",
            description = "Database page cache, MB of heap (default 0: 55% of the heap, at least 64"
                    + " MB). It holds pages already decoded, so that a scanned table is not decoded again.")
    int cacheMb;

    @Option(names = "--max-cone-radius", defaultValue = "180",
            description = "Largest SR of /scs cone searches, degrees (default: ${DEFAULT-VALUE}).")
    double maxConeRadius;

    @Option(names = "--upload-limit", defaultValue = "20971520",
            description = "Largest uploaded table (TAP_UPLOAD), bytes (default: ${DEFAULT-VALUE}).")
    long uploadLimit;

    @Option(names = "--body-limit",
            description = "Largest request body of a POST to /tap, bytes; past it HTTP 413 (default: the upload limit"
                    + " + 1 MiB for the parameters).")
    Long bodyLimit;

    @Option(names = "--sync-slots", defaultValue = "" + SyncQuery.Limits.DEFAULT_SYNC_SLOTS,
            description = "Sync queries run at once; past that a query waits for a slot (default: ${DEFAULT-VALUE}).")
    int syncSlots;

    @Option(names = "--download-limit", defaultValue = "" + SyncQuery.Limits.DEFAULT_DOWNLOAD_SECONDS,
            description = "How long a sync result whose rows keep flowing may take to send, s; --sync-timeout"
                    + " bounds the time to its first row (default: ${DEFAULT-VALUE}).")
    int downloadLimit;

    @Option(names = "--sync-wait", defaultValue = "" + SyncQuery.Limits.DEFAULT_SYNC_WAIT_SECONDS,
            description = "How long a sync query waits for a slot before HTTP 503 with Retry-After, s"
                    + " (default: ${DEFAULT-VALUE}).")
    int syncWait;

    @Option(names = "--async-workers", defaultValue = "${env:ALPHATAP_ASYNC_WORKERS:-2}",
            description = "Async jobs run at once (default: ${DEFAULT-VALUE}; env ALPHATAP_ASYNC_WORKERS).")
    int asyncWorkers;

    @Option(names = "--async-queue", defaultValue = "${env:ALPHATAP_ASYNC_QUEUE:-100}",
            description = "Async jobs that may wait for a worker; past that, PHASE=RUN gets 503"
                    + " (default: ${DEFAULT-VALUE}; env ALPHATAP_ASYNC_QUEUE).")
    int asyncQueue;

    @Option(names = "--execution-duration", defaultValue = "600",
            description = "Async job time limit when the client sets none, s (default: ${DEFAULT-VALUE}).")
    int executionDuration;

    @Option(names = "--max-execution-duration", defaultValue = "3600",
            description = "Longest async job time limit a client may set, s (default: ${DEFAULT-VALUE}).")
    int maxExecutionDuration;

    @Option(names = "--retention-days", defaultValue = "${env:ALPHATAP_RETENTION_DAYS:-7}",
            description = "Async jobs and results are deleted this long after creation at the latest (default:"
                    + " ${DEFAULT-VALUE}; env ALPHATAP_RETENTION_DAYS).")
    int retentionDays;

    @Option(names = "--max-wait", defaultValue = "60",
            description = "Longest blocking GET of an async job with WAIT, s (default: ${DEFAULT-VALUE}).")
    int maxWait;

    @Option(names = "--predict-max-rows", defaultValue = "" + PredictSettings.DEFAULT_MAX_ROWS,
            description = "Most stars one POST to /predict may send (default: ${DEFAULT-VALUE}).")
    long predictMaxRows;

    @Override
    public Integer call() throws Exception {
        Store store;
        try {
            store = Store.of(data, database);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--database: " + e.getMessage());
        }
        if (store instanceof PostgresStore && !Files.isDirectory(data.resolve(DataDirectory.MODELS))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no build in " + data + ": serving from"
                    + " PostgreSQL needs the data directory of the build that loaded it (its models, report and"
                    + " figures); give it with --data, or build with alphatap build --data DIR --database …");
        }
        if (store instanceof H2Store && !Files.isRegularFile(data.resolve(Database.FILE_NAME))) {
            System.err.println("no build in " + data + ": building the default mock there first");
            int built = new CommandLine(new BuildCommand()).execute("--data", data.toString(), "--mock");
            if (built != 0) {
                return built;
            }
        }
        Vertx vertx = Vertx.vertx();
        HttpServer server = TapServer.start(vertx, data, store, host, port,
                new SyncQuery.Limits(maxrec, hardMaxrec, syncTimeout, uploadLimit,
                        cacheMb > 0 ? cacheMb : SyncQuery.Limits.DEFAULT_CACHE_MB, maxConeRadius,
                        bodyLimit == null ? uploadLimit + SyncQuery.Limits.FORM_BYTES : bodyLimit, syncSlots, syncWait,
                        Math.max(downloadLimit, syncTimeout)),
                new AsyncSettings(asyncWorkers, asyncQueue, executionDuration, maxExecutionDuration, retentionDays,
                        maxWait),
                new PredictSettings(predictMaxRows)).await();
        System.out.printf("alphatap serving %s at http://%s:%d/tap%n", store.where(), host, server.actualPort());
        new CountDownLatch(1).await();
        return 0;
    }
}

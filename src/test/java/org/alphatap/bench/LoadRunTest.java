package org.alphatap.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.alphatap.predict.BuiltFixture;
import org.alphatap.predict.PredictSettings;
import org.alphatap.tap.SyncQuery;
import org.alphatap.tap.uws.AsyncSettings;
import org.alphatap.web.TapServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A short load run of the bench against the small build: every kind of request answered, none wrong. */
@ExtendWith(VertxExtension.class)
class LoadRunTest {
    @Test
    void eightClientsForTenSecondsGetNoErrors(Vertx vertx, @TempDir Path dir) throws Exception {
        HttpServer server = TapServer.start(vertx, BuiltFixture.copyTo(dir), "127.0.0.1", 0,
                SyncQuery.Limits.defaults(), AsyncSettings.defaults(), PredictSettings.defaults()).await();
        try {
            LoadRun load = new LoadRun("http://127.0.0.1:" + server.actualPort(), 7, 8, 10);
            List<LoadRun.Outcome> outcomes = load.run();
            for (LoadRun.Outcome o : outcomes) {
                System.out.printf("%s: %d answered, %d errors, median %.1f ms, p99 %.1f ms%n", o.kind().label,
                        o.answered(), o.errors(), o.timings().medianMs(), o.timings().p99Ms());
                assertEquals(0, o.errors(), o.kind().label + ": " + load.firstErrors());
                assertTrue(o.answered() > 0, o.kind().label + " was sent");
            }
        } finally {
            server.close().await();
        }
    }
}

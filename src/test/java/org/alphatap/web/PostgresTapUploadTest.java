package org.alphatap.web;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.alphatap.store.PostgresStore;
import org.alphatap.store.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Every case of {@link TapUploadTest}, against the service reading a build in PostgreSQL. */
class PostgresTapUploadTest extends TapUploadTest {
    private static TestPostgres pg;

    @BeforeAll
    static void start(Vertx vertx, @TempDir Path dir) throws Exception {
        pg = TestPostgres.create();
        start(vertx, dir, PostgresStore.of(pg.url()));
    }

    @AfterAll
    static void stop() throws Exception {
        TapUploadTest.stop();
        if (pg != null) {
            pg.close();
        }
    }
}

package org.alphatap.web;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.alphatap.predict.BuiltFixture;
import org.alphatap.store.Fixture;
import org.alphatap.store.PostgresStore;
import org.alphatap.store.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Every case of {@link PredictTest}, the built fixture's tables loaded into PostgreSQL and served from there. */
class PostgresPredictTest extends PredictTest {
    private static TestPostgres pg;

    @BeforeAll
    static void start(Vertx vertx, @TempDir Path copy) throws Exception {
        pg = TestPostgres.create();
        PostgresStore store = PostgresStore.of(pg.url());
        Fixture.load(store, BuiltFixture.data());
        start(vertx, copy, data -> store);
    }

    @AfterAll
    static void stop() throws Exception {
        PredictTest.stop();
        if (pg != null) {
            pg.close();
        }
    }
}

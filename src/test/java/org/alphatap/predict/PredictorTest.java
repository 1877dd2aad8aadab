package org.alphatap.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.alphatap.science.FeatureBox;
import org.alphatap.store.Database;
import org.alphatap.survey.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The served models against the build that made them, and shared between threads. */
class PredictorTest {
    private static Path data;
    private static Predictor predictor;

    @BeforeAll
    static void load() throws Exception {
        data = BuiltFixture.data();
        predictor = Predictor.load(data);
    }

    @Test
    void theBoxIsTheOneTheBuildFlaggedWith() throws Exception {
        JsonNode card = new ObjectMapper().readTree(data.resolve("model_card.json").toFile()).get("feature_box");
        FeatureBox box = predictor.box();
        assertEquals(Float.parseFloat(card.get("teffMin").asText()), box.teffMin());
        assertEquals(Float.parseFloat(card.get("teffMax").asText()), box.teffMax());
        assertEquals(Float.parseFloat(card.get("loggMin").asText()), box.loggMin());
        assertEquals(Float.parseFloat(card.get("loggMax").asText()), box.loggMax());
        assertEquals(Float.parseFloat(card.get("fehMin").asText()), box.fehMin());
        assertEquals(Float.parseFloat(card.get("fehMax").asText()), box.fehMax());
        // alpha.models holds each element's training split: a narrower box, which would flag more.
        try (Connection c = Database.openReadOnly(data); ResultSet rs = c.createStatement()
                .executeQuery("SELECT MAX(teff_max), MIN(logg_min) FROM alpha.models")) {
            rs.next();
            assertTrue(rs.getFloat(1) < box.teffMax() || rs.getFloat(2) > box.loggMin(),
                    "alpha.models' ranges are not the flagging box");
        }
    }

    @Test
    void oneSetOfModelsPredictsTheSameFromManyThreadsAtOnce() throws Exception {
        Random random = new Random(5);
        Predictor.Batch reference = batch(random);
        predictor.predict(reference);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Predictor.Batch>> runs = new ArrayList<>();
            for (int t = 0; t < threads * 5; t++) {
                runs.add(pool.submit(() -> {
                    Predictor.Batch b = batch(new Random(5));
                    predictor.predict(b);
                    return b;
                }));
            }
            for (Future<Predictor.Batch> run : runs) {
                Predictor.Batch b = run.get();
                assertArrayEquals(reference.flags, b.flags);
                for (Element e : Element.values()) {
                    assertArrayEquals(reference.value[e.ordinal()], b.value[e.ordinal()], e.key());
                    assertArrayEquals(reference.sigma[e.ordinal()], b.sigma[e.ordinal()], e.key());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(reference.flags[0] == 0 && !Float.isNaN(reference.value[0][0]), "a star inside the box");
    }

    /** A full batch of stars over and beyond the box, one in fifty missing [Fe/H]. */
    private static Predictor.Batch batch(Random random) {
        Predictor.Batch b = new Predictor.Batch();
        b.rows = Predictor.BATCH;
        b.teff[0] = 5500;
        b.logg[0] = 4.0;
        b.feh[0] = -0.2;
        for (int i = 1; i < b.rows; i++) {
            b.teff[i] = 3500 + 4000 * random.nextDouble();
            b.logg[i] = 0.5 + 5 * random.nextDouble();
            b.feh[i] = i % 50 == 0 ? Double.NaN : -1.5 + 2.2 * random.nextDouble();
        }
        return b;
    }
}

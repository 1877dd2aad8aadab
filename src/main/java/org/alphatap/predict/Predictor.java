package org.alphatap.predict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import org.alphatap.build.Build;
import org.alphatap.science.FeatureBox;
import org.alphatap.science.ModelGrid;
import org.alphatap.science.Predictions;
import org.alphatap.store.Database;
import org.alphatap.survey.Element;

/**
 * The model grids of one build and the box their flags are judged against, loaded once and shared
 * by every request: a grid is only ever read, by absolute index, so threads cannot disturb one
 * another. The build flags with the
 * ranges of its whole training sample, which {@code alpha.training} holds star by star; the ranges
 * in {@code alpha.models} are each element's training split, narrower, and would flag stars that
 * the catalogue does not.
 */
public final class Predictor {
    /** Rows read, predicted and written together. */
    static final int BATCH = 10_000;

    private final Map<Element, ModelGrid> models;
    private final FeatureBox box;

    private Predictor(Map<Element, ModelGrid> models, FeatureBox box) {
        this.models = models;
        this.box = box;
    }

    /** The models in {@code data/models} and the training box of the database in {@code data}. */
    public static Predictor load(Path data) throws IOException, SQLException {
        Map<Element, ModelGrid> models = new EnumMap<>(Element.class);
        for (Element e : Element.values()) {
            Path file = data.resolve(Build.MODELS_DIR).resolve(ModelGrid.fileName(e));
            if (!Files.isRegularFile(file)) {
                throw new IOException("the build in " + data + " has no model grid " + file.getFileName()
                        + " in " + Build.MODELS_DIR + "/: rebuild it with this version");
            }
            models.put(e, ModelGrid.map(file));
        }
        return new Predictor(models, trainingBox(data));
    }

    private static FeatureBox trainingBox(Path data) throws SQLException, IOException {
        try (Connection c = Database.openReadOnly(data); ResultSet rs = c.createStatement().executeQuery(
                "SELECT MIN(teff), MAX(teff), MIN(logg), MAX(logg), MIN(feh), MAX(feh) FROM alpha.training")) {
            rs.next();
            float[] range = new float[6];
            for (int i = 0; i < range.length; i++) {
                range[i] = rs.getFloat(i + 1);
                if (rs.wasNull()) {
                    throw new IOException("the build in " + data + " has no training sample in alpha.training");
                }
            }
            // S/N is not an input here: with no lowest S/N, LOW_SNR is never set.
            return new FeatureBox(range[0], range[1], range[2], range[3], range[4], range[5], Float.NaN);
        }
    }

    FeatureBox box() {
        return box;
    }

    /** Predicts the first {@code batch.rows} rows of a batch. */
    void predict(Batch batch) {
        for (int i = 0; i < batch.rows; i++) {
            batch.flags[i] = Predictions.features(box, batch.teff[i], batch.logg[i], batch.feh[i], Double.NaN,
                    batch.x, i);
        }
        for (Element e : Element.values()) {
            models.get(e).predict(batch.x, batch.rows, batch.flags, batch.value[e.ordinal()],
                    batch.sigma[e.ordinal()], 0);
        }
    }

    /** One batch's inputs (NaN where missing) and predictions; reused from batch to batch. */
    static final class Batch {
        final double[] teff = new double[BATCH];
        final double[] logg = new double[BATCH];
        final double[] feh = new double[BATCH];
        final float[] x = new float[3 * BATCH];
        final int[] flags = new int[BATCH];
        final float[][] value = new float[Element.values().length][BATCH];
        final float[][] sigma = new float[Element.values().length][BATCH];
        int rows;
    }
}

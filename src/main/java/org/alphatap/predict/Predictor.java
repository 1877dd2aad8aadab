package org.alphatap.predict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import org.alphatap.science.FeatureBox;
import org.alphatap.science.ModelFamily;
import org.alphatap.science.ModelGrid;
import org.alphatap.science.ServedModels;
import org.alphatap.store.DataDirectory;
import org.alphatap.survey.Element;
import org.alphatap.store.Store;
import org.alphatap.store.H2Store;

/**
 * The model grids of one build and the box their flags are judged against, loaded once and shared
 * by every request: a grid is only ever read, by absolute index, so threads cannot disturb one
 * another. A star is answered as the catalogue answers it: by the [α/M] family where the build
 * serves it and the star has an alpha_m, by the paper's otherwise. The build flags with the
 * ranges of its whole training sample, which {@code alpha.training} holds star by star; the ranges
 * in {@code alpha.models} are each element's training split, narrower, and would flag stars that
 * the catalogue does not.
 */
public final class Predictor {
    /** Rows read, predicted and written together. */
    static final int BATCH = 10_000;

    private final Map<Element, ModelGrid> paper;
    private final Map<Element, ModelGrid> alphaM;
    private final FeatureBox box;

    private Predictor(Map<Element, ModelGrid> paper, Map<Element, ModelGrid> alphaM, FeatureBox box) {
        this.paper = paper;
        this.alphaM = alphaM;
        this.box = box;
    }

    /** The models in {@code data/models} and the training box of the database in {@code data}. */
    /** The models of the build in {@code data}, its tables in H2. */
    public static Predictor load(Path data) throws IOException, SQLException {
        return load(data, new H2Store(data));
    }

    /** The model files of {@code data}, the served family and training box from {@code tables}. */
    public static Predictor load(Path data, Store tables) throws IOException, SQLException {
        ModelFamily served = servedFamily(tables);
        return new Predictor(grids(data, ModelFamily.PAPER),
                served == ModelFamily.PAPER ? null : grids(data, served), trainingBox(tables));
    }

    private static Map<Element, ModelGrid> grids(Path data, ModelFamily family) throws IOException {
        Map<Element, ModelGrid> models = new EnumMap<>(Element.class);
        for (Element e : Element.values()) {
            Path file = data.resolve(DataDirectory.MODELS).resolve(ModelGrid.fileName(e, family));
            if (!Files.isRegularFile(file)) {
                throw new IOException("the build in " + data + " has no model grid " + file.getFileName()
                        + " in " + DataDirectory.MODELS + "/: rebuild it with this version");
            }
            models.put(e, ModelGrid.map(file));
        }
        return models;
    }

    private static ModelFamily servedFamily(Store tables) throws SQLException, IOException {
        try (Connection c = tables.openReader(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT DISTINCT model FROM alpha.models WHERE served = 1")) {
            if (!rs.next()) {
                throw new IOException("the build in " + tables.where() + " names no served model in alpha.models: rebuild it");
            }
            return ModelFamily.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT));
        }
    }

    private static FeatureBox trainingBox(Store tables) throws SQLException, IOException {
        try (Connection c = tables.openReader(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT MIN(teff), MAX(teff), MIN(logg), MAX(logg), MIN(feh), MAX(feh), MIN(alpha_m), MAX(alpha_m)"
                        + " FROM alpha.training WHERE split <> 'member'")) {
            rs.next();
            float[] range = new float[8];
            for (int i = 0; i < range.length; i++) {
                range[i] = rs.getFloat(i + 1);
                if (rs.wasNull()) {
                    range[i] = Float.NaN;
                    if (i < 6) {
                        throw new IOException("the build in " + tables.where() + " has no training sample in alpha.training");
                    }
                }
            }
            // S/N is not an input here: with no lowest S/N, LOW_SNR is never set.
            return new FeatureBox(range[0], range[1], range[2], range[3], range[4], range[5], Float.NaN, range[6],
                    range[7]);
        }
    }

    FeatureBox box() {
        return box;
    }

    /** Predicts the first {@code batch.rows} rows of a batch. */
    void predict(Batch batch) {
        if (batch.models == null) {
            batch.models = new ServedModels(paper, alphaM, box, BATCH);
        }
        batch.models.predict(batch.rows, batch.teff, batch.logg, batch.feh, batch.alpha, batch.snr, batch.value,
                batch.sigma, batch.flags, batch.family, 0);
    }

    /** One batch's inputs (NaN where missing) and predictions; reused from batch to batch. */
    static final class Batch {
        final double[] teff = new double[BATCH];
        final double[] logg = new double[BATCH];
        final double[] feh = new double[BATCH];
        final double[] alpha = new double[BATCH];
        /** S/N is not an input of /predict. */
        final double[] snr = filled(Double.NaN);
        final int[] flags = new int[BATCH];
        final byte[] family = new byte[BATCH];
        final float[][] value = new float[Element.values().length][BATCH];
        final float[][] sigma = new float[Element.values().length][BATCH];
        /** The batch's own scratch space for prediction (a batch is filled on one thread at a time). */
        ServedModels models;
        int rows;

        /** The family that answered row i, or null when it had no prediction. */
        String model(int i) {
            return (flags[i] & FeatureBox.NO_INPUT) != 0 ? null : ModelFamily.values()[family[i]].key();
        }

        private static double[] filled(double v) {
            double[] a = new double[BATCH];
            java.util.Arrays.fill(a, v);
            return a;
        }
    }
}

package org.alphatap.science;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.alphatap.survey.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compiled grid answers as its XGBoost model, bit for bit, wherever the inputs fall. */
class ModelGridTest {
    private static final int ROWS = 4000;
    private static AbundanceModel model;
    private static ModelGrid grid;
    @TempDir
    static Path dir;

    @BeforeAll
    static void train() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] x = new float[3 * ROWS];
        float[] y = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            float teff = (float) (4000 + 2500 * rnd.nextDouble());
            float logg = (float) (1 + 3.5 * rnd.nextDouble());
            float feh = (float) (-1.5 + 2 * rnd.nextDouble());
            x[3 * i] = teff;
            x[3 * i + 1] = logg;
            x[3 * i + 2] = feh;
            // Labels held inside a range, so that the readout undoes a cut at both ends.
            y[i] = (float) Math.max(-0.2, Math.min(0.4, -0.3 * feh + 0.02 * logg + 0.05 * rnd.nextGaussian()));
        }
        model = AbundanceModel.train(Element.MG, ModelFamily.PAPER, x, y, -0.2, 0.4, new AbundanceModel.HyperParameters(4, 0.3, 40, 1),
                1, 1);
        Path file = dir.resolve(ModelGrid.fileName(Element.MG, ModelFamily.PAPER));
        ModelGrid.compile(model, file);
        grid = ModelGrid.map(file);
    }

    @AfterAll
    static void dispose() {
        model.dispose();
    }

    @Test
    void equalsXgboostAtRandomPointsAndAtEveryThreshold() throws Exception {
        SplittableRandom rnd = new SplittableRandom(11);
        float[][] t = ModelGrid.thresholds(model.toJson(), 3);
        int n = 20_000;
        float[] x = new float[3 * n];
        for (int i = 0; i < n; i++) {
            x[3 * i] = (float) (3500 + 3500 * rnd.nextDouble());
            x[3 * i + 1] = (float) (0.5 + 4.5 * rnd.nextDouble());
            x[3 * i + 2] = (float) (-2.5 + 3.5 * rnd.nextDouble());
            int f = rnd.nextInt(3);
            if (t[f].length > 0 && rnd.nextBoolean()) { // exactly on, or one float either side of, a split
                float on = t[f][rnd.nextInt(t[f].length)];
                x[3 * i + f] = new float[] {Math.nextDown(on), on, Math.nextUp(on)}[rnd.nextInt(3)];
            }
        }
        // Out of any range, and zero of both signs.
        float[] edge = {Float.NEGATIVE_INFINITY, 0, Float.POSITIVE_INFINITY, 1e30f, -0f, 4.5f, -1e30f, 0f, -0f};
        System.arraycopy(edge, 0, x, 0, edge.length);
        assertTrue(Arrays.stream(t).allMatch(f -> f.length > 3), "the model splits on every feature");
        assertSame(x, n);
    }

    @Test
    void rowsWithoutInputGetNaN() {
        float[] value = new float[2];
        float[] sigma = new float[2];
        grid.predict(new float[] {5000, 3, 0, Float.NaN, 3, 0}, 2, new int[] {0, FeatureBox.NO_INPUT}, value, sigma, 0);
        assertTrue(!Float.isNaN(value[0]) && Float.isNaN(value[1]) && Float.isNaN(sigma[1]));
    }

    @Test
    void refusesATruncatedOrForeignFile() throws IOException {
        Path file = dir.resolve(ModelGrid.fileName(Element.MG, ModelFamily.PAPER));
        Path cut = dir.resolve("cut.grid");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 4));
        assertTrue(assertThrows(IOException.class, () -> ModelGrid.map(cut)).getMessage().contains("cut short"));
        Files.write(cut, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertTrue(assertThrows(IOException.class, () -> ModelGrid.map(cut)).getMessage().contains("not a model grid"));
    }

    private static void assertSame(float[] x, int n) throws Exception {
        int[] flags = new int[n];
        float[] value = new float[n];
        float[] sigma = new float[n];
        float[] expectedValue = new float[n];
        float[] expectedSigma = new float[n];
        model.predict(x, n, expectedValue, expectedSigma, 0);
        grid.predict(x, n, flags, value, sigma, 0);
        assertArrayEquals(expectedValue, value);
        assertArrayEquals(expectedSigma, sigma);
    }
}

package org.alphatap.science;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.alphatap.survey.Element;

/**
 * One element's model compiled into a lookup table. A tree ensemble on three features is constant
 * between consecutive split thresholds of each feature, so the model is a function of the cell of
 * the grid those thresholds make: the grid holds the trees' own answer (their three quantiles) at
 * one point of every cell, and a prediction is three binary searches, three reads and the model's
 * {@link QuantileReadout}, with the same result to the bit as asking XGBoost. Thousands of trees
 * per star are what made XGBoost itself the limit of /predict.
 *
 * <p>The table lives in a file next to the model and is mapped, not read: about 1 MB per element
 * for the shallow models the grid search chooses on the mock, but tens of MB for deeper ones, which
 * the service's heap should not carry.
 */
public final class ModelGrid {
    private static final int MAGIC = 0x41475233; // "AGR3": three quantiles per cell
    private static final int FEATURES = AbundanceModel.FEATURES.length;
    private static final int QUANTILES = AbundanceModel.QUANTILES.length;
    /** Cells evaluated by XGBoost at once while compiling. */
    private static final int CHUNK = 1 << 17;

    /** Per feature, the sorted distinct thresholds: a value's cell is how many of them it reaches. */
    private final float[][] thresholds;
    private final int[] stride;
    /** Per cell, q16, q50, q84 side by side: one cache line read per prediction, not three. */
    private final FloatBuffer cells;
    private final QuantileReadout readout;

    private ModelGrid(float[][] thresholds, FloatBuffer cells, QuantileReadout readout) {
        this.thresholds = thresholds;
        this.cells = cells;
        this.readout = readout;
        stride = new int[FEATURES];
        stride[FEATURES - 1] = 1;
        for (int f = FEATURES - 2; f >= 0; f--) {
            stride[f] = stride[f + 1] * (thresholds[f + 1].length + 1);
        }
    }

    /** The grid file of an element's model in a build's model directory. */
    public static String fileName(Element e) {
        return e.key() + ".grid";
    }

    /**
     * Evaluates {@code model} on every cell and writes the grid to {@code file} (via a temporary
     * file, so that a crash leaves no partial grid under the final name).
     */
    public static void compile(AbundanceModel model, Path file) throws XGBoostError, IOException {
        float[][] t = thresholds(model.toJson());
        long cells = 1;
        for (float[] f : t) {
            cells *= f.length + 1;
        }
        if (cells > Integer.MAX_VALUE / QUANTILES) {
            throw new IOException("the " + model.element().key() + " model has too many thresholds for a grid ("
                    + cells + " cells)");
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(MAGIC);
            model.readout().write(out);
            for (float[] f : t) {
                out.writeInt(f.length);
                for (float v : f) {
                    out.writeFloat(v);
                }
            }
            float[] quantiles = evaluate(model, t, (int) cells);
            new ModelGrid(t, FloatBuffer.wrap(quantiles), model.readout()).verify(model);
            for (float v : quantiles) {
                out.writeFloat(v);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The trees' quantiles at one point of every cell, cell after cell. */
    private static float[] evaluate(AbundanceModel model, float[][] t, int cells) throws XGBoostError {
        ModelGrid shape = new ModelGrid(t, null, null);
        float[] x = new float[FEATURES * CHUNK];
        float[] out = new float[QUANTILES * cells];
        for (int start = 0; start < cells; start += CHUNK) {
            int rows = Math.min(CHUNK, cells - start);
            for (int i = 0; i < rows; i++) {
                int cell = start + i;
                for (int f = 0; f < FEATURES; f++) {
                    int c = cell / shape.stride[f] % (t[f].length + 1);
                    x[FEATURES * i + f] = representative(t[f], c);
                }
            }
            float[] batch = rows == CHUNK ? x : Arrays.copyOf(x, FEATURES * rows);
            float[][] q = model.treeQuantiles(batch, rows);
            for (int i = 0; i < rows; i++) {
                System.arraycopy(q[i], 0, out, QUANTILES * (start + i), QUANTILES);
            }
        }
        return out;
    }

    /**
     * Asks XGBoost at every threshold and the floats either side of it, and at random points, and
     * fails unless the grid answers the same: the grid is only worth having if it is the model.
     */
    private void verify(AbundanceModel model) throws XGBoostError, IOException {
        SplittableRandom rnd = new java.util.SplittableRandom(1);
        List<float[]> points = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            for (float v : thresholds[f]) {
                for (float at : new float[] {Math.nextDown(v), v, Math.nextUp(v)}) {
                    float[] p = randomPoint(rnd);
                    p[f] = at;
                    points.add(p);
                }
            }
        }
        for (int i = 0; i < 10_000; i++) {
            points.add(randomPoint(rnd));
        }
        int n = points.size();
        float[] x = new float[FEATURES * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(points.get(i), 0, x, FEATURES * i, FEATURES);
        }
        float[][] expected = {new float[n], new float[n]};
        float[][] got = {new float[n], new float[n]};
        model.predict(x, n, expected[0], expected[1], 0);
        predict(x, n, new int[n], got[0], got[1], 0);
        for (int i = 0; i < n; i++) {
            if (Float.compare(expected[0][i], got[0][i]) != 0 || Float.compare(expected[1][i], got[1][i]) != 0) {
                throw new IOException("the " + model.element().key() + " grid differs from its model at "
                        + Arrays.toString(points.get(i)) + ": " + got[0][i] + " ± " + got[1][i] + " instead of "
                        + expected[0][i] + " ± " + expected[1][i]);
            }
        }
    }

    /** A point anywhere from below the first threshold to above the last, per feature. */
    private float[] randomPoint(SplittableRandom rnd) {
        float[] p = new float[FEATURES];
        for (int f = 0; f < FEATURES; f++) {
            float[] t = thresholds[f];
            p[f] = t.length == 0 ? 0 : representative(t, rnd.nextInt(t.length + 1))
                    + (float) rnd.nextDouble() * (t.length < 2 ? 1 : (t[t.length - 1] - t[0]) / t.length);
        }
        return p;
    }

    /** A value in cell {@code c}: the threshold it starts at, or below the first for cell 0. */
    static float representative(float[] t, int c) {
        if (t.length == 0) {
            return 0;
        }
        return c == 0 ? t[0] - Math.max(1, Math.abs(t[0])) : t[c - 1];
    }

    /**
     * The distinct split thresholds of each feature, read from the model's JSON as written (a
     * float's text there round-trips, where reading it as a double first could round it twice).
     */
    static float[][] thresholds(byte[] json) throws IOException {
        List<int[]> children = new ArrayList<>();
        List<String[]> conditions = new ArrayList<>();
        List<int[]> features = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            while (p.nextToken() != null) {
                if (p.currentToken() != JsonToken.FIELD_NAME) {
                    continue;
                }
                switch (p.currentName()) {
                    case "left_children" -> children.add(ints(p));
                    case "split_indices" -> features.add(ints(p));
                    case "split_conditions" -> conditions.add(texts(p));
                    default -> {
                    }
                }
            }
        }
        if (children.size() != conditions.size() || children.size() != features.size()) {
            throw new IOException("model JSON has " + children.size() + " left_children, " + conditions.size()
                    + " split_conditions and " + features.size() + " split_indices arrays: not one per tree");
        }
        List<TreeSet<Float>> sets = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            sets.add(new TreeSet<>());
        }
        for (int tree = 0; tree < children.size(); tree++) {
            int[] left = children.get(tree);
            for (int node = 0; node < left.length; node++) {
                if (left[node] >= 0) { // a split, not a leaf (whose "condition" is its value)
                    // + 0f makes -0 into 0: XGBoost compares them as equal, a sorted float[] does not.
                    sets.get(features.get(tree)[node]).add(Float.parseFloat(conditions.get(tree)[node]) + 0f);
                }
            }
        }
        float[][] t = new float[FEATURES][];
        for (int f = 0; f < FEATURES; f++) {
            t[f] = new float[sets.get(f).size()];
            int i = 0;
            for (float v : sets.get(f)) {
                t[f][i++] = v;
            }
        }
        return t;
    }

    private static int[] ints(JsonParser p) throws IOException {
        String[] s = texts(p);
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Integer.parseInt(s[i]);
        }
        return out;
    }

    private static String[] texts(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            throw new IOException("model JSON: " + p.currentName() + " is not an array");
        }
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(p.getText());
        }
        return out.toArray(String[]::new);
    }

    /** Maps a grid written by {@link #compile}. */
    public static ModelGrid map(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            if (b.getInt() != MAGIC) {
                throw new IOException(file + " is not a model grid of this version: rebuild");
            }
            QuantileReadout readout = QuantileReadout.read(b);
            float[][] t = new float[FEATURES][];
            long cells = 1;
            for (int f = 0; f < FEATURES; f++) {
                t[f] = new float[b.getInt()];
                b.asFloatBuffer().get(t[f]);
                b.position(b.position() + 4 * t[f].length);
                cells *= t[f].length + 1;
            }
            if (b.remaining() != 4L * QUANTILES * cells) {
                throw new IOException(file + " is cut short or too long for its thresholds: rebuild");
            }
            return new ModelGrid(t, b.slice().asFloatBuffer(), readout);
        }
    }

    /**
     * Value and σ for {@code rows} rows of {@code x}, written from {@code offset} on, where
     * {@code flags} is read too: a row without input gets NaN.
     */
    public void predict(float[] x, int rows, int[] flags, float[] values, float[] sigmas, int offset) {
        for (int i = 0; i < rows; i++) {
            int r = offset + i;
            if ((flags[r] & FeatureBox.NO_INPUT) != 0) {
                values[r] = Float.NaN;
                sigmas[r] = Float.NaN;
                continue;
            }
            int cell = 0;
            for (int f = 0; f < FEATURES; f++) {
                cell += stride[f] * cellOf(thresholds[f], x[FEATURES * i + f]);
            }
            int at = QUANTILES * cell;
            readout.read(cells.get(at), cells.get(at + 1), cells.get(at + 2), x[FEATURES * i + 2], values, sigmas, r);
        }
    }

    /** How many thresholds {@code v} reaches: XGBoost goes right at a split when v ≥ threshold. */
    private static int cellOf(float[] t, float v) {
        int i = Arrays.binarySearch(t, v + 0f);
        return i >= 0 ? i + 1 : -i - 1;
    }
}

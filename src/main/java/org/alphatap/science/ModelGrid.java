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
 * One element's model compiled into lookup tables. A tree ensemble is constant between consecutive
 * split thresholds of each feature, so the model is a function of the cell of the grid those
 * thresholds make (a missing value, sent the way each split learnt, is a cell of its own): the
 * grid holds the trees' own answer (their three quantiles) at one point of every cell, and a
 * prediction is a binary search per feature, a few reads and the model's
 * {@link QuantileReadout}. Thousands of trees per star are what made XGBoost itself the limit of
 * /predict.
 *
 * <p>A family's trees may be a sum of parts on different features ({@link ModelFamily#blocks}):
 * the [α/M] family is trees of (Teff, log g, [Fe/H]) plus trees of ([Fe/H], [α/M]), so it is
 * tabulated as a 3-feature grid (the whole model with [α/M] missing) plus a 2-feature grid (what
 * a given [α/M] changes from missing), not one 4-feature grid a hundred times larger. A one-part
 * grid answers to the bit as XGBoost does; a sum of parts adds in another order than XGBoost, so
 * it is checked to {@link #SUM_TOLERANCE}.
 *
 * <p>The tables live in a file next to the model and are mapped, not read: about 1 MB per element
 * for the shallow models the grid search chooses on the mock, but tens of MB for deeper ones,
 * which the service's heap should not carry.
 */
public final class ModelGrid {
    private static final int MAGIC = 0x41475234; // "AGR4": blocks of three quantiles per cell
    private static final int QUANTILES = AbundanceModel.QUANTILES.length;
    /** Cells evaluated by XGBoost at once while compiling. */
    private static final int CHUNK = 1 << 17;
    /** Largest difference, in dex, allowed between a grid of several parts and XGBoost. */
    static final double SUM_TOLERANCE = 2e-5;

    private final int width;
    private final Block[] blocks;
    private final QuantileReadout readout;

    /** One part of the model: the sum of its trees over a few features, tabulated. */
    private static final class Block {
        final int[] features;
        /** Per feature of the block, the sorted distinct thresholds. */
        final float[][] thresholds;
        final int[] stride;
        final int cells;
        /** Per cell, q16, q50, q84 side by side (unsorted: parts are summed before sorting). */
        FloatBuffer values;

        Block(int[] features, float[][] thresholds) {
            this.features = features;
            this.thresholds = thresholds;
            stride = new int[features.length];
            long n = 1;
            for (int f = features.length - 1; f >= 0; f--) {
                stride[f] = (int) n;
                n *= axis(thresholds[f]);
            }
            cells = n > Integer.MAX_VALUE / QUANTILES ? -1 : (int) n;
        }

        int cellOf(float[] x, int row, int width) {
            int cell = 0;
            for (int f = 0; f < features.length; f++) {
                cell += stride[f] * ModelGrid.cellOf(thresholds[f], x[width * row + features[f]]);
            }
            return cell;
        }
    }

    private ModelGrid(int width, Block[] blocks, QuantileReadout readout) {
        this.width = width;
        this.blocks = blocks;
        this.readout = readout;
    }

    /** The grid file of an element's model of a family in a build's model directory. */
    public static String fileName(Element e, ModelFamily family) {
        return family.key() + "_" + e.key() + ".grid";
    }

    /** Cells along one feature: below the first threshold, after each, and missing. */
    private static int axis(float[] t) {
        return t.length + 2;
    }

    /**
     * Evaluates {@code model} on every cell and writes the grid to {@code file} (via a temporary
     * file, so that a crash leaves no partial grid under the final name).
     */
    public static void compile(AbundanceModel model, Path file) throws XGBoostError, IOException {
        ModelFamily family = model.family();
        float[][] t = thresholds(model.toJson(), family.width());
        int[][] parts = family.blocks();
        Block[] blocks = new Block[parts.length];
        for (int b = 0; b < parts.length; b++) {
            float[][] bt = new float[parts[b].length][];
            for (int f = 0; f < bt.length; f++) {
                bt[f] = t[parts[b][f]];
            }
            blocks[b] = new Block(parts[b], bt);
            if (blocks[b].cells < 0) {
                throw new IOException("the " + model.element().key() + " model has too many thresholds for a grid");
            }
        }
        for (int b = 0; b < blocks.length; b++) {
            blocks[b].values = FloatBuffer.wrap(evaluate(model, blocks, b));
        }
        ModelGrid grid = new ModelGrid(family.width(), blocks, model.readout());
        grid.verify(model);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(MAGIC);
            model.readout().write(out);
            out.writeInt(family.width());
            out.writeInt(blocks.length);
            for (Block block : blocks) {
                out.writeInt(block.features.length);
                for (int f = 0; f < block.features.length; f++) {
                    out.writeInt(block.features[f]);
                    out.writeInt(block.thresholds[f].length);
                    for (float v : block.thresholds[f]) {
                        out.writeFloat(v);
                    }
                }
            }
            for (Block block : blocks) {
                FloatBuffer v = block.values.duplicate().rewind();
                while (v.hasRemaining()) {
                    out.writeFloat(v.get());
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The trees' raw quantiles at one point of every cell of block {@code b}. The first block is
     * the whole model with every feature outside it missing; a further block is what its own
     * features change from missing, with the first block's other features held at one value.
     */
    private static float[] evaluate(AbundanceModel model, Block[] blocks, int b) throws XGBoostError {
        Block block = blocks[b];
        int width = model.family().width();
        float[] reference = new float[width];
        Arrays.fill(reference, Float.NaN);
        if (b > 0) {
            for (int f = 0; f < blocks[0].features.length; f++) {
                reference[blocks[0].features[f]] = representative(blocks[0].thresholds[f], 0);
            }
        }
        float[] out = new float[QUANTILES * block.cells];
        float[] x = new float[width * CHUNK];
        float[] missing = new float[width * CHUNK];
        for (int start = 0; start < block.cells; start += CHUNK) {
            int rows = Math.min(CHUNK, block.cells - start);
            for (int i = 0; i < rows; i++) {
                int cell = start + i;
                System.arraycopy(reference, 0, x, width * i, width);
                System.arraycopy(reference, 0, missing, width * i, width);
                for (int f = 0; f < block.features.length; f++) {
                    int c = cell / block.stride[f] % axis(block.thresholds[f]);
                    float v = representative(block.thresholds[f], c);
                    x[width * i + block.features[f]] = v;
                    if (b > 0 && isShared(blocks[0], block.features[f])) {
                        missing[width * i + block.features[f]] = v;
                    }
                }
            }
            float[][] q = model.rawTreeQuantiles(rows == CHUNK ? x : Arrays.copyOf(x, width * rows), rows);
            float[][] q0 = b == 0 ? null
                    : model.rawTreeQuantiles(rows == CHUNK ? missing : Arrays.copyOf(missing, width * rows), rows);
            for (int i = 0; i < rows; i++) {
                for (int k = 0; k < QUANTILES; k++) {
                    out[QUANTILES * (start + i) + k] = b == 0 ? q[i][k] : q[i][k] - q0[i][k];
                }
            }
        }
        return out;
    }

    private static boolean isShared(Block first, int feature) {
        for (int f : first.features) {
            if (f == feature) {
                return true;
            }
        }
        return false;
    }

    /**
     * Asks XGBoost at every threshold and the floats either side of it, and at random points, and
     * fails unless the grid answers the same: the grid is only worth having if it is the model.
     */
    private void verify(AbundanceModel model) throws XGBoostError, IOException {
        SplittableRandom rnd = new SplittableRandom(1);
        float[][] t = allThresholds();
        List<float[]> points = new ArrayList<>();
        for (int f = 0; f < width; f++) {
            for (float v : t[f]) {
                for (float at : new float[] {Math.nextDown(v), v, Math.nextUp(v)}) {
                    float[] p = randomPoint(t, rnd);
                    p[f] = at;
                    points.add(p);
                }
            }
        }
        for (int i = 0; i < 10_000; i++) {
            points.add(randomPoint(t, rnd));
        }
        int n = points.size();
        float[] x = new float[width * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(points.get(i), 0, x, width * i, width);
        }
        float[][] expected = {new float[n], new float[n]};
        float[][] got = {new float[n], new float[n]};
        model.predict(x, n, expected[0], expected[1], 0);
        predict(x, n, new int[n], got[0], got[1], 0);
        double tolerance = blocks.length == 1 ? 0 : SUM_TOLERANCE;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                boolean same = Float.compare(expected[k][i], got[k][i]) == 0
                        || Math.abs(expected[k][i] - got[k][i]) <= tolerance;
                if (!same) {
                    throw new IOException("the " + model.element().key() + " grid differs from its model at "
                            + Arrays.toString(points.get(i)) + ": " + got[0][i] + " ± " + got[1][i] + " instead of "
                            + expected[0][i] + " ± " + expected[1][i]);
                }
            }
        }
    }

    /** Each feature's thresholds, from whichever block holds it. */
    private float[][] allThresholds() {
        float[][] t = new float[width][];
        for (Block b : blocks) {
            for (int f = 0; f < b.features.length; f++) {
                t[b.features[f]] = b.thresholds[f];
            }
        }
        return t;
    }

    /** A point anywhere from below the first threshold to above the last, per feature, sometimes missing. */
    private static float[] randomPoint(float[][] thresholds, SplittableRandom rnd) {
        float[] p = new float[thresholds.length];
        for (int f = 0; f < p.length; f++) {
            float[] t = thresholds[f];
            p[f] = t.length == 0 ? 0 : representative(t, rnd.nextInt(t.length + 2))
                    + (float) rnd.nextDouble() * (t.length < 2 ? 1 : (t[t.length - 1] - t[0]) / t.length);
        }
        return p;
    }

    /** A value in cell {@code c}: below the first threshold for 0, the threshold it starts at, or missing. */
    static float representative(float[] t, int c) {
        if (c == t.length + 1) {
            return Float.NaN;
        }
        if (t.length == 0) {
            return 0;
        }
        return c == 0 ? t[0] - Math.max(1, Math.abs(t[0])) : t[c - 1];
    }

    /**
     * The distinct split thresholds of each feature, read from the model's JSON as written (a
     * float's text there round-trips, where reading it as a double first could round it twice).
     */
    static float[][] thresholds(byte[] json, int width) throws IOException {
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
        for (int f = 0; f < width; f++) {
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
        float[][] t = new float[width][];
        for (int f = 0; f < width; f++) {
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
            int width = b.getInt();
            Block[] blocks = new Block[b.getInt()];
            long total = 0;
            for (int k = 0; k < blocks.length; k++) {
                int[] features = new int[b.getInt()];
                float[][] t = new float[features.length][];
                for (int f = 0; f < features.length; f++) {
                    features[f] = b.getInt();
                    t[f] = new float[b.getInt()];
                    b.asFloatBuffer().get(t[f]);
                    b.position(b.position() + 4 * t[f].length);
                }
                blocks[k] = new Block(features, t);
                total += (long) QUANTILES * blocks[k].cells;
            }
            if (b.remaining() != 4L * total) {
                throw new IOException(file + " is cut short or too long for its thresholds: rebuild");
            }
            for (Block block : blocks) {
                ByteBuffer slice = b.slice();
                slice.limit(4 * QUANTILES * block.cells);
                block.values = slice.asFloatBuffer();
                b.position(b.position() + 4 * QUANTILES * block.cells);
            }
            return new ModelGrid(width, blocks, readout);
        }
    }

    /** Features per row the grid reads. */
    public int width() {
        return width;
    }

    /**
     * Value and σ for {@code rows} rows of {@code x}, written from {@code offset} on, where
     * {@code flags} is read too: a row without input gets NaN.
     */
    public void predict(float[] x, int rows, int[] flags, float[] values, float[] sigmas, int offset) {
        float[] q = new float[QUANTILES];
        for (int i = 0; i < rows; i++) {
            int r = offset + i;
            if ((flags[r] & FeatureBox.NO_INPUT) != 0) {
                values[r] = Float.NaN;
                sigmas[r] = Float.NaN;
                continue;
            }
            for (int b = 0; b < blocks.length; b++) {
                int at = QUANTILES * blocks[b].cellOf(x, i, width);
                for (int k = 0; k < QUANTILES; k++) {
                    float v = blocks[b].values.get(at + k);
                    q[k] = b == 0 ? v : q[k] + v; // the first part as stored: 0 + −0 would be +0
                }
            }
            Arrays.sort(q); // as AbundanceModel.treeQuantiles sorts: the same order for −0 and 0
            readout.read(q[0], q[1], q[2], x[width * i + ModelFamily.FEH], values, sigmas, r);
        }
    }

    /**
     * How many thresholds {@code v} reaches: XGBoost goes right at a split when v ≥ threshold. A
     * missing value has the last cell.
     */
    private static int cellOf(float[] t, float v) {
        if (Float.isNaN(v)) {
            return t.length + 1;
        }
        int i = Arrays.binarySearch(t, v + 0f);
        return i >= 0 ? i + 1 : -i - 1;
    }
}

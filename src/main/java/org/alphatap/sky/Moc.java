package org.alphatap.sky;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;

/**
 * A spatial MOC (IVOA MOC 2.0): a set of NESTED HEALPix cells of orders 0 to {@link #order()},
 * normalised: no cell twice, and four sibling cells always written as their parent. It says which
 * parts of the sky a table covers, for registries, Aladin and mocpy.
 */
public final class Moc {
    private final int order;
    /** The cells of each order, sorted. */
    private final long[][] cells;

    private Moc(int order, long[][] cells) {
        this.order = order;
        this.cells = cells;
    }

    /** The MOC of the given pixels of {@code order} (any order, repeats allowed). */
    public static Moc ofPixels(int order, long[] pixels) {
        if (order < 0 || order > Healpix.MAX_ORDER) {
            throw new IllegalArgumentException("MOC order must be 0.." + Healpix.MAX_ORDER + ", got " + order);
        }
        long[] current = LongStream.of(pixels).sorted().distinct().toArray();
        long[][] cells = new long[order + 1][];
        for (int o = order; o > 0; o--) {
            LongList keep = new LongList();
            LongList parents = new LongList();
            for (int i = 0; i < current.length;) {
                long p = current[i];
                if ((p & 3) == 0 && i + 3 < current.length && current[i + 3] == p + 3) {
                    parents.add(p >> 2);
                    i += 4;
                } else {
                    keep.add(p);
                    i++;
                }
            }
            cells[o] = keep.toArray();
            current = parents.toArray();
        }
        cells[0] = current;
        return new Moc(order, cells);
    }

    public int order() {
        return order;
    }

    /** The cells of {@code o}, sorted. */
    public long[] cells(int o) {
        return cells[o].clone();
    }

    /** Every pixel of {@link #order()} the MOC covers, sorted. */
    public long[] pixels() {
        return pixels(order);
    }

    /**
     * This MOC at a coarser order: every cell finer than it becomes the cell that contains it, so
     * the result covers at least as much (as registries want it, to order 6).
     */
    public Moc atOrder(int coarser) {
        if (coarser >= order) {
            return this;
        }
        return ofPixels(coarser, pixels(coarser));
    }

    /** The pixels of order {@code at} that the cells cover (or touch, for cells finer than it). */
    private long[] pixels(int at) {
        LongList out = new LongList();
        for (int o = 0; o <= order; o++) {
            for (long c : cells[o]) {
                if (o <= at) {
                    long first = c << 2 * (at - o);
                    long n = 1L << 2 * (at - o);
                    for (long p = first; p < first + n; p++) {
                        out.add(p);
                    }
                } else {
                    out.add(c >> 2 * (o - at));
                }
            }
        }
        return LongStream.of(out.toArray()).sorted().distinct().toArray();
    }

    /**
     * The ASCII serialisation of MOC 2.0: for each order that has cells, {@code order/} and its cells,
     * consecutive ones as a range {@code first-last}; the MOC's order always closes it, empty if
     * it has no cell, so that a reader knows the resolution.
     */
    public String ascii() {
        StringBuilder b = new StringBuilder();
        for (int o = 0; o <= order; o++) {
            long[] c = cells[o];
            if (c.length == 0 && o < order) {
                continue;
            }
            b.append(b.isEmpty() ? "" : " ").append(o).append('/');
            for (int i = 0; i < c.length;) {
                int j = i;
                while (j + 1 < c.length && c[j + 1] == c[j] + 1) {
                    j++;
                }
                b.append(i == 0 ? "" : " ").append(c[i]);
                if (j > i) {
                    b.append('-').append(c[j]);
                }
                i = j + 1;
            }
        }
        return b.toString();
    }

    /**
     * The FITS serialisation of MOC 2.0: an empty primary HDU and a binary table of one 64-bit
     * column UNIQ (4·4^order + pixel, sorted), with the keywords MOC 1.1 readers look for too.
     */
    public byte[] fits() {
        long[] uniq = uniq();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, List.of(card("SIMPLE", "T"), card("BITPIX", "8"), card("NAXIS", "0"), card("EXTEND", "T")));
        header(out, List.of(card("XTENSION", "'BINTABLE'"), card("BITPIX", "8"), card("NAXIS", "2"),
                card("NAXIS1", "8"), card("NAXIS2", String.valueOf(uniq.length)), card("PCOUNT", "0"),
                card("GCOUNT", "1"), card("TFIELDS", "1"), card("TTYPE1", "'UNIQ'"), card("TFORM1", "'1K'"),
                card("MOCVERS", "'2.0'"), card("MOCDIM", "'SPACE'"), card("ORDERING", "'NUNIQ'"),
                card("COORDSYS", "'C'"), card("MOCORD_S", String.valueOf(order)), card("PIXTYPE", "'HEALPIX'"),
                card("MOCORDER", String.valueOf(order)), card("MOCTOOL", "'alphatap'")));
        ByteBuffer data = ByteBuffer.allocate(padded(uniq.length * 8));
        for (long u : uniq) {
            data.putLong(u);
        }
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    /** The cells in NUNIQ numbering, sorted: 4·4^order + pixel. */
    public long[] uniq() {
        LongList out = new LongList();
        for (int o = 0; o <= order; o++) {
            for (long c : cells[o]) {
                out.add((4L << 2 * o) + c);
            }
        }
        long[] u = out.toArray();
        Arrays.sort(u);
        return u;
    }

    /**
     * A header card in FITS's fixed format: a string from column 11, padded to eight characters
     * within its quotes; a number or logical right-aligned to column 30.
     */
    private static String card(String key, String value) {
        if (value.startsWith("'")) {
            return String.format(Locale.ROOT, "%-8s= '%-8s'", key, value.substring(1, value.length() - 1));
        }
        return String.format(Locale.ROOT, "%-8s= %20s", key, value);
    }

    /** Header cards, END, and blanks to the next 2880-byte block. */
    private static void header(ByteArrayOutputStream out, List<String> cards) {
        List<String> all = new ArrayList<>(cards);
        all.add("END");
        StringBuilder b = new StringBuilder();
        for (String c : all) {
            b.append(String.format(Locale.ROOT, "%-80s", c));
        }
        while (b.length() % 2880 != 0) {
            b.append(' ');
        }
        out.writeBytes(b.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static int padded(int bytes) {
        return (bytes + 2879) / 2880 * 2880;
    }

    /** A growable array of longs. */
    private static final class LongList {
        private long[] values = new long[16];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}

package org.alphatap.survey;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A catalogue held as compact primitive columns (float32 measurements, float64 positions, int64
 * ids), one array per kept column: about 64 bytes a LAMOST row instead of a few hundred as objects.
 */
public final class ColumnTable<C extends Enum<C> & CatalogueColumn> {
    private final Object[] data;
    private final ReadReport report;
    private final int size;

    private ColumnTable(Object[] data, int size, ReadReport report) {
        this.data = data;
        this.size = size;
        this.report = report;
    }

    /** Reads every column of the file. */
    public static <C extends Enum<C> & CatalogueColumn> ColumnTable<C> load(CatalogueReader<C> reader, Path file,
            Class<C> columns) throws SurveyFileException {
        return load(reader, file, EnumSet.allOf(columns));
    }

    /** Reads the file keeping only {@code keep}; the others are still checked and converted. */
    public static <C extends Enum<C> & CatalogueColumn> ColumnTable<C> load(CatalogueReader<C> reader, Path file,
            Set<C> keep) throws SurveyFileException {
        C[] all = keep.iterator().next().getDeclaringClass().getEnumConstants();
        Builder<C> b = new Builder<>(all, keep);
        ReadReport report = reader.read(file, b::add);
        return new ColumnTable<>(b.trimmed(), b.size, report);
    }

    public int size() {
        return size;
    }

    public ReadReport report() {
        return report;
    }

    public double real(C column, int row) {
        Object a = column(column);
        return a instanceof float[] f ? f[row] : ((double[]) a)[row];
    }

    public long id(C column, int row) {
        return ((long[]) column(column))[row];
    }

    public int integer(C column, int row) {
        return ((int[]) column(column))[row];
    }

    public String text(C column, int row) {
        return ((String[]) column(column))[row];
    }

    private Object column(C column) {
        Object a = data[column.ordinal()];
        if (a == null) {
            throw new IllegalArgumentException("column " + column.columnName() + " was not kept when loading");
        }
        return a;
    }

    private static final class Builder<C extends Enum<C> & CatalogueColumn> {
        final C[] all;
        final Object[] data;
        int size;
        int capacity = 1024;

        Builder(C[] all, Set<C> keep) {
            this.all = all;
            this.data = new Object[all.length];
            for (C c : keep) {
                data[c.ordinal()] = newArray(c.kind(), capacity);
            }
        }

        void add(Row<C> row) {
            if (size == capacity) {
                capacity += capacity >> 1;
                for (int i = 0; i < data.length; i++) {
                    data[i] = grow(data[i], capacity);
                }
            }
            for (C c : all) {
                int i = c.ordinal();
                Object a = data[i];
                if (a == null) {
                    continue;
                }
                switch (c.kind()) {
                    case F64 -> ((double[]) a)[size] = row.reals[i];
                    case F32 -> ((float[]) a)[size] = (float) row.reals[i];
                    case I64 -> ((long[]) a)[size] = row.ids[i];
                    case I32 -> ((int[]) a)[size] = row.ints[i];
                    case TEXT -> ((String[]) a)[size] = row.texts[i];
                    default -> throw new IllegalStateException();
                }
            }
            size++;
        }

        Object[] trimmed() {
            for (int i = 0; i < data.length; i++) {
                data[i] = grow(data[i], size);
            }
            return data;
        }

        private static Object newArray(Kind kind, int n) {
            return switch (kind) {
                case F64 -> new double[n];
                case F32 -> new float[n];
                case I64 -> new long[n];
                case I32 -> new int[n];
                case TEXT -> new String[n];
            };
        }

        private static Object grow(Object a, int n) {
            if (a == null) {
                return null;
            }
            if (a instanceof double[] d) {
                return Arrays.copyOf(d, n);
            } else if (a instanceof float[] f) {
                return Arrays.copyOf(f, n);
            } else if (a instanceof long[] l) {
                return Arrays.copyOf(l, n);
            } else if (a instanceof int[] i) {
                return Arrays.copyOf(i, n);
            }
            return Arrays.copyOf((String[]) a, n);
        }
    }
}

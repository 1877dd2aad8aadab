package org.alphatap.survey;

/**
 * One catalogue row, converted. The reader reuses one instance for every row of a file, so a
 * handler copies what it keeps; nothing here may be held past the handler call.
 */
public final class Row<C extends Enum<C> & CatalogueColumn> {
    final double[] reals;
    final long[] ids;
    final int[] ints;
    final String[] texts;
    final boolean[] inFile;
    long number;

    Row(int columns) {
        reals = new double[columns];
        ids = new long[columns];
        ints = new int[columns];
        texts = new String[columns];
        inFile = new boolean[columns];
    }

    /** A real column's value (F64 or F32), NaN when missing. */
    public double real(C column) {
        return reals[column.ordinal()];
    }

    /** An I64 column's value, {@link Values#MISSING_ID} when missing. */
    public long id(C column) {
        return ids[column.ordinal()];
    }

    /** An I32 column's value, {@link Values#MISSING_INT} when missing. */
    public int integer(C column) {
        return ints[column.ordinal()];
    }

    /** A TEXT column's value, null when missing. */
    public String text(C column) {
        return texts[column.ordinal()];
    }

    /** Whether this row has a value in the column. */
    public boolean has(C column) {
        int i = column.ordinal();
        if (!inFile[i]) {
            return false;
        }
        return switch (column.kind()) {
            case F64, F32 -> !Double.isNaN(reals[i]);
            case I64 -> ids[i] != Values.MISSING_ID;
            case I32 -> ints[i] != Values.MISSING_INT;
            case TEXT -> texts[i] != null;
        };
    }
}

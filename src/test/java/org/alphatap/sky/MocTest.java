package org.alphatap.sky;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import uk.ac.starlink.fits.FitsTableBuilder;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.util.ByteArrayDataSource;

/** MOCs built from pixels: normalised, degraded, and written as MOC 2.0 ASCII and FITS. */
class MocTest {
    @Test
    void fourSiblingsBecomeTheirParentAndTheOrderClosesTheAscii() {
        // Pixels 0-3 of order 2 are pixel 0 of order 1; 4-15 with them make pixel 0 of order 0.
        Moc whole = Moc.ofPixels(2, LongStream.range(0, 16).toArray());
        assertEquals("0/0 2/", whole.ascii());
        Moc some = Moc.ofPixels(2, new long[] {4, 5, 6, 7, 9, 8, 3, 3, 17});
        assertEquals("1/1 2/3 8-9 17", some.ascii());
        assertArrayEquals(new long[] {3, 4, 5, 6, 7, 8, 9, 17}, some.pixels());
        assertArrayEquals(new long[] {0, 1, 2, 4}, some.atOrder(1).pixels(), "coarser cells cover at least as much");
    }

    @Test
    void randomPixelsSurviveNormalising() {
        Random rnd = new Random(3);
        long[] pixels = new long[5000];
        for (int i = 0; i < pixels.length; i++) {
            // Clustered, so that many groups of four siblings are complete.
            pixels[i] = rnd.nextInt(3000) + (rnd.nextBoolean() ? 0 : 40_000);
        }
        Moc moc = Moc.ofPixels(8, pixels);
        assertArrayEquals(LongStream.of(pixels).sorted().distinct().toArray(), moc.pixels());
        assertTrue(moc.cells(7).length > 0, "complete sibling groups were merged");
    }

    @Test
    void fitsIsABinaryTableOfUniqThatStilReads() throws Exception {
        Moc moc = Moc.ofPixels(8, new long[] {0, 1, 2, 3, 100, 786_431});
        byte[] fits = moc.fits();
        assertEquals(0, fits.length % 2880);
        String headers = new String(fits, 0, 2 * 2880, StandardCharsets.US_ASCII);
        assertTrue(headers.contains("MOCVERS = '2.0     '") && headers.contains("MOCORD_S=                    8")
                && headers.contains("ORDERING= 'NUNIQ   '"), headers);
        StarTable t = new FitsTableBuilder().makeStarTable(new ByteArrayDataSource("moc.fits", fits), true,
                StoragePolicy.PREFER_MEMORY);
        assertEquals("UNIQ", t.getColumnInfo(0).getName());
        long[] read = new long[(int) t.getRowCount()];
        try (RowSequence rows = t.getRowSequence()) {
            for (int i = 0; rows.next(); i++) {
                read[i] = ((Number) rows.getCell(0)).longValue();
            }
        }
        assertArrayEquals(new long[] {4L << 14, (4L << 16) + 100, (4L << 16) + 786_431}, read,
                "pixels 0-3 of order 8 are one cell of order 7");
        assertArrayEquals(moc.uniq(), read);
    }

    @Test
    void rangesOfConsecutiveCellsAndAnEmptyMoc() {
        assertEquals("5/3 6/10-11 40", Moc.ofPixels(6, new long[] {10, 11, 12, 13, 14, 15, 40}).ascii());
        assertEquals("0/", Moc.ofPixels(0, new long[0]).ascii());
    }
}

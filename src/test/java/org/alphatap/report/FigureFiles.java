package org.alphatap.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import javax.xml.parsers.DocumentBuilderFactory;

/** What a figure file must be: a PNG by its signature, an SVG by parsing it. */
public final class FigureFiles {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private FigureFiles() {
    }

    public static void assertPng(byte[] file, String what) {
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(file, PNG_SIGNATURE.length), what + " is not a PNG");
    }

    /** Parses the SVG without fetching its DTD, as a browser does (the tests may run offline). */
    public static void assertSvg(byte[] file, String what) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        assertEquals("svg", f.newDocumentBuilder().parse(new ByteArrayInputStream(file)).getDocumentElement()
                .getLocalName(), what + " is not an SVG");
    }
}

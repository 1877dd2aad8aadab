package org.alphatap.writers;

/** Text from clients written into XML: UWS documents and the messages of error documents, which quote queries. */
public final class XmlText {
    private XmlText() {
    }

    /**
     * Text for element content and attribute values in double quotes; characters XML 1.0 cannot
     * carry at all become U+FFFD, and CR is a reference so that parsers do not turn it into LF.
     */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\r' -> b.append("&#13;");
                default -> b.appendCodePoint(c == '\t' || c == '\n' || (c >= 0x20 && c <= 0xD7FF)
                        || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000 ? c : 0xFFFD);
            }
        });
        return b.toString();
    }
}

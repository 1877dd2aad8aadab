package org.alphatap.web;

import static org.alphatap.web.MalformedRequests.pick;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded table bodies for the fuzz test, good and bad: CSV, JSON and VOTable stars for /predict,
 * VOTables for TAP_UPLOAD; cut short, misnamed, not numbers, empty, binary, too many rows or
 * bytes, declaring entities, not tables at all.
 */
final class Tables {
    private static final String VOTABLE = "<?xml version=\"1.0\"?>\n<VOTABLE version=\"1.4\""
            + " xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE><TABLE>%s<DATA><TABLEDATA>%s</TABLEDATA></DATA>"
            + "</TABLE></RESOURCE></VOTABLE>\n";
    private static final String STAR_FIELDS = "<FIELD name=\"teff\" datatype=\"float\"/><FIELD name=\"logg\""
            + " datatype=\"float\"/><FIELD name=\"feh\" datatype=\"double\"/>";
    private static final String STAR_ROW = "<TR><TD>5000</TD><TD>4.4</TD><TD>-0.2</TD></TR>";
    private static final String XXE = "<?xml version=\"1.0\"?>\n<!DOCTYPE VOTABLE [<!ENTITY x SYSTEM"
            + " \"file:///etc/passwd\">]>\n";
    private static final String LAUGHS = "<?xml version=\"1.0\"?>\n<!DOCTYPE VOTABLE [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
            + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>\n";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
        'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, (byte) 0xc4, (byte) 0x89};

    private Tables() {
    }

    /** A body for a POST to /predict, whatever its Content-Type says. */
    static byte[] body(Random rnd, int maxRows) {
        String stars = "teff,logg,feh\n" + "5000,4.4,-0.2\n".repeat(1 + rnd.nextInt(5));
        return switch (rnd.nextInt(16)) {
            case 0 -> bytes(stars);
            case 1 -> cut(bytes(stars), rnd);
            case 2 -> bytes(pick(new String[] {"t,l,f\n5000,4.4,0\n", "teff,logg\n5000,4.4\n", "teff,logg,feh\n",
                "TEFF,Teff,logg,feh\n1,2,3,4\n", ",,\n1,2,3\n", "\"teff\",\"logg\",\"feh\"\n1,2\n"}, rnd));
            case 3 -> bytes("teff,logg,feh\n" + pick(new String[] {"hot,4.4,0", "5000,4.4,1e999", "5000,NaN,0",
                "5000,4.4,0x10", "5000,4.4,-", "5000,4.4,\u221e", "5000,4.4,0,7"}, rnd) + "\n");
            case 4 -> bytes("teff,logg,feh\n\"5000,4.4,0\n");
            case 5 -> new byte[0];
            case 6 -> garbage(rnd);
            case 7 -> bytes("[{\"teff\": 5000, \"logg\": 4.4, \"feh\": -0.2}]");
            case 8 -> bytes(pick(new String[] {"[{\"teff\": 5000, \"logg\": 4.4, \"feh\":", "{", "[1, 2]", "null",
                "[{\"teff\":}]", "[" + "[".repeat(5000), "[{\"teff\": 1e99999999, \"logg\": 4, \"feh\": 0}]",
                "[{\"teff\": NaN, \"logg\": 4, \"feh\": 0}]", "[{\"teff\": \"5000\", \"teff\": 1, \"logg\": 4, \"feh\": 0}]",
                "\ufeff[]", "[{\"teff\": 5000, \"logg\": 4.4, \"feh\": 0}] trailing"}, rnd));
            case 9 -> bytes(String.format(VOTABLE, STAR_FIELDS, STAR_ROW));
            case 10 -> bytes((rnd.nextBoolean() ? XXE : LAUGHS) + String.format(VOTABLE, STAR_FIELDS,
                    STAR_ROW.replace("5000", "&" + (rnd.nextBoolean() ? "x" : "e") + ";")).substring(22));
            case 11 -> cut(bytes(String.format(VOTABLE, STAR_FIELDS, STAR_ROW.repeat(20))), rnd);
            case 12 -> bytes("teff,logg,feh\n" + "5000,4.4,0\n".repeat(maxRows + 1 + rnd.nextInt(50)));
            case 13 -> rnd.nextInt(8) == 0 ? bytes("teff,logg,feh\n" + "5000,4.4,0\n".repeat(100_000)) : garbage(rnd);
            case 14 -> bytes("teff,logg,feh" + ",c".repeat(2000) + "\n" + "x".repeat(100_000) + "\n");
            default -> rnd.nextBoolean() ? bytes("\ufeff" + stars) : stars.getBytes(StandardCharsets.UTF_16);
        };
    }

    /** The file part of an upload, whose table is called t: a VOTable, good or not, or something else. */
    static byte[] upload(Random rnd, long limit) {
        String good = String.format(VOTABLE, "<FIELD name=\"id\" datatype=\"char\" arraysize=\"*\"/>"
                + "<FIELD name=\"obsid\" datatype=\"long\"/>", "<TR><TD>a</TD><TD>1</TD></TR>");
        return switch (rnd.nextInt(14)) {
            case 0 -> bytes(good);
            case 1 -> cut(bytes(good), rnd);
            case 2 -> rnd.nextBoolean() ? PNG.clone() : garbage(rnd);
            case 3 -> bytes("id,obsid\na,1\n");
            case 4 -> new byte[0];
            case 5 -> bytes((rnd.nextBoolean() ? XXE : LAUGHS) + good.substring(22).replace(">a<", ">&x;<"));
            case 6 -> bytes(good.replace("<TR>", "<TR><TD>" + "x".repeat((int) limit + rnd.nextInt((int) limit * 5))
                    + "</TD></TR><TR>"));
            case 7 -> bytes(String.format(VOTABLE, "<FIELD name=\"v\" datatype=\"float\" arraysize=\"3\"/>",
                    "<TR><TD>1 2 3</TD></TR>"));
            case 8 -> bytes(String.format(VOTABLE, "<FIELD name=\"" + pick(new String[] {"select", "1x", "a b", "",
                "\u00e9", "x\"y"}, rnd) + "\" datatype=\"int\"/><FIELD name=\"x\" datatype=\"int\"/>",
                    "<TR><TD>1</TD><TD>2</TD></TR>"));
            case 9 -> bytes(good.replace("<DATA><TABLEDATA><TR><TD>a</TD><TD>1</TD></TR></TABLEDATA></DATA>",
                    "<DATA><BINARY><STREAM encoding=\"base64\">@@not base64@@</STREAM></BINARY></DATA>"));
            case 10 -> bytes(good.replace("<TD>1</TD>", "<TD>" + pick(new String[] {"abc", "1e999", "", "99999999999"
                + "999999999999"}, rnd) + "</TD>"));
            case 11 -> bytes(pick(new String[] {"<foo/>", "<VOTABLE/>", "<VOTABLE><RESOURCE/></VOTABLE>", "{\"a\": 1}",
                "<?xml version=\"1.0\" encoding=\"UTF-16\"?><VOTABLE/>", "<VOTABLE>", "<<<"}, rnd));
            case 12 -> bytes(String.format(VOTABLE, "<FIELD name=\"c\" datatype=\"int\"/>".repeat(300),
                    "<TR>" + "<TD>1</TD>".repeat(300) + "</TR>"));
            default -> bytes(good.replace("<RESOURCE>", "<RESOURCE>" + "<RESOURCE>".repeat(rnd.nextInt(2000))));
        };
    }

    private static byte[] cut(byte[] b, Random rnd) {
        return Arrays.copyOf(b, rnd.nextInt(b.length));
    }

    private static byte[] garbage(Random rnd) {
        byte[] b = new byte[1 + rnd.nextInt(4096)];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package org.alphatap.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Broken and odd ADQL made from good and known-bad queries: tokens deleted, doubled, swapped and
 * inserted, random characters, cuts, unbalanced quotes and parentheses, huge literals, deep
 * nesting, unicode. The same seed gives the same query.
 */
final class AdqlMutator {
    /** Quoted strings and names (perhaps unclosed), comments, numbers, words, blanks, any other character. */
    private static final Pattern TOKEN = Pattern.compile("'(?:[^']|'')*'?|\"(?:[^\"]|\"\")*\"?|--[^\\n]*"
            + "|/\\*.*?(?:\\*/|$)|0[xX][0-9a-fA-F]+|\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+|\\w+|\\s+|.", Pattern.DOTALL);
    private static final String[] KEYWORDS = {"SELECT", "FROM", "WHERE", "JOIN", "ON", "USING", "NATURAL", "UNION",
        "INTERSECT", "EXCEPT", "ORDER BY", "GROUP BY", "HAVING", "TOP", "DISTINCT", "OFFSET", "AND", "OR", "NOT",
        "NULL", "IS", "IN", "EXISTS", "BETWEEN", "LIKE", "ILIKE", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST",
        "AS", "WITH", "COUNT(*)", "CONTAINS", "POINT", "CIRCLE", "BOX", "POLYGON", "DISTANCE", "REGION", "AREA",
        "alpha.stars", "TAP_UPLOAD.t", "tap_schema.columns", "*", ",", ";", "||", "=", "<>", "?", ":x", "$1",
        "--", "/*", "*/", "'", "\"", "(", ")", ".", "1e308", "-0", "0x", "SELECT 1;", "DROP TABLE alpha.stars",
        "CALL", "FILE_READ('/etc/passwd')"};
    /** Characters that break lexers: controls, a BOM, an RTL override, look-alikes, combining marks, emoji, CJK. */
    private static final String[] ODD = {"\u0000", "\t", "\r", "\n", "\u000b", "\u001b", "\u007f", "\u00a0",
        "\ufeff", "\u202e", "\u200b", "\u0405", "\u0301", "\u00e9", "\u2028", "\ud83d\ude00", "\u4e2d\u6587",
        "\uffff", "\\", "`", "%", "&", "#", "@", "!", "~", "^", "[", "]", "{", "}"};

    private final List<String> seeds;

    AdqlMutator(List<String> seeds) {
        this.seeds = seeds;
    }

    /** A seed query with one to four mutations. */
    String next(Random rnd) {
        List<String> tokens = tokens(seeds.get(rnd.nextInt(seeds.size())));
        for (int n = 1 + rnd.nextInt(4); n > 0 && !tokens.isEmpty(); n--) {
            mutate(tokens, rnd);
        }
        return String.join("", tokens);
    }

    private static List<String> tokens(String query) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(query);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static void mutate(List<String> t, Random rnd) {
        int i = rnd.nextInt(t.size());
        switch (rnd.nextInt(11)) {
            case 0 -> t.remove(i);
            case 1 -> t.add(i, t.get(i));
            case 2 -> {
                int j = rnd.nextInt(t.size());
                String a = t.get(i);
                t.set(i, t.get(j));
                t.set(j, a);
            }
            case 3 -> t.add(i, " " + pick(KEYWORDS, rnd) + " ");
            case 4 -> t.add(i, pick(ODD, rnd).repeat(1 + rnd.nextInt(3)));
            case 5 -> t.subList(i, t.size()).clear();
            case 6 -> t.add(i, rnd.nextBoolean() ? "'" : "\"");
            case 7 -> t.add(i, (rnd.nextBoolean() ? "(" : ")").repeat(1 + rnd.nextInt(3)));
            case 8 -> t.set(i, huge(rnd));
            case 9 -> {
                int depth = 1 + rnd.nextInt(300);
                t.set(i, "(".repeat(depth) + t.get(i) + ")".repeat(depth));
            }
            default -> t.set(i, unicode(t.get(i), rnd));
        }
    }

    /** A literal or name far past what the service takes, in a size that sometimes passes a URL's limit. */
    private static String huge(Random rnd) {
        int n = 50 + rnd.nextInt(rnd.nextBoolean() ? 500 : 20_000);
        return switch (rnd.nextInt(5)) {
            case 0 -> "9".repeat(n);
            case 1 -> "1" + "0".repeat(n % 400) + "e" + "9".repeat(1 + n % 12);
            case 2 -> "'" + "x".repeat(n) + "'";
            case 3 -> "\"" + "c".repeat(n) + "\"";
            default -> "0x" + "F".repeat(n);
        };
    }

    /** The token with one character replaced by an odd one. */
    private static String unicode(String token, Random rnd) {
        int at = rnd.nextInt(token.length());
        return token.substring(0, at) + pick(ODD, rnd) + token.substring(at + 1);
    }

    private static String pick(String[] from, Random rnd) {
        return from[rnd.nextInt(from.length)];
    }
}

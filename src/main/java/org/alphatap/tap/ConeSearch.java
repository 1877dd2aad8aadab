package org.alphatap.tap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.alphatap.adql.sql.Dialect;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.catalogue.Column;
import org.alphatap.catalogue.Field;
import org.alphatap.catalogue.SkyIndex;
import org.alphatap.catalogue.Table;

/**
 * Simple Cone Search 1.03 on every published table whose metadata gives a main id and a main
 * position (UCDs meta.id;meta.main, pos.eq.ra;meta.main, pos.eq.dec;meta.main): the parameters
 * checked, then the cone written as an ADQL query (so that it takes the TAP path, sky index
 * included), its rows sorted by distance with the distance as the last column, and the first
 * three columns carrying the UCDs SCS asks for.
 */
public final class ConeSearch {
    /** A searchable table: its name, its id column and its position columns. */
    public record Searchable(String name, String id, String ra, String dec) {
    }

    private static final List<String> SCS_UCDS = List.of("ID_MAIN", "POS_EQ_RA_MAIN", "POS_EQ_DEC_MAIN");

    private ConeSearch() {
    }

    /** The searchable tables by their name without the schema (the path /scs/NAME). */
    public static Map<String, Searchable> tables(Catalogue catalogue) {
        Map<String, Searchable> out = new TreeMap<>();
        for (Table t : catalogue.tables()) {
            SkyIndex sky = t.sky(0);
            if (t.mainId() != null && sky != null) {
                out.put(t.shortName(), new Searchable(t.name(), t.mainId().name(), sky.ra(), sky.dec()));
            }
        }
        return out;
    }

    /**
     * The query for RA, DEC, SR (degrees), VERB (1: id and position, 2: the principal columns, 3:
     * all), MAXREC and RESPONSEFORMAT (as for TAP); a parameter that is missing, not a number or
     * out of range is a {@link TapException} whose message the caller returns as the SCS error.
     */
    public static SyncQuery.Prepared prepare(Searchable table, Map<String, String> params, Catalogue catalogue,
            Dialect dialect, SyncQuery.Limits limits) throws TapException {
        double ra = number(params, "RA", 0, 360);
        double dec = number(params, "DEC", -90, 90);
        double sr = number(params, "SR", 0, limits.maxConeRadius());
        double verb = params.get("VERB") == null ? 2 : number(params, "VERB", 1, 3);
        if (verb != Math.rint(verb)) {
            throw new TapException(400, "VERB must be 1, 2 or 3, not " + params.get("VERB"));
        }
        List<String> columns = new ArrayList<>(List.of(table.id(), table.ra(), table.dec()));
        Table t = catalogue.table(table.name());
        List<String> more = verb == 1 ? List.of() : verb == 2 ? t.principal().stream().map(Column::name).toList()
                : t.columnNames();
        for (String c : more) {
            if (!columns.contains(c)) {
                columns.add(c);
            }
        }
        String centre = String.format(Locale.ROOT, "%.12g, %.12g", ra, dec);
        String position = "POINT('ICRS', " + table.ra() + ", " + table.dec() + ")";
        String adql = "SELECT " + String.join(", ", columns) + ", DISTANCE(" + position + ", POINT('ICRS', " + centre
                + ")) AS \"distance\" FROM " + table.name() + " WHERE 1 = CONTAINS(" + position + ", CIRCLE('ICRS', "
                + centre + String.format(Locale.ROOT, ", %.12g)) ORDER BY \"distance\"", sr);
        Map<String, String> tap = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        tap.put("LANG", "ADQL");
        tap.put("QUERY", adql);
        if (params.get("MAXREC") != null) {
            tap.put("MAXREC", Long.toString((long) number(params, "MAXREC", 0, Long.MAX_VALUE)));
        }
        // Not SCS 1.03, which knows VOTable only: a browser page reads TABLEDATA more easily than BINARY2.
        if (params.get("RESPONSEFORMAT") != null) {
            tap.put("RESPONSEFORMAT", params.get("RESPONSEFORMAT"));
        }
        SyncQuery.Prepared p = SyncQuery.prepare(tap, catalogue, dialect, limits);
        List<Field> fields = new ArrayList<>(p.fields());
        for (int i = 0; i < SCS_UCDS.size(); i++) {
            Field f = fields.get(i);
            fields.set(i, new Field(f.name(), f.unit(), SCS_UCDS.get(i), f.description(), f.xtype()));
        }
        fields.set(fields.size() - 1, new Field("distance", "deg", "pos.angDistance",
                "Angular distance from the search position", null));
        return p.withFields(fields);
    }

    private static double number(Map<String, String> params, String name, double min, double max)
            throws TapException {
        String text = params.get(name);
        if (text == null || text.isBlank()) {
            throw new TapException(400, "missing parameter " + name + "; a cone search needs RA, DEC and SR in degrees");
        }
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new TapException(400, name + "=" + text + " is not a number");
        }
        if (!(v >= min && v <= max) || (name.equals("SR") && v == 0)) {
            throw new TapException(400, name + "=" + text + " is out of range: it must be " + (name.equals("SR")
                    ? "more than 0 and at most " + max + " degrees (the service's limit)"
                    : "from " + (long) min + " to " + (max > 1e18 ? "any size" : (long) max)));
        }
        return v;
    }
}

package org.alphatap.tap;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alphatap.adql.parse.AdqlException;
import org.alphatap.adql.parse.Parser;
import org.alphatap.adql.sql.Dialect;
import org.alphatap.adql.sql.SqlWriter;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.catalogue.SkyIndex;
import org.alphatap.report.SkyMap;

/**
 * The numbers behind the served sky maps: one ADQL query, of the kind a user sends, that counts
 * a sky table's rows and averages some of its columns per HEALPix pixel with
 * {@code ivo_healpix_index}. It goes through the same translator as every TAP query, so a map
 * shows exactly what that query returns (it is printed with the maps).
 */
public final class SkyMapQuery {
    private SkyMapQuery() {
    }

    /** The ADQL of the map of {@code table} at {@code order}, averaging {@code columns}. */
    public static String adql(Catalogue catalogue, String table, int order, List<String> columns) {
        SkyIndex sky = catalogue.sky(table);
        if (sky == null) {
            throw new IllegalArgumentException(table + " has no sky position");
        }
        StringBuilder q = new StringBuilder("SELECT ivo_healpix_index(" + order + ", " + sky.ra() + ", " + sky.dec()
                + ") AS pixel, COUNT(*) AS n");
        for (String c : columns) {
            q.append(", AVG(").append(c).append(") AS ").append(c);
        }
        return q.append(" FROM ").append(table).append(" GROUP BY pixel").toString();
    }

    /** Runs the map's query: one full scan, however many columns are averaged. */
    public static SkyMap.Pixels read(Connection db, Catalogue catalogue, Dialect dialect, String table, int order,
            List<String> columns) throws SQLException {
        String sql;
        try {
            sql = SqlWriter.toSql(Parser.parse(adql(catalogue, table, order, columns)), catalogue, dialect);
        } catch (AdqlException e) {
            throw new IllegalStateException("the sky-map query does not translate: " + e.getMessage(), e);
        }
        List<long[]> counts = new ArrayList<>();
        List<double[]> means = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                long pixel = rs.getLong(1);
                if (rs.wasNull()) {
                    continue; // rows without a position
                }
                counts.add(new long[] {pixel, rs.getLong(2)});
                double[] m = new double[columns.size()];
                for (int k = 0; k < m.length; k++) {
                    double v = rs.getDouble(3 + k);
                    m[k] = rs.wasNull() ? Double.NaN : v;
                }
                means.add(m);
            }
        }
        long[] pixel = counts.stream().mapToLong(c -> c[0]).toArray();
        long[] count = counts.stream().mapToLong(c -> c[1]).toArray();
        Map<String, double[]> byColumn = new LinkedHashMap<>();
        for (int k = 0; k < columns.size(); k++) {
            int column = k;
            byColumn.put(columns.get(k), means.stream().mapToDouble(m -> m[column]).toArray());
        }
        return new SkyMap.Pixels(order, pixel, count, byColumn);
    }
}

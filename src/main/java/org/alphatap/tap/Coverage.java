package org.alphatap.tap;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.alphatap.adql.sql.Dialect;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.catalogue.SkyIndex;
import org.alphatap.catalogue.Table;
import org.alphatap.sky.Moc;

/**
 * The sky coverage of every table that has a HEALPix sky index, as a MOC at that index's order:
 * the distinct values of the index column, read once (an index-only scan). Which tables and
 * columns come from the catalogue's metadata.
 */
public final class Coverage {
    /** The order of the coverage in the registry record: VODataService asks for at least 6. */
    public static final int REGISTRY_ORDER = 6;

    private final Map<String, Moc> byTable;

    private Coverage(Map<String, Moc> byTable) {
        this.byTable = byTable;
    }

    public static Coverage read(Connection db, Catalogue catalogue, Dialect dialect) throws SQLException {
        Map<String, Moc> byTable = new LinkedHashMap<>();
        for (Table t : catalogue.tables()) {
            SkyIndex sky = catalogue.sky(t.name());
            if (sky == null || !sky.hasHealpix()) {
                continue;
            }
            String table = Stream.of(t.name().split("\\.")).map(dialect::name).collect(Collectors.joining("."));
            List<Long> pixels = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT "
                    + dialect.name(sky.healpix()) + " FROM " + table + " WHERE " + dialect.name(sky.healpix())
                    + " IS NOT NULL")) {
                while (rs.next()) {
                    pixels.add(rs.getLong(1));
                }
            }
            byTable.put(t.name(), Moc.ofPixels(sky.order(), pixels.stream().mapToLong(Long::longValue).toArray()));
        }
        return new Coverage(byTable);
    }

    /** The tables that have a coverage, in publication order. */
    public List<String> tables() {
        return List.copyOf(byTable.keySet());
    }

    public Optional<Moc> of(String table) {
        return Optional.ofNullable(byTable.get(table));
    }

    /** All the tables together at {@code order}: the service's coverage. */
    public Moc all(int order) {
        LongStream pixels = byTable.values().stream().flatMapToLong(m -> LongStream.of(m.atOrder(order).pixels()));
        return Moc.ofPixels(order, pixels.toArray());
    }
}

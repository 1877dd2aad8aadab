package org.alphatap.tap;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.alphatap.adql.sql.Dialect;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.catalogue.Column;
import org.alphatap.catalogue.PublisherDid;
import org.alphatap.catalogue.Table;
import org.alphatap.writers.LinksDocument;
import org.alphatap.writers.LinksDocument.Link;
import org.alphatap.writers.ServiceDescriptor;

/**
 * DataLink 1.1 for the tables listed in {@code vo-resources/datalink.tsv}: the links of the rows
 * that a request's IDs name, and the descriptor that TAP and cone-search results of those tables
 * carry, pointing clients at {@code /datalink/TABLE} with the row's ID column. What a link is
 * (its semantics, URL template and service inputs) is data; this class fills it in from the row.
 */
public final class DataLinks {
    /** The most IDs one request is answered for; past it, QUERY_STATUS OVERFLOW (clients send the rest again). */
    public static final int MAX_IDS = 1000;
    /** The FIELD ID that a result's DataLink ID column gets, for the descriptor's ref. */
    public static final String ID_FIELD = "datalink_id";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{('?)([a-z_]+)\\1}");

    private record Template(String semantics, String contentType, String url, Map<String, String> inputs,
            String description) {
    }

    /** The links of one table, with the column its IDs are values of. */
    private record Links(String idColumn, List<Template> templates) {
    }

    /** A request's answer: the rows, the descriptors they refer to, and whether IDs were left out. */
    public record Answer(List<Link> links, List<ServiceDescriptor> descriptors, boolean overflow) {
    }

    private static final DataLinks SERVED = parse(VoResources.text("datalink.tsv"));

    private final Map<String, Links> byTable;

    private DataLinks(Map<String, Links> byTable) {
        this.byTable = byTable;
    }

    public static DataLinks served() {
        return SERVED;
    }

    static DataLinks parse(String tsv) {
        Map<String, Links> byTable = new LinkedHashMap<>();
        List<String> lines = tsv.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).skip(1).toList();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            Map<String, String> inputs = new LinkedHashMap<>();
            for (String pair : f[5].split(" ")) {
                if (!pair.isEmpty()) {
                    inputs.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            byTable.computeIfAbsent(f[0], t -> new Links(f[1], new ArrayList<>()))
                    .templates().add(new Template(f[2], f[3], f[4], inputs, f[6]));
        }
        return new DataLinks(byTable);
    }

    /** The tables with links, in the order they are listed. */
    public List<String> tables() {
        return List.copyOf(byTable.keySet());
    }

    /** The column of {@code table} whose values are its DataLink IDs, or null if it has no links. */
    public String idColumn(String table) {
        Links l = byTable.get(table);
        return l == null ? null : l.idColumn();
    }

    /** The descriptor a result with {@code table}'s ID column carries, served from {@code service}. */
    public ServiceDescriptor resultDescriptor(String table, String service) {
        return new ServiceDescriptor(null, "links", "Links of each row of " + table + " (its " + idColumn(table)
                + "): the LAMOST spectrum, related rows of this service and services to call with it",
                LinksDocument.STANDARD_ID, service + "/datalink/" + table, LinksDocument.CONTENT_TYPE,
                List.of(new ServiceDescriptor.Input("ID", "char", null, "", ID_FIELD)));
    }

    /** The links of the rows of {@code table} that {@code ids} name, in the order of the IDs. */
    public Answer links(Connection db, Catalogue catalogue, Dialect dialect, String table, List<String> ids,
            String service) throws SQLException {
        Links def = byTable.get(table);
        Table t = catalogue.table(table);
        Column main = t.mainId();
        Set<String> columns = new LinkedHashSet<>(List.of(main.name()));
        for (Template tp : def.templates()) {
            columns.addAll(placeholders(tp.url()));
            tp.inputs().values().stream().filter(v -> !v.startsWith("'")).forEach(columns::add);
        }
        String sql = "SELECT " + columns.stream().map(dialect::name).collect(Collectors.joining(", ")) + " FROM "
                + Stream.of(table.split("\\.")).map(dialect::name).collect(Collectors.joining(".")) + " WHERE "
                + dialect.name(main.name()) + " = ?";
        List<Link> links = new ArrayList<>();
        List<ServiceDescriptor> descriptors = new ArrayList<>();
        List<String> answered = ids.size() > MAX_IDS ? ids.subList(0, MAX_IDS) : ids;
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (String id : answered) {
                Map<String, String> row = row(st, main, def.idColumn().equals(main.name()) ? id
                        : PublisherDid.localId(table, id), columns);
                if (row == null) {
                    links.add(Link.error(id, "NotFoundFault: " + table + " has no row with ID " + id));
                    continue;
                }
                for (Template tp : def.templates()) {
                    String url = fill(tp.url(), row, service);
                    if (url == null) {
                        continue;
                    }
                    if (tp.inputs().isEmpty()) {
                        links.add(new Link(id, url, null, null, tp.semantics(), tp.description(), tp.contentType()));
                    } else {
                        String ref = "proc-" + (descriptors.size() + 1);
                        descriptors.add(descriptor(ref, tp, url, row, t));
                        links.add(new Link(id, null, ref, null, tp.semantics(), tp.description(), tp.contentType()));
                    }
                }
            }
        }
        return new Answer(links, descriptors, answered.size() < ids.size());
    }

    /** The row's values as text, or null when there is no such row (or the ID cannot be one). */
    private static Map<String, String> row(PreparedStatement st, Column main, String id, Set<String> columns)
            throws SQLException {
        if (id == null) {
            return null;
        }
        Object key = id;
        if (!main.datatype().equals("char") && !main.datatype().equals("unicodeChar")) {
            try {
                key = Long.parseLong(id.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        st.setObject(1, key);
        try (ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            Map<String, String> row = new LinkedHashMap<>();
            int i = 1;
            for (String c : columns) {
                row.put(c, rs.getString(i++));
            }
            return row;
        }
    }

    private static ServiceDescriptor descriptor(String ref, Template tp, String url, Map<String, String> row, Table t) {
        List<ServiceDescriptor.Input> inputs = new ArrayList<>();
        tp.inputs().forEach((name, source) -> {
            boolean literal = source.startsWith("'");
            if (!literal && row.get(source) == null) {
                return; // an optional input this row has no value for (alpha_m): the service goes without
            }
            Column c = literal ? null : t.column(source);
            inputs.add(new ServiceDescriptor.Input(name, literal ? "char" : c.datatype(), literal ? null : c.unit(),
                    literal ? source.substring(1, source.length() - 1) : row.get(source), null));
        });
        return new ServiceDescriptor(ref, ref, tp.description(), null, url, tp.contentType(), inputs);
    }

    private static List<String> placeholders(String template) {
        List<String> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!m.group(2).equals("service")) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    /** The template with the row's values in, each query-string value URL-encoded; null if a value is NULL. */
    static String fill(String template, Map<String, String> row, String service) {
        int q = template.indexOf('?');
        String path = substitute(q < 0 ? template : template.substring(0, q), row, service, false);
        if (path == null || q < 0) {
            return path;
        }
        List<String> params = new ArrayList<>();
        for (String pair : template.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String value = substitute(pair.substring(eq + 1), row, service, true);
            if (value == null) {
                return null;
            }
            params.add(pair.substring(0, eq) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return path + "?" + String.join("&", params);
    }

    private static String substitute(String text, Map<String, String> row, String service, boolean inQuery) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(2).equals("service") ? service : row.get(m.group(2));
            if (value == null) {
                return null;
            }
            if (!m.group(1).isEmpty()) {
                value = "'" + value.replace("'", "''") + "'";
            } else if (!inQuery && !m.group(2).equals("service")) {
                value = URLEncoder.encode(value, StandardCharsets.UTF_8);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }
}

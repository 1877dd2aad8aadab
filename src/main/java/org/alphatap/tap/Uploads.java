package org.alphatap.tap;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.alphatap.catalogue.Names;
import org.alphatap.adql.sql.UploadedTable;
import org.alphatap.writers.XmlGuard;
import org.alphatap.catalogue.Field;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.util.ByteArrayDataSource;
import uk.ac.starlink.util.DataSource;
import uk.ac.starlink.util.FileDataSource;
import uk.ac.starlink.votable.VOTableBuilder;

/**
 * TAP_UPLOAD: the UPLOAD parameter ({@code name,param:part} for a part of a multipart request,
 * {@code name,http(s)://...} for a URL; several separated by ';'), each table read as a VOTable
 * with STIL, within the size limit, into columns that the translator binds as parameters.
 */
public final class Uploads {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private Uploads() {
    }

    /**
     * The tables of an UPLOAD parameter, by lower-case name; {@code parts} are the files of the
     * multipart request by part name; {@code maxBytes} limits each table.
     */
    public static Map<String, UploadedTable> read(String upload, Map<String, Path> parts, long maxBytes)
            throws TapException {
        Map<String, UploadedTable> out = new LinkedHashMap<>();
        if (upload == null || upload.isBlank()) {
            return out;
        }
        for (String item : upload.split(";")) {
            int comma = item.indexOf(',');
            if (comma < 0) {
                throw new TapException(400, "UPLOAD item '" + item + "' must be name,uri (for example"
                        + " mine,param:mine with a multipart part called mine)");
            }
            String name = item.substring(0, comma).trim();
            String uri = item.substring(comma + 1).trim();
            checkName(name, "table name");
            if (out.containsKey(name.toLowerCase(Locale.ROOT))) {
                throw new TapException(400, "UPLOAD names the table '" + name + "' twice");
            }
            out.put(name.toLowerCase(Locale.ROOT), table(name, source(name, uri, parts, maxBytes)));
        }
        return out;
    }

    private static DataSource source(String name, String uri, Map<String, Path> parts, long maxBytes)
            throws TapException {
        if (uri.startsWith("param:")) {
            Path file = parts.get(uri.substring("param:".length()));
            if (file == null) {
                throw new TapException(400, "UPLOAD " + name + " refers to " + uri + ", but the request has no part"
                        + " called '" + uri.substring(6) + "'; send the table as a multipart/form-data part of that name");
            }
            if (file.toFile().length() > maxBytes) {
                throw new TapException(413, "the upload " + name + " is larger than the limit of " + maxBytes + " bytes");
            }
            try {
                return new FileDataSource(file.toFile());
            } catch (IOException e) {
                throw new TapException(400, "the upload " + name + " cannot be read: " + e.getMessage());
            }
        }
        String lower = uri.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new TapException(400, "UPLOAD " + name + ": '" + uri + "' is neither param:part nor an http(s) URL");
        }
        try {
            HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(uri))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw new TapException(400, "UPLOAD " + name + ": " + uri + " answered HTTP " + r.statusCode());
                }
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw new TapException(413, "the upload " + name + " at " + uri + " is larger than the limit of "
                            + maxBytes + " bytes");
                }
                return new ByteArrayDataSource(name, bytes);
            }
        } catch (IllegalArgumentException | IOException e) {
            throw new TapException(400, "UPLOAD " + name + ": cannot read " + uri + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TapException(500, "interrupted while reading the upload " + name);
        }
    }

    private static UploadedTable table(String name, DataSource source) throws TapException {
        StarTable t;
        try (InputStream prolog = source.getInputStream()) {
            XmlGuard.refuseDoctype(prolog);
        } catch (IOException e) {
            throw new TapException(400, "the upload " + name + " is refused: " + e.getMessage());
        }
        try {
            t = new VOTableBuilder().makeStarTable(source, false, StoragePolicy.PREFER_DISK);
        } catch (IOException | RuntimeException e) {
            throw new TapException(400, "the upload " + name + " is not a readable VOTable: " + e.getMessage());
        }
        if (t == null) {
            throw new TapException(400, "the upload " + name + " is not a VOTable (no TABLE element found)");
        }
        int n = t.getColumnCount();
        String[] types = new String[n];
        List<List<Object>> values = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ColumnInfo c = t.getColumnInfo(i);
            checkName(c.getName(), "column name in upload " + name);
            if (seen.contains(c.getName().toLowerCase(Locale.ROOT))) {
                throw new TapException(400, "the upload " + name + " has two columns called '" + c.getName() + "'");
            }
            seen.add(c.getName().toLowerCase(Locale.ROOT));
            types[i] = sqlType(c, name);
            values.add(new ArrayList<>());
        }
        try (RowSequence rows = t.getRowSequence()) {
            while (rows.next()) {
                for (int i = 0; i < n; i++) {
                    Object v = rows.getCell(i);
                    values.get(i).add(v instanceof Character c ? c.toString() : v);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new TapException(400, "the upload " + name + " could not be read to the end: " + e.getMessage());
        }
        List<UploadedTable.Column> columns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ColumnInfo c = t.getColumnInfo(i);
            columns.add(new UploadedTable.Column(c.getName(), types[i], values.get(i).toArray(),
                    new Field(c.getName(), c.getUnitString(), c.getUCD(), c.getDescription(), c.getXtype())));
        }
        return new UploadedTable(name, columns);
    }

    private static String sqlType(ColumnInfo c, String table) throws TapException {
        Class<?> k = c.getContentClass();
        if (k == Boolean.class) {
            return "BOOLEAN";
        } else if (k == Byte.class || k == Short.class) {
            return "SMALLINT";
        } else if (k == Integer.class) {
            return "INTEGER";
        } else if (k == Long.class) {
            return "BIGINT";
        } else if (k == Float.class) {
            return "REAL";
        } else if (k == Double.class) {
            return "DOUBLE PRECISION";
        } else if (k == String.class || k == Character.class) {
            return "VARCHAR";
        }
        throw new TapException(400, "column '" + c.getName() + "' of upload " + table + " holds "
                + k.getSimpleName() + " values; uploads may have scalar numbers, booleans and strings");
    }

    private static void checkName(String name, String what) throws TapException {
        if (!NAME.matcher(name).matches() || Names.isReserved(name)) {
            throw new TapException(400, "'" + name + "' cannot be a " + what + ": use letters, digits and _"
                    + " (starting with a letter), not an ADQL reserved word");
        }
    }
}

package org.alphatap.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schemas a build publishes and the names they are written under: their own, or, while a
 * PostgreSQL build loads beside the served one, staging names that are renamed to the published
 * ones when the build is complete.
 */
public final class Schemas {
    /** Every schema a build writes, by its published name. */
    public static final List<String> PUBLISHED = List.of("alpha", "tap_schema");
    /** The published names as the written ones. */
    public static final Schemas AS_PUBLISHED = new Schemas("");

    /** A published schema's name where it is qualified ({@code alpha.stars}) or created. */
    private static final Pattern SCHEMA_NAME = Pattern.compile("\\b(alpha|tap_schema)\\b(?=\\.|\\s*$)");

    private final Map<String, String> written = new LinkedHashMap<>();

    private Schemas(String suffix) {
        for (String schema : PUBLISHED) {
            written.put(schema, schema + suffix);
        }
    }

    /** The published schemas written as {@code name + suffix}. */
    static Schemas withSuffix(String suffix) {
        return new Schemas(suffix);
    }

    /** The name a published schema is written under. */
    public String written(String published) {
        String name = written.get(published);
        if (name == null) {
            throw new IllegalArgumentException("no published schema " + published);
        }
        return name;
    }

    /** The published name of a written schema (any case), or null. */
    public String published(String writtenName) {
        for (Map.Entry<String, String> e : written.entrySet()) {
            if (e.getValue().equalsIgnoreCase(writtenName)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** A table as written: {@code alpha.stars} becomes {@code alpha_staging.stars} while staging. */
    public String table(String qualified) {
        int dot = qualified.indexOf('.');
        return written(qualified.substring(0, dot)) + qualified.substring(dot);
    }

    /** A DDL statement with every published schema's name replaced by the written one. */
    public String ddl(String statement) {
        Matcher m = SCHEMA_NAME.matcher(statement);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(written(m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    public List<String> writtenNames() {
        return List.copyOf(written.values());
    }
}

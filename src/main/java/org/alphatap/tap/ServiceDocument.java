package org.alphatap.tap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alphatap.adql.sql.SqlWriter;

/**
 * A document that describes the service, kept in {@code vo-resources/} as a template: the VOSI
 * capabilities and the registry record. Each is filled in with the base URL the client used, the
 * service's settings, the output formats it can write and the geometry functions the translator
 * supports, so that what is declared is what runs.
 */
public final class ServiceDocument {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
    /** A fragment shared by documents, spliced in before anything is filled. */
    private static final Pattern INCLUDE = Pattern.compile("\\$\\{include:([\\w.-]+)}");
    /** The templates' comments, written for whoever edits them: clients get the document without. */
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->\\s*");
    private final String name;
    private final String template;
    /** What does not change while the service runs: the writers and the geometry functions. */
    private final Map<String, Object> fixed = Map.of("outputFormats", outputFormats(),
            "geometry", features(SqlWriter.GEOMETRY));

    private ServiceDocument(String name, String template) {
        this.name = name;
        this.template = template;
    }

    /** The template {@code vo-resources/NAME}, its fragments spliced in. */
    public static ServiceDocument load(String name) {
        Matcher m = INCLUDE.matcher(VoResources.text(name));
        StringBuilder template = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(template, Matcher.quoteReplacement(VoResources.text(m.group(1)).stripTrailing()));
        }
        m.appendTail(template);
        return new ServiceDocument(name, COMMENT.matcher(template).replaceAll(""));
    }

    /**
     * The document for a client that reached the service at {@code base} (scheme://host:port);
     * {@code settings} may hold more than this document uses, never less.
     */
    public String render(String base, Map<String, Object> settings) {
        Map<String, Object> values = new HashMap<>(settings);
        values.put("base", xml(base));
        values.putAll(fixed);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException(name + " uses ${" + m.group(1) + "}, which nothing fills in");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String outputFormats() {
        StringBuilder b = new StringBuilder();
        for (OutputFormat f : OutputFormat.values()) {
            b.append("    <outputFormat").append(f.ivoId() == null ? "" : " ivo-id=\"" + f.ivoId() + "\"").append(">\n")
                    .append("      <mime>").append(xml(f.mimeType())).append("</mime>\n")
                    .append("      <alias>").append(f.alias()).append("</alias>\n")
                    .append("    </outputFormat>\n");
        }
        return b.toString().stripTrailing();
    }

    private static String features(List<String> forms) {
        StringBuilder b = new StringBuilder();
        for (String form : forms) {
            b.append("        <feature><form>").append(form).append("</form></feature>\n");
        }
        return b.toString().stripTrailing();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package org.alphatap.tap;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alphatap.adql.sql.H2Translator;

/**
 * The VOSI capabilities document: {@code vo-resources/capabilities.xml} with the base URL the
 * client used, the service's limits, the output formats it can write and the geometry functions
 * the translator supports filled in, so that what is declared is what runs.
 */
public final class Capabilities {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
    private final String template;
    /** What does not change while the service runs: the writers and the geometry functions. */
    private final Map<String, Object> fixed = Map.of("outputFormats", outputFormats(),
            "geometry", features(H2Translator.GEOMETRY));

    private Capabilities(String template) {
        this.template = template;
    }

    public static Capabilities load() {
        return new Capabilities(VoResources.text("capabilities.xml"));
    }

    /** The document for a client that reached the service at {@code base} (scheme://host:port). */
    public String render(String base, Map<String, Object> limits) {
        Map<String, Object> values = new java.util.HashMap<>(limits);
        values.put("base", xml(base));
        values.putAll(fixed);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("capabilities.xml uses ${" + m.group(1) + "}, which nothing fills in");
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

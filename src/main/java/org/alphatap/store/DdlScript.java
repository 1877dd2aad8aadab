package org.alphatap.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alphatap.survey.Progress;

/**
 * A DDL script of {@code schema/} (statements separated by ';', "--" comments), run on either
 * engine: the scripts use only what H2 and PostgreSQL share.
 */
public final class DdlScript {
    /** The kind and name of what a DDL statement creates: a constraint (key) or an index. */
    private static final Pattern NAMED_OBJECT =
            Pattern.compile("\\b(CONSTRAINT|INDEX)\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

    private DdlScript() {
    }

    /** The statements of a script on the classpath, comments removed. */
    public static List<String> statements(String resource) throws IOException {
        String sql;
        try (InputStream in = DdlScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("DDL script " + resource + " is missing from the build");
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder body = new StringBuilder();
        for (String line : sql.split("\n")) {
            int comment = line.indexOf("--");
            body.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        List<String> out = new ArrayList<>();
        for (String statement : body.toString().split(";")) {
            if (!statement.isBlank()) {
                out.add(statement.strip());
            }
        }
        return out;
    }

    /** Runs a script under the published schema names. */
    public static void run(Connection c, String resource) throws SQLException, IOException {
        run(c, resource, Schemas.AS_PUBLISHED, Progress.SILENT);
    }

    /**
     * Runs a script with its schemas written as {@code schemas} says, reporting each statement that
     * creates a named key or index as a stage of its own: at full scale each takes seconds to
     * minutes, and the build should not fall silent.
     */
    public static void run(Connection c, String resource, Schemas schemas, Progress progress)
            throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            for (String statement : statements(resource)) {
                String sql = schemas.ddl(statement);
                Matcher named = NAMED_OBJECT.matcher(statement);
                if (!named.find()) {
                    s.execute(sql);
                    continue;
                }
                try (Progress.Task task = progress.start(named.group(1).toLowerCase(Locale.ROOT) + " " + named.group(2), 1)) {
                    task.advance(0);
                    s.execute(sql);
                }
            }
        }
    }
}

package org.alphatap.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.alphatap.adql.ast.Query;
import org.alphatap.adql.check.Checker;
import org.alphatap.adql.parse.AdqlException;
import org.alphatap.adql.sql.Dialect;
import org.alphatap.adql.sql.H2Dialect;
import org.alphatap.adql.sql.PostgresDialect;
import org.alphatap.adql.sql.SqlWriter;
import org.alphatap.adql.parse.Parser;
import org.alphatap.catalogue.Catalogue;
import org.alphatap.store.CatalogueReader;
import org.alphatap.store.ColumnMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "adql", mixinStandardHelpOptions = true, description = "ADQL tools.",
        subcommands = {AdqlCommand.Check.class, AdqlCommand.Sql.class})
final class AdqlCommand {

    @Command(name = "sql", mixinStandardHelpOptions = true,
            description = "Print the SQL an ADQL query becomes (names checked against the published tables).")
    static final class Sql implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "QUERY", description = "The query; read from standard input if absent.")
        String query;

        /** The engines a query can be written for. */
        enum Engine {
            h2(H2Dialect.INSTANCE), postgresql(PostgresDialect.INSTANCE);

            final Dialect dialect;

            Engine(Dialect dialect) {
                this.dialect = dialect;
            }
        }

        @Option(names = "--engine", defaultValue = "h2", description = "The SQL of: ${COMPLETION-CANDIDATES}"
                + " (default: ${DEFAULT-VALUE}).")
        Engine engine;

        @Override
        public Integer call() throws Exception {
            String text = query != null ? query
                    : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines()
                            .reduce((a, b) -> a + "\n" + b).orElse("");
            try {
                Query q = Parser.parse(text);
                Catalogue catalogue = ColumnMetadata.load().catalogue();
                new Checker(catalogue).check(q);
                System.out.println(SqlWriter.toSql(q, catalogue, engine.dialect));
                return 0;
            } catch (AdqlException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check ADQL offline: exit 0, or print the problem and exit 1. Syntax only, or with --data"
                    + " also the names against that build's TAP_SCHEMA and the translation to SQL.")
    static final class Check implements Callable<Integer> {
        @Option(names = "--data", paramLabel = "DIR", description = "A build directory whose published tables the"
                + " queries must use.")
        Path data;

        private Catalogue catalog;

        @Option(names = "--lines", description = "One query per input line (\\n, \\r, \\t, \\\\ and \\uXXXX "
                + "escapes stand for characters that would break the line); prints OK or ERROR <message> per line.")
        boolean lines;

        @Parameters(arity = "0..1", paramLabel = "QUERY", description = "The query; read from standard input if absent.")
        String query;

        @Override
        public Integer call() throws Exception {
            if (data != null) {
                catalog = CatalogueReader.read(data);
            }
            PrintStream out = System.out;
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!lines) {
                String text = query != null ? query : in.lines().reduce((a, b) -> a + "\n" + b).orElse("");
                try {
                    check(text);
                    return 0;
                } catch (AdqlException e) {
                    System.err.println(e.getMessage());
                    return 1;
                }
            }
            int failures = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                try {
                    check(unescape(line));
                    out.println("OK");
                } catch (AdqlException e) {
                    out.println("ERROR " + e.getMessage());
                    failures++;
                } catch (IllegalArgumentException e) {
                    out.println("ERROR bad escape in the input line: " + e.getMessage());
                    failures++;
                }
            }
            out.flush();
            return failures == 0 ? 0 : 1;
        }

        private void check(String text) throws AdqlException {
            Query q = Parser.parse(text);
            if (catalog != null) {
                new Checker(catalog).check(q);
                SqlWriter.toSql(q, catalog, H2Dialect.INSTANCE);
            }
        }
    }

    /** Undoes the line escapes: \n, \r, \t, \\ and \\uXXXX. */
    static String unescape(String line) {
        StringBuilder b = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++i >= line.length()) {
                throw new IllegalArgumentException("a lone backslash at the end");
            }
            char e = line.charAt(i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case '\\' -> b.append('\\');
                case 'u' -> {
                    try {
                        b.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException | StringIndexOutOfBoundsException x) {
                        throw new IllegalArgumentException("\\u needs four hexadecimal digits");
                    }
                    i += 4;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e);
            }
        }
        return b.toString();
    }
}

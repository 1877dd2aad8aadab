package org.alphatap.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code alphatap} command line. */
@Command(name = "alphatap", mixinStandardHelpOptions = true, version = "alphatap 0.1.0",
        description = "α-element abundances of LAMOST stars and open clusters, served through IVOA TAP.",
        subcommands = {MockCommand.class, BuildCommand.class, ServeCommand.class, AdqlCommand.class,
            BenchCommand.class, CalibrateCommand.class})
public final class Main {
    public static void main(String[] args) {
        // H2 looks up every number it decodes in a shared cache of values, to save memory on
        // repeated ones; in a scan of the star table that lookup took a quarter of the time. Read
        // once, when H2 first loads, so it is set before anything opens a database.
        System.getProperties().putIfAbsent("h2.objectCache", "false");
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // Expected failures (bad files, bad settings) are answers: one line, no stack trace.
            cmd.getErr().println("alphatap " + cmd.getCommandName() + ": " + e.getMessage());
            return 1;
        });
        return cl;
    }
}

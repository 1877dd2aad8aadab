package org.alphatap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.alphatap.pipeline.Calibration;
import org.alphatap.survey.mock.MockChemistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Build the science of a mock for each of several seeds and report, per model family and "
                + "element, how often the gradients' 95% intervals hold the true gradient, their mean bias and width.")
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seeds", defaultValue = "20", description = "Mocks to build (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "Seed of the first mock (default: ${DEFAULT-VALUE}).")
    long first;

    @Option(names = "--stars", defaultValue = "20000",
            description = "LAMOST field stars per mock (default: ${DEFAULT-VALUE}; the science does not depend on it).")
    long stars;

    @Option(names = "--chemistry", defaultValue = "realistic", converter = ChemistryOption.class,
            description = ChemistryOption.DESCRIPTION)
    MockChemistry chemistry;

    @Option(names = "--out", defaultValue = "calibration",
            description = "Directory for calibration.md and calibration.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (seeds < 1) {
            throw new ParameterException(spec.commandLine(), "--seeds must be 1 or more");
        }
        Path work = Files.createTempDirectory("alphatap-calibrate-");
        try {
            long t0 = System.nanoTime();
            Calibration c = Calibration.run(first, seeds, stars, chemistry, work, new ConsoleProgress(System.err));
            String command = "alphatap calibrate --seeds " + seeds + " --first-seed " + first + " --stars " + stars
                    + " --chemistry " + chemistry.label();
            c.write(out, command);
            System.out.print(c.toMarkdown());
            System.out.printf("%d seeds in %.0f s; written to %s%n", seeds, (System.nanoTime() - t0) / 1e9,
                    out.resolve("calibration.md"));
        } finally {
            Files.deleteIfExists(work);
        }
        return 0;
    }

}

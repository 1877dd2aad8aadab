package org.alphatap.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.alphatap.survey.mock.MockChemistry;
import org.alphatap.survey.mock.MockConfig;
import org.alphatap.survey.mock.MockSurvey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "mock", mixinStandardHelpOptions = true,
        description = "Write a mock LAMOST/GALAH/Hunt & Reffert survey in the real formats, with truth.json.")
final class MockCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "Directory to write the survey files into.")
    Path out;

    @Option(names = "--stars", defaultValue = "" + MockConfig.DEFAULT_FIELD_STARS,
            description = "LAMOST field stars (default: ${DEFAULT-VALUE}; the paper's scale is 6800000). "
                    + "The GALAH overlap and the cluster members are fixed and come on top.")
    long stars;

    @Option(names = "--seed", defaultValue = "" + MockConfig.DEFAULT_SEED,
            description = "Random seed (default: ${DEFAULT-VALUE}); the same seed writes the same files.")
    long seed;

    @Option(names = "--extra-gradient", defaultValue = "0", paramLabel = "DEX_PER_KPC",
            description = "Extra cluster [X/Fe] gradient at fixed [Fe/H], invisible to a model of Teff, log g, "
                    + "[Fe/H] (for the echo diagnostic). Default: ${DEFAULT-VALUE}.")
    double extraGradient;

    @Option(names = "--chemistry", defaultValue = "realistic", converter = ChemistryOption.class,
            description = ChemistryOption.DESCRIPTION)
    MockChemistry chemistry;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        MockSurvey.Result r = new MockSurvey(new MockConfig(seed, stars, extraGradient, chemistry))
                .write(out, new ConsoleProgress(System.err));
        System.out.printf("mock survey written to %s in %.1f s%n", r.dir(), (System.nanoTime() - t0) / 1e9);
        System.out.printf("  %-36s %,d spectra of %,d stars%n", MockSurvey.LAMOST_FILE, r.lamostRows(), r.lamostStars());
        System.out.printf("  %-36s %,d stars%n", MockSurvey.GALAH_FILE, r.galahRows());
        System.out.printf("  %-36s the real Hunt & Reffert table%n", MockSurvey.CLUSTER_FILE);
        System.out.printf("  %-36s %,d members; %,d observed by LAMOST in %,d clusters%n", MockSurvey.MEMBER_FILE,
                r.memberRows(), r.observedMembers(), r.observedClusters());
        System.out.printf("  %-36s parameters and expected answers%n", MockSurvey.TRUTH_FILE);
        return 0;
    }
}

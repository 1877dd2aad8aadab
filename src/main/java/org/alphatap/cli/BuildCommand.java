package org.alphatap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.alphatap.pipeline.Build;
import org.alphatap.pipeline.BuildInputs;
import org.alphatap.pipeline.BuildSettings;
import org.alphatap.science.ClusterAbundance;
import org.alphatap.science.TrainingCuts;
import org.alphatap.survey.mock.MockChemistry;
import org.alphatap.survey.mock.MockConfig;
import org.alphatap.survey.mock.MockSurvey;
import org.alphatap.store.PostgresStore;
import org.alphatap.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Run the pipeline: cross-match, train, predict, cluster abundances, gradients; write DIR "
                + "(H2 database, models, model card, figures, report).")
final class BuildCommand implements Callable<Integer> {
    /** Where the survey files of a --mock build are kept, inside the data directory. */
    static final String SURVEY_DIR = "survey";

    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "data", description = "Data directory to write (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--database", defaultValue = "${env:ALPHATAP_DATABASE}", description = "PostgreSQL database to load"
            + " the tables into (jdbc:postgresql://host:port/db?user=…&password=… or postgresql://user:…@host:port/db);"
            + " default: the H2 file in the data directory.")
    String database;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @ArgGroup(exclusive = false)
        Files4 files;

        @ArgGroup(exclusive = false)
        Mock mock;
    }

    static final class Files4 {
        @Option(names = "--lamost", required = true, description = "LAMOST DR11 LRS stellar catalogue (FITS/CSV, .gz)")
        Path lamost;
        @Option(names = "--galah", required = true, description = "GALAH DR4 allstar catalogue")
        Path galah;
        @Option(names = "--clusters", required = true, description = "Hunt & Reffert cluster table")
        Path clusters;
        @Option(names = "--members", required = true, description = "Hunt & Reffert member table")
        Path members;
    }

    static final class Mock {
        @Option(names = "--mock", required = true, description = "Generate a mock survey first, then build it.")
        boolean mock;
        @Option(names = "--stars", defaultValue = "" + MockConfig.DEFAULT_FIELD_STARS,
                description = "Mock LAMOST field stars (default: ${DEFAULT-VALUE}).")
        long stars;
        @Option(names = "--extra-gradient", defaultValue = "0", paramLabel = "DEX_PER_KPC",
                description = "Mock extra cluster [X/Fe] gradient at fixed [Fe/H] (echo test).")
        double extraGradient;
        @Option(names = "--chemistry", defaultValue = "realistic", converter = ChemistryOption.class,
                description = ChemistryOption.DESCRIPTION)
        MockChemistry chemistry;
    }

    @Option(names = "--seed", defaultValue = "" + MockConfig.DEFAULT_SEED,
            description = "Seed of the mock, the split, the Monte Carlo and the samplers (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-probability", defaultValue = "0.7",
            description = "Membership probability cut (default: ${DEFAULT-VALUE}; the paper states none).")
    double minProbability;

    @Option(names = "--min-members", defaultValue = "2",
            description = "LAMOST members a cluster needs to enter the gradients (default: ${DEFAULT-VALUE}).")
    int minMembers;

    @Option(names = "--no-galah-flags",
            description = "Do not require GALAH flag_sp == 0 and flag_x_fe == 0 (the paper's text, literally).")
    boolean noGalahFlags;

    @Option(names = "--clip-scale", defaultValue = "MODEL_SIGMA",
            description = "The paper's 2-sigma clipping scale: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ClusterAbundance.ClipScale clipScale;

    @Option(names = "--bootstrap-models", defaultValue = "8",
            description = "Models refitted on resampled training stars to measure the gradients' model uncertainty "
                    + "(default: ${DEFAULT-VALUE}; 0 for none).")
    int bootstrapModels;

    @Override
    public Integer call() throws Exception {
        if (minProbability < 0 || minProbability > 1) {
            throw new ParameterException(spec.commandLine(), "--min-probability must be between 0 and 1");
        }
        Store store;
        try {
            store = Store.of(data, database);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--database: " + e.getMessage());
        }
        if (store instanceof PostgresStore pg) {
            // Before minutes of work, not after them.
            pg.connect().close();
        }
        ConsoleProgress progress = new ConsoleProgress(System.err);
        BuildInputs inputs;
        Path mockDir = null;
        if (source.mock != null) {
            mockDir = data.toAbsolutePath().resolveSibling(data.getFileName() + ".survey");
            MockSurvey.Result mock = new MockSurvey(new MockConfig(seed, source.mock.stars, source.mock.extraGradient,
                    source.mock.chemistry))
                    .write(mockDir, progress);
            inputs = BuildInputs.of(mock);
        } else {
            inputs = BuildInputs.of(source.files.lamost, source.files.galah, source.files.clusters,
                    source.files.members);
        }
        BuildSettings defaults = BuildSettings.defaults(seed);
        TrainingCuts cuts = noGalahFlags ? defaults.cuts().withoutGalahFlags() : defaults.cuts();
        BuildSettings settings = new BuildSettings(seed, cuts, defaults.training(), minProbability, minMembers,
                defaults.draws(), defaults.clipK(), clipScale, defaults.ivwClipK(), defaults.r0Kpc(), bootstrapModels);
        Build.Result r = Build.run(inputs, settings, data, store, progress);
        if (mockDir != null) {
            Files.move(mockDir, r.dataDir().resolve(SURVEY_DIR), StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.printf("build written to %s%s%n", r.dataDir(), store instanceof PostgresStore pg
                ? ", its tables to the " + pg.where() : "");
        System.out.printf("  %,d LAMOST spectra, %,d with predictions; %,d training stars; %,d clusters with members,"
                + " %,d in the gradient fits%n", r.spectra(), r.predicted(), r.sample().size(), r.clusters().size(),
                r.clusters().stream().filter(c -> c.inGradient()).count());
        r.stages().forEach(s -> System.out.printf("  %-22s %7.1f s  peak heap %,6d MB%n", s.name(), s.seconds(),
                s.peakHeapBytes() >> 20));
        System.out.printf("  report: %s%n", r.dataDir().resolve("report.md"));
        return 0;
    }
}

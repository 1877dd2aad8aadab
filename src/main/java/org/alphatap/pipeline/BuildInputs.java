package org.alphatap.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import org.alphatap.survey.mock.MockSurvey;

/**
 * The four survey files a build reads, and the mock's truth file when there is one beside them
 * (the report then checks every recovered number against it).
 */
public record BuildInputs(Path lamost, Path galah, Path clusters, Path members, Path truth) {

    public static BuildInputs of(Path lamost, Path galah, Path clusters, Path members) {
        Path truth = lamost.toAbsolutePath().getParent().resolve(MockSurvey.TRUTH_FILE);
        return new BuildInputs(lamost, galah, clusters, members, Files.isRegularFile(truth) ? truth : null);
    }

    public static BuildInputs of(MockSurvey.Result mock) {
        return new BuildInputs(mock.lamost(), mock.galah(), mock.clusters(), mock.members(), mock.truth());
    }
}

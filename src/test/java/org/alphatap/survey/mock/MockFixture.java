package org.alphatap.survey.mock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.alphatap.survey.Progress;

/** One small mock survey per test JVM (5,000 field stars, default seed), written once and shared. */
public final class MockFixture {
    public static final long FIELD_STARS = 5_000;
    private static MockSurvey.Result result;

    private MockFixture() {
    }

    public static synchronized MockSurvey.Result small() {
        if (result == null) {
            try {
                Path dir = Files.createTempDirectory("alphatap-mock-");
                result = new MockSurvey(new MockConfig(MockConfig.DEFAULT_SEED, FIELD_STARS, 0.0, MockChemistry.REALISTIC))
                        .write(dir, Progress.SILENT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return result;
    }
}

package org.alphatap.survey;

import java.io.IOException;
import java.nio.file.Path;

/** A survey file that cannot be used as it is, with a message naming the file and what is wrong. */
public class SurveyFileException extends IOException {
    private final Path file;

    public SurveyFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public SurveyFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}

package org.alphatap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docker/ cannot be run here (no Docker engine), so this checks what can drift from the code: the
 * image and the compose file must use the port serve listens on by default, and keep serve's
 * default data directory, with the siblings a build writes beside it, on the volume.
 */
class DockerFilesTest {
    @Test
    void imageAndComposeUseServesDefaultPortAndKeepItsDataOnTheVolume() throws Exception {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();
        List<String> dockerfile = Files.readAllLines(Path.of("docker/Dockerfile"));
        String compose = Files.readString(Path.of("docker/compose.yaml"));

        assertEquals(String.valueOf(serve.port), last(dockerfile, "EXPOSE"));
        assertTrue(dockerfile.stream().anyMatch(l -> l.contains("${ALPHATAP_PORT:-" + serve.port + "}/tap/availability")),
                "the health check asks /tap/availability on serve's port");
        assertTrue(compose.contains(":" + serve.port + "\""), "compose publishes serve's port");

        String workdir = last(dockerfile, "WORKDIR");
        assertFalse(serve.data.isAbsolute(), "serve's data directory is relative to the working directory");
        assertEquals(workdir, last(dockerfile, "VOLUME"), "the working directory is the volume");
        assertTrue(compose.contains("-data:" + workdir + "\n"), "compose mounts its named volume there");
    }

    /** The argument of the last {@code INSTRUCTION} line: the runtime stage's. */
    private static String last(List<String> dockerfile, String instruction) {
        return dockerfile.stream().filter(l -> l.startsWith(instruction + " ")).reduce((a, b) -> b).orElseThrow()
                .substring(instruction.length() + 1).trim();
    }
}

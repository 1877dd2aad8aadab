package org.alphatap.tap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The service's metadata documents kept as data in {@code vo-resources/}, read from the classpath. */
public final class VoResources {
    private VoResources() {
    }

    public static String text(String name) {
        try (InputStream in = VoResources.class.getResourceAsStream("/vo-resources/" + name)) {
            if (in == null) {
                throw new IllegalStateException("vo-resources/" + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.segprune.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The compile-only KNIME API subset carries test helpers ({@code org.segprune.knimetest}) that a KNIME
 * installation does not have: node code that used them would compile here and fail in KNIME.
 */
class KnimeTestHelpersStayInTests {

    private static final Path MAIN =
        Path.of(System.getProperty("segprune.root", "../..")).resolve("plugin/knime-nodes/src/main/java");

    @Test
    void noMainSourceUsesTheTestHelpers() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> users = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f).contains("org.segprune.knimetest");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertEquals(List.of(), users);
        }
    }

    @Test
    void theMainSourcesAreFound() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            assertEquals(true, files.anyMatch(f -> f.endsWith("StepNodeModel.java")), MAIN.toString());
        }
    }
}

package org.segprune.knime.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/**
 * The committed node descriptions and icons are exactly what {@link NodeDescriptions} and {@link NodeIcons}
 * generate. Run with {@code -Dsegprune.regenerate=true} to rewrite them after changing a setting's text.
 */
class NodeArtifactsTest {

    static final Path MODULE = Path.of(System.getProperty("segprune.root", "../..")).resolve("plugin/knime-nodes");

    static final Path RESOURCES = MODULE.resolve("src/main/resources");

    private static boolean regenerate() {
        return Boolean.getBoolean("segprune.regenerate");
    }

    static Path descriptionFile(final NodeDescriptions.Node node) {
        return RESOURCES.resolve(node.packagePath()).resolve(node.simpleName() + ".xml");
    }

    static Path iconFile(final String name) {
        for (NodeDescriptions.Node node : NodeDescriptions.all()) {
            if (node.icon().equals(name)) {
                return RESOURCES.resolve(node.packagePath()).resolve(name);
            }
        }
        return MODULE.resolve("icons").resolve(name);
    }

    @Test
    void committedDescriptionsAreTheGeneratedOnes() throws IOException {
        for (NodeDescriptions.Node node : NodeDescriptions.all()) {
            String expected = NodeDescriptions.xml(node);
            Path file = descriptionFile(node);
            if (regenerate()) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, expected, StandardCharsets.UTF_8);
            }
            assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8),
                file + " is out of date: run the tests with -Dsegprune.regenerate=true");
        }
    }

    @Test
    void committedIconsAreTheGenerated16x16Pngs() throws IOException {
        for (var entry : NodeIcons.painters().entrySet()) {
            Path file = iconFile(entry.getKey());
            BufferedImage painted = NodeIcons.paint(entry.getValue());
            if (regenerate()) {
                Files.createDirectories(file.getParent());
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(painted, "png", png);
                Files.write(file, png.toByteArray());
            }
            BufferedImage committed = ImageIO.read(file.toFile());
            assertEquals(16, committed.getWidth(), file.toString());
            assertEquals(16, committed.getHeight(), file.toString());
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    assertEquals(painted.getRGB(x, y), committed.getRGB(x, y), file + " differs at " + x + "," + y);
                }
            }
        }
    }
}

package org.segprune.knime.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.segprune.step.NodeDescriptionXml;
import org.segprune.step.Step;
import org.segprune.step.Steps;

/**
 * The node descriptions on the bundle's class path are the ones the build generates from the steps, and
 * the committed icons are exactly what {@link NodeIcons} paints. Run with {@code -Dsegprune.regenerate=true}
 * to rewrite the icons.
 */
class NodeArtifactsTest {

    static final Path MODULE = Path.of(System.getProperty("segprune.root", "../..")).resolve("plugin/knime-nodes");

    static final Path RESOURCES = MODULE.resolve("src/main/resources");

    private static boolean regenerate() {
        return Boolean.getBoolean("segprune.regenerate");
    }

    static Path iconFile(final String name) {
        for (Step<?> step : Steps.all()) {
            if (step.about().icon().equals(name)) {
                String factory = step.about().factory();
                return RESOURCES.resolve(factory.substring(0, factory.lastIndexOf('.')).replace('.', '/')).resolve(name);
            }
        }
        return MODULE.resolve("icons").resolve(name);
    }

    @Test
    void theBuildPutsEachStepsGeneratedDescriptionNextToItsFactory() throws IOException {
        for (Step<?> step : Steps.all()) {
            String resource = NodeDescriptionXml.resourcePath(step);
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                assertNotNull(in, resource + " is not on the class path: the generate-resources phase did not run");
                assertEquals(NodeDescriptionXml.xml(step), new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
            }
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

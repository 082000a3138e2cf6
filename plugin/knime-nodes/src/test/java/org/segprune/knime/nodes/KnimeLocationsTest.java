package org.segprune.knime.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.util.FileUtil;
import org.segprune.knime.nodes.datareader.DataReaderNodeFactory;
import org.segprune.knime.nodes.modelreader.ModelReaderNodeFactory;
import org.segprune.knimetest.TestWorkflowContexts;
import org.segprune.model.ModelIO;
import org.segprune.table.NodeTable;

/**
 * File and folder settings in KNIME go through KNIME's own resolution (FileUtil.toURL, FileUtil.resolveToPath):
 * knime://knime.workflow/ and knime://knime.mountpoint/ URLs, relative paths (read as workflow-relative), file: URLs;
 * configure names the setting and the value that fails.
 */
class KnimeLocationsTest {

    @TempDir
    Path m_space;

    private Path flow() {
        return m_space.resolve("My Flow");
    }

    /** A workflow folder with the phantoms in "data/lung phantoms" (a space, as users' folders have). */
    private void copyPhantoms(final Path flow) throws IOException {
        Path target = flow.resolve("data/lung phantoms");
        try (Stream<Path> files = Files.walk(Fixtures.phantoms())) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(Fixtures.phantoms().relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
    }

    private static NodeModel reader(final String images, final String masks) throws InvalidSettingsException {
        return NodeModels.create(new DataReaderNodeFactory(), "images_folder", images, "masks_folder", masks);
    }

    private static NodeTable run(final NodeModel model) throws Exception {
        NodeModels.configure(model);
        return Fixtures.read((BufferedDataTable)NodeModels.execute(model, Fixtures.exec())[0]);
    }

    @Test
    void theSubsetFileUtilTurnsPathsAndUrlsIntoUrlsAsKnimeDoes() throws Exception {
        assertEquals(Path.of("/data/a b").toUri().toURL(), FileUtil.toURL("/data/a b"));
        assertEquals("knime://knime.workflow/data/a%20b", FileUtil.toURL("knime://knime.workflow/data/a b").toString());
        assertEquals(Path.of("/data/a b/c"), FileUtil.resolveToPath(new URL("file:/data/a b/c")));
        assertEquals(Path.of("/data/a+b"), FileUtil.resolveToPath(FileUtil.toURL("file:///data/a+b")));
        assertNull(FileUtil.resolveToPath(new URL("https://example.org/x.zip")));
        assertThrows(java.nio.file.InvalidPathException.class, () -> FileUtil.toURL(""));
        IOException outside = assertThrows(IOException.class,
            () -> FileUtil.resolveToPath(FileUtil.toURL("knime://knime.workflow/x")));
        assertTrue(outside.getMessage().startsWith("No context for relative URL available"), outside.getMessage());
    }

    @Test
    void aWorkflowRelativeReaderRunsWhereItIsAndAfterTheWorkflowMoved() throws Exception {
        copyPhantoms(flow());
        NodeTable rows;
        try (AutoCloseable context = TestWorkflowContexts.open(flow(), m_space)) {
            rows = run(reader("knime://knime.workflow/data/lung%20phantoms/images", "data/lung phantoms/masks"));
        }
        assertEquals(12, rows.size());
        assertEquals(flow().resolve("data/lung phantoms/images/lung_0000.png").toString(), rows.rows().get(0).cell(0));
        assertEquals(flow().resolve("data/lung phantoms/masks/lung_0000.png").toString(), rows.rows().get(0).cell(1));

        Path moved = m_space.resolve("elsewhere/Moved Flow");
        Files.createDirectories(moved.getParent());
        Files.move(flow(), moved);
        try (AutoCloseable context = TestWorkflowContexts.open(moved, m_space)) {
            rows = run(reader("knime://knime.workflow/data/lung%20phantoms/images", "data/lung phantoms/masks"));
        }
        assertEquals(12, rows.size());
        assertEquals(moved.resolve("data/lung phantoms/images/lung_0000.png").toString(), rows.rows().get(0).cell(0));
    }

    @Test
    void aMountpointRelativeModelFileIsRead() throws Exception {
        Files.createDirectories(m_space.resolve("models"));
        ModelIO.save(Fixtures.model().getModel(), m_space.resolve("models/tiny model.zip"), false);
        try (AutoCloseable context = TestWorkflowContexts.open(flow(), m_space)) {
            NodeModel model = NodeModels.create(new ModelReaderNodeFactory(), "source", "file", "model_file",
                "knime://knime.mountpoint/models/tiny%20model.zip");
            NodeModels.configure(model);
            assertEquals(Fixtures.model().getSpec(), NodeModels.execute(model, Fixtures.exec())[0].getSpec());
            NodeModel viaFileUrl = NodeModels.create(new ModelReaderNodeFactory(), "source", "file", "model_file",
                m_space.resolve("models/tiny model.zip").toUri().toString());
            NodeModels.configure(viaFileUrl);
        }
    }

    @Test
    void configureNamesTheSettingTheValueAndThePathThatFail() throws Exception {
        copyPhantoms(flow());
        try (AutoCloseable context = TestWorkflowContexts.open(flow(), m_space)) {
            NodeModel missing = reader("knime://knime.workflow/data/lung%20phantoms/images", "knime://knime.workflow/masks");
            InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeModels.configure(missing));
            assertEquals("Masks folder [masks_folder]: 'knime://knime.workflow/masks' (" + flow().resolve("masks")
                + ") does not exist", e.getMessage());

            NodeModel otherMountpoint = NodeModels.create(new ModelReaderNodeFactory(), "source", "file", "model_file",
                "knime://LOCAL/models/m.zip");
            e = assertThrows(InvalidSettingsException.class, () -> NodeModels.configure(otherMountpoint));
            assertEquals("Model file [model_file]: 'knime://LOCAL/models/m.zip' cannot be resolved: Unknown Mount point: "
                + "LOCAL", e.getMessage());

            NodeModel leaving = reader("knime://knime.workflow/../../x", "masks");
            e = assertThrows(InvalidSettingsException.class, () -> NodeModels.configure(leaving));
            assertTrue(e.getMessage().startsWith("Images folder [images_folder]: 'knime://knime.workflow/../../x' cannot be "
                + "resolved: Leaving the mount point is not allowed"), e.getMessage());

            NodeModel file = reader(flow().resolve("data/lung phantoms/images/lung_0000.png").toString(), "masks");
            e = assertThrows(InvalidSettingsException.class, () -> NodeModels.configure(file));
            assertTrue(e.getMessage().endsWith("lung_0000.png' is a file, not a folder"), e.getMessage());
        }
    }

    @Test
    void aWindowsPathOnAnotherSystemGetsAFriendlyMessage() throws Exception {
        if (java.io.File.separatorChar == '\\') {
            return; // an ordinary path there
        }
        NodeModel model = reader("C:\\Users\\me\\images", "C:\\Users\\me\\masks");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeModels.configure(model));
        assertEquals("Images folder [images_folder]: 'C:\\Users\\me\\images' is a Windows path; on this machine give a "
            + "local path, a file: URL or a knime://knime.workflow/ URL", e.getMessage());
    }
}

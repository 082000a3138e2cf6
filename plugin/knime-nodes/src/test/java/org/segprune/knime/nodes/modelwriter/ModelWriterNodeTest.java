package org.segprune.knime.nodes.modelwriter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.segprune.knime.nodes.Fixtures;
import org.segprune.knime.nodes.NodeModels;
import org.segprune.model.ModelIO;

/** Segmentation Model Writer through its node model: a sink that writes the port's model. */
class ModelWriterNodeTest {

    @Test
    void executeWritesTheModelAndHasNoOutput(@TempDir final Path dir) throws Exception {
        Path file = dir.resolve("written.zip");
        NodeModel model = NodeModels.create(new ModelWriterNodeFactory(), "file", file.toString());
        assertEquals(0, NodeModels.configure(model, Fixtures.model().getSpec()).length);
        assertEquals(0, NodeModels.execute(model, Fixtures.exec(), Fixtures.model()).length);
        assertArrayEquals(Fixtures.model().getModel().graph().params().toFloatVector(),
            ModelIO.load(file).graph().params().toFloatVector());
    }

    @Test
    void configureFailsNamingAnExistingFile(@TempDir final Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken.onnx"), "x");
        NodeModel model = NodeModels.create(new ModelWriterNodeFactory(), "file", file.toString(), "format", "onnx");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeModels.configure(model, Fixtures.model().getSpec()));
        assertEquals("model file '" + file + "' exists; set If the file exists [if_exists] to 'overwrite' to replace it",
            e.getMessage());
    }
}

package org.segprune.knime.nodes.modelreader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.NodeModel;
import org.segprune.knime.nodes.Fixtures;
import org.segprune.knime.nodes.NodeModels;
import org.segprune.knime.port.SegmentationModelPortObject;
import org.segprune.model.ModelIO;
import org.segprune.model.ModelSummary;
import org.segprune.util.SegPruneException;

/** Segmentation Model Reader through its node model. */
class ModelReaderNodeTest {

    @Test
    void theModelIsUnknownUntilExecuted() throws Exception {
        NodeModel model = NodeModels.create(new ModelReaderNodeFactory());
        assertNull(NodeModels.configure(model)[0]);
    }

    @Test
    void executeBuildsANewUntrainedUNet() throws Exception {
        NodeModel model = NodeModels.create(new ModelReaderNodeFactory(), "input_size", "32", "depth", "2",
            "base_filters", "4", "seed", "3");
        SegmentationModelPortObject port =
            (SegmentationModelPortObject)NodeModels.execute(model, Fixtures.exec())[0];
        ModelSummary summary = port.getSpec().getModelSummary();
        assertEquals("unet", summary.architecture());
        assertEquals(32, summary.inputSize());
        assertEquals(1, summary.inputChannels());
        assertEquals(4, summary.layers().get(0).channels());
        assertEquals(Fixtures.model().getSpec().getModelSummary(), summary);
        assertTrue(summary.provenance().get(0).startsWith("built unet depth 2 base 4"), summary.provenance().toString());
    }

    @Test
    void executeReadsAModelFileUnchanged(@TempDir final Path dir) throws Exception {
        Path file = dir.resolve("tiny.zip");
        ModelIO.save(Fixtures.model().getModel(), file, false);
        NodeModel model = NodeModels.create(new ModelReaderNodeFactory(), "source", "file", "model_file", file.toString());
        SegmentationModelPortObject port =
            (SegmentationModelPortObject)NodeModels.execute(model, Fixtures.exec())[0];
        assertArrayEquals(Fixtures.model().getModel().graph().params().toFloatVector(),
            port.getModel().graph().params().toFloatVector());
        assertEquals(Fixtures.model().getSpec(), port.getSpec());
    }

    @Test
    void aMissingOrBrokenFileFailsNamingIt(@TempDir final Path dir) throws Exception {
        Path missing = dir.resolve("missing.zip");
        NodeModel model = NodeModels.create(new ModelReaderNodeFactory(), "source", "file", "model_file", missing.toString());
        SegPruneException e = assertThrows(SegPruneException.class, () -> NodeModels.execute(model, Fixtures.exec()));
        assertEquals("model file '" + missing + "' does not exist", e.getMessage());
        Path text = Files.writeString(dir.resolve("text.zip"), "not a zip");
        NodeModel broken = NodeModels.create(new ModelReaderNodeFactory(), "source", "file", "model_file", text.toString());
        e = assertThrows(SegPruneException.class, () -> NodeModels.execute(broken, Fixtures.exec()));
        assertEquals("'" + text + "' is not a DL4J model: it is not a zip file", e.getMessage());
    }

    @Test
    void aPlainDl4jZipGivesTheNodeAWarningAboutTheAssumedInputSize(@TempDir final Path dir) throws Exception {
        Path plain = dir.resolve("plain.zip");
        org.deeplearning4j.util.ModelSerializer.writeModel(Fixtures.model().getModel().graph(), plain.toFile(), false);
        NodeModel model = NodeModels.create(new ModelReaderNodeFactory(), "source", "file", "model_file", plain.toString());
        NodeModels.execute(model, Fixtures.exec());
        java.lang.reflect.Method warning = NodeModel.class.getDeclaredMethod("getWarningMessage");
        warning.setAccessible(true);
        assertEquals("the model file 'plain.zip' does not say its input size (a plain DL4J zip): 256x256 is assumed, and "
            + "images are resized to it", warning.invoke(model));
    }
}

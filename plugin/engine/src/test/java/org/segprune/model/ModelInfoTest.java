package org.segprune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.util.Json;
import org.segprune.util.SegPruneException;

/** The preprocessing and head fields: defaults for old zips, round trip through the zip, bad values refused. */
class ModelInfoTest {

    @TempDir
    Path dir;

    @Test
    void jsonWrittenBeforeTheNewFieldsReadsWithTodaysBehaviour() throws Exception {
        String old = "{\"architecture\":\"unet\",\"inputSize\":64,\"inputChannels\":3,\"provenance\":[\"built\"]}";
        ModelInfo info = Json.MAPPER.readValue(old, ModelInfo.class);
        assertEquals(new ModelInfo("unet", 64, 3, List.of("built")), info);
        assertEquals("rgb", info.channelOrder());
        assertEquals("scale255", info.normalization());
        assertEquals("sigmoid", info.outputKind());
        assertEquals(1, info.outputChannels());
        assertEquals(0, info.outputChannel());
    }

    @Test
    void preprocessingAndHeadSurviveSaveAndLoad() {
        SegmentationModel built = Architectures.build(new ModelSpec("unet", 32, 3, 2, 4, 1));
        ModelInfo info = new ModelInfo("onnx", 32, 3, List.of("imported"), "bgr", "mean-std:0.45,0.22", "softmax", 3, 2);
        Path file = dir.resolve("m.zip");
        ModelIO.save(new SegmentationModel(built.graph(), info), file, false);
        ModelInfo loaded = ModelIO.load(file).info();
        assertEquals(info, loaded);
        assertEquals(info.with("pruned").normalization(), "mean-std:0.45,0.22");
    }

    @Test
    void badSettingsAreRefusedByName() {
        ModelInfo info = new ModelInfo("unet", 32, 1, List.of());
        assertTrue(assertThrows(SegPruneException.class, () -> info.withPreprocessing("rgb", null, null)).getMessage()
                .contains("channel order 'rgb'"));
        assertTrue(assertThrows(SegPruneException.class, () -> info.withPreprocessing(null, "mean-std:0.5", null)).getMessage()
                .contains("mean-std:M,S"));
        assertTrue(assertThrows(SegPruneException.class, () -> info.withPreprocessing(null, null, 1)).getMessage()
                .contains("output channel 1"));
    }
}

package org.segprune.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.model.Architectures;
import org.segprune.model.ModelInfo;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.testutil.RecordedWarnings;
import org.segprune.util.SegPruneException;

/** The Model Reader's settings for what a model file may not carry (the node's and every --model option's). */
class ModelReaderImportSettingsTest {

    @TempDir
    Path dir;

    private Path plainZip() throws IOException {
        Path file = dir.resolve("plain.zip");
        ModelSerializer.writeModel(Architectures.build(new ModelSpec(ModelSpec.UNET, 64, 3, 2, 2, 1)).graph(), file.toFile(),
                false);
        return file;
    }

    private static SegmentationModel read(Path file, Map<String, String> settings, List<String> warnings) {
        Map<String, String> raw = new java.util.HashMap<>(settings);
        raw.put(ModelReaderSettings.SOURCE, ModelReaderSettings.FILE);
        raw.put(ModelReaderSettings.MODEL_FILE, file.toString());
        RecordedWarnings progress = new RecordedWarnings();
        SegmentationModel model = ModelReaderStep.run(Steps.MODEL_READER.settings(raw), null, progress);
        warnings.addAll(progress.messages);
        return model;
    }

    @Test
    void settingsOverrideWhatTheFileSaysAndAsStoredKeepsIt() throws IOException {
        Path file = plainZip();
        List<String> warnings = new ArrayList<>();
        SegmentationModel kept = read(file, Map.of(), warnings);
        assertEquals(List.of(256, ModelInfo.RGB, ModelInfo.SCALE_255), List.of(kept.info().inputSize(),
                kept.info().channelOrder(), kept.info().normalization()));
        assertEquals(1, warnings.size(), "a plain zip's assumed size is warned about: " + warnings);

        warnings.clear();
        SegmentationModel set = read(file, Map.of(ModelReaderSettings.FILE_INPUT_SIZE, "64",
                ModelReaderSettings.CHANNEL_ORDER, "bgr", ModelReaderSettings.NORMALIZATION, "mean-std:0.485,0.229",
                ModelReaderSettings.OUTPUT_CHANNEL, "0"), warnings);
        assertEquals(List.of(64, ModelInfo.BGR, "mean-std:0.485,0.229"), List.of(set.info().inputSize(),
                set.info().channelOrder(), set.info().normalization()));
        assertEquals(List.of(), warnings, "a given input size is not assumed");
    }

    @Test
    void badValuesNameTheSetting() throws IOException {
        Path file = plainZip();
        SegPruneException normalization = assertThrows(SegPruneException.class,
                () -> read(file, Map.of(ModelReaderSettings.NORMALIZATION, "z-score"), new ArrayList<>()));
        assertTrue(normalization.getMessage().contains("[normalization]"), normalization.getMessage());
        SegPruneException channel = assertThrows(SegPruneException.class,
                () -> read(file, Map.of(ModelReaderSettings.OUTPUT_CHANNEL, "3"), new ArrayList<>()));
        assertTrue(channel.getMessage().contains("output channel 3"), channel.getMessage());
    }
}

package org.segprune.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.segprune.model.SegmentationModel;
import org.segprune.step.ModelReaderSettings;
import org.segprune.step.ModelReaderStep;
import org.segprune.step.Steps;
import org.segprune.util.Progress;

/**
 * The options of every command that reads a model, for what an imported model does not carry: the Segmentation
 * Model Reader's import settings ({@link ModelReaderSettings#IMPORT_KEYS}: {@code --input-size N},
 * {@code --channels grey|rgb|bgr}, {@code --normalize none|scale255|image-std|dataset-std|mean-std:M,S},
 * {@code --output-channel K}, {@code --mask-values binary|class-index|values:a,b,c}), read and checked from their one declaration. The model is read as the node reads
 * it; what is given is stored in the model's metadata, so models written from it carry it on.
 */
final class ModelOptions {

    private final Map<String, String> given;

    private ModelOptions(Map<String, String> given) {
        this.given = given;
    }

    /** Reads the options (call before {@link Args#rejectUnknown()}). */
    static ModelOptions read(Args args) {
        return new ModelOptions(StepOptions.read(args, Steps.MODEL_READER, ModelReaderSettings.IMPORT_KEYS, fileSource("-")));
    }

    SegmentationModel load(Path file, Progress progress) {
        Map<String, String> raw = new LinkedHashMap<>(given);
        raw.putAll(fileSource(file.toString()));
        return ModelReaderStep.run(Steps.MODEL_READER.settings(raw), null, progress);
    }

    private static Map<String, String> fileSource(String file) {
        return Map.of(ModelReaderSettings.SOURCE, ModelReaderSettings.FILE, ModelReaderSettings.MODEL_FILE, file);
    }
}

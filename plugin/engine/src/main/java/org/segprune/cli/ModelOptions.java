package org.segprune.cli;

import java.nio.file.Path;
import org.segprune.model.ModelIO;
import org.segprune.model.SegmentationModel;

/**
 * The options of every command that reads a model, for what an imported model does not carry:
 * {@code --input-size N} (when the model's is not fixed), {@code --channels grey|rgb|bgr},
 * {@code --normalize none|scale255|image-std|mean-std:M,S}, {@code --output-channel K} and
 * {@code --mask-values binary|class-index|values:a,b,c}. What is
 * given is stored in the model's metadata, so models written from it carry it on.
 */
record ModelOptions(int inputSize, String channels, String normalize, Integer outputChannel, String maskValues) {

    /** Reads the options (call before {@link Args#rejectUnknown()}). */
    static ModelOptions read(Args args) {
        return new ModelOptions(args.integer("input-size", 0), args.string("channels", null), args.string("normalize", null),
                args.has("output-channel") ? args.integer("output-channel", 0) : null, args.string("mask-values", null));
    }

    SegmentationModel load(Path file) {
        SegmentationModel model = ModelIO.load(file, inputSize);
        if (channels == null && normalize == null && outputChannel == null && maskValues == null) {
            return model;
        }
        return new SegmentationModel(model.graph(),
                model.info().withPreprocessing(channels, normalize, outputChannel).withMaskValues(maskValues));
    }
}

package org.segprune.model;

import java.util.Locale;
import org.segprune.util.SegPruneException;

/**
 * What to build: architecture, input size and channels, depth, base filters and output classes. One record for every
 * built-in architecture so the command line, the KNIME Segmentation Model Reader and the tests share it.
 *
 * @param classes 1: one sigmoid output channel (foreground against background, binary masks); 2 or more: one softmax
 *                channel per class, class 0 the background, masks holding class indices ({@link Heads})
 */
public record ModelSpec(String architecture, int inputSize, int inputChannels, int depth, int baseFilters, long seed,
        int classes) {

    public static final String UNET = "unet";
    public static final int MAX_CLASSES = 256;

    /** What the masks of the data this network learns from hold: 0/255 for one class, else class indices. */
    public MaskValues maskValues() {
        return MaskValues.parse(classes == 1 ? MaskValues.BINARY : MaskValues.CLASS_INDEX);
    }

    /** The classes the masks are checked against: background and foreground for a binary model. */
    public int maskClasses() {
        return classes == 1 ? 2 : classes;
    }

    /** A binary model: one sigmoid output channel. */
    public ModelSpec(String architecture, int inputSize, int inputChannels, int depth, int baseFilters, long seed) {
        this(architecture, inputSize, inputChannels, depth, baseFilters, seed, 1);
    }

    public ModelSpec {
        architecture = architecture == null ? "" : architecture.toLowerCase(Locale.ROOT);
        if (!Architectures.names().contains(architecture)) {
            throw new SegPruneException("unknown architecture '" + architecture + "' (known: "
                    + String.join(", ", Architectures.names()) + ")");
        }
        if (inputChannels != 1 && inputChannels != 3) {
            throw new SegPruneException("input channels must be 1 or 3, got " + inputChannels);
        }
        if (depth < 1 || depth > 6) {
            throw new SegPruneException("depth must be between 1 and 6, got " + depth);
        }
        if (baseFilters < 1 || baseFilters > 512) {
            throw new SegPruneException("base filters must be between 1 and 512, got " + baseFilters);
        }
        if (classes < 1 || classes > MAX_CLASSES) {
            throw new SegPruneException("output classes must be between 1 and " + MAX_CLASSES + ", got " + classes);
        }
        int multiple = 1 << depth;
        if (inputSize < multiple || inputSize % multiple != 0 || inputSize > 2048) {
            throw new SegPruneException("input size " + inputSize + " must be a multiple of " + multiple
                    + " (2^depth) and at most 2048");
        }
    }
}

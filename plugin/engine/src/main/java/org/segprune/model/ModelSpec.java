package org.segprune.model;

import java.util.Locale;
import org.segprune.util.SegPruneException;

/**
 * What to build: architecture, input size and channels, depth and base filters. One record for every
 * built-in architecture so the command line, the KNIME Segmentation Model Reader and the tests share it.
 */
public record ModelSpec(String architecture, int inputSize, int inputChannels, int depth, int baseFilters, long seed) {

    public static final String UNET = "unet";

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
        int multiple = 1 << depth;
        if (inputSize < multiple || inputSize % multiple != 0 || inputSize > 2048) {
            throw new SegPruneException("input size " + inputSize + " must be a multiple of " + multiple
                    + " (2^depth) and at most 2048");
        }
    }
}

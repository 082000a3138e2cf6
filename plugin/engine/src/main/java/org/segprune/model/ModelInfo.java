package org.segprune.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What SegPrune knows about a model beyond DL4J's own configuration: its architecture, input shape
 * and provenance (which scoring and pruning steps made it). Stored as JSON inside the model zip.
 */
public record ModelInfo(String architecture, int inputSize, int inputChannels, List<String> provenance) {

    public ModelInfo {
        provenance = provenance == null ? List.of() : List.copyOf(provenance);
    }

    /** The same model with one more provenance step. */
    public ModelInfo with(String step) {
        List<String> steps = new ArrayList<>(provenance);
        steps.add(step);
        return new ModelInfo(architecture, inputSize, inputChannels, steps);
    }

    /** NCHW shape of one input image. */
    public long[] inputShape() {
        return new long[] {1, inputChannels, inputSize, inputSize};
    }
}

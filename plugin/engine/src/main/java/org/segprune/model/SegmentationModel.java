package org.segprune.model;

import org.deeplearning4j.nn.graph.ComputationGraph;

/** A DL4J ComputationGraph with the SegPrune facts that travel with it. */
public record SegmentationModel(ComputationGraph graph, ModelInfo info) {

    /**
     * An independent copy with the same configuration, weights and information. DL4J networks are not thread-safe
     * (a forward pass keeps its activations in the layers), so every step execution works on its own copy
     * ({@code Step.execute}); copies of one model may be taken from several threads at once.
     */
    public SegmentationModel copy() {
        synchronized (graph) {
            return new SegmentationModel(graph.clone(), info);
        }
    }
}

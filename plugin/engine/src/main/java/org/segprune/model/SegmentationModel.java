package org.segprune.model;

import org.deeplearning4j.nn.graph.ComputationGraph;

/** A DL4J ComputationGraph with the SegPrune facts that travel with it. */
public record SegmentationModel(ComputationGraph graph, ModelInfo info) {
}

package org.segprune.runtime;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A model opened in one {@link InferenceRuntime}: NCHW float batches in, the model's output (NCHW) out. */
@FunctionalInterface
public interface ForwardPass extends AutoCloseable {

    INDArray output(INDArray features);

    /** Releases what the runtime holds (an ONNX Runtime session); DL4J holds nothing beyond the caller's graph. */
    @Override
    default void close() {
    }

    /** Inference-mode passes through a DL4J graph (which stays the caller's). */
    static ForwardPass of(ComputationGraph graph) {
        return features -> graph.outputSingle(false, features);
    }
}

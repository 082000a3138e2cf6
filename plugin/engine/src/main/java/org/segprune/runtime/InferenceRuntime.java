package org.segprune.runtime;

import java.util.Arrays;
import java.util.List;
import org.segprune.model.SegmentationModel;
import org.segprune.util.Progress;

/**
 * The runtimes a model can predict with: DL4J itself, or ONNX Runtime (the model exported to ONNX in memory). Both run
 * the model's inference form (batch norms folded), so their outputs agree within float rounding.
 */
public enum InferenceRuntime {

    DL4J("dl4j", "Deeplearning4j, the engine's own runtime (ND4J backend: see the backend setting)"),
    ONNXRUNTIME("onnxruntime", "ONNX Runtime " + OrtForwardPass.VERSION + " on the CPU: the model is exported to ONNX in "
            + "memory (batch norms folded) and run there");

    private final String id;
    private final String doc;

    InferenceRuntime(String id, String doc) {
        this.id = id;
        this.doc = doc;
    }

    /** The setting's value. */
    public String id() {
        return id;
    }

    public String doc() {
        return doc;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(InferenceRuntime::id).toList();
    }

    /** The runtime of a setting value already checked against {@link #ids()}. */
    public static InferenceRuntime of(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown runtime '" + id + "', expected one of " + ids()));
    }

    /**
     * Opens {@code inference} (a model's {@link org.segprune.graph.InferenceForm inference form}) for forward passes.
     *
     * @param threads the step's thread-count setting: ONNX Runtime's intra-op threads ({@link #threads(int)}); DL4J's
     *                threads are set by the caller ({@link Dl4jRuntime#withThreads})
     */
    public ForwardPass open(SegmentationModel inference, int threads, Progress progress) {
        return switch (this) {
            case DL4J -> ForwardPass.of(inference.graph());
            case ONNXRUNTIME -> OrtForwardPass.open(inference, threads(threads), progress);
        };
    }

    /**
     * The threads this runtime computes with on the calling thread for a thread-count setting: DL4J's OpenMP threads; for
     * ONNX Runtime the setting, or when it is 0 as many as DL4J has (so that both runtimes get the same cores, e.g.
     * OMP_NUM_THREADS).
     */
    public int threads(int setting) {
        return this == ONNXRUNTIME && setting > 0 ? setting : Dl4jRuntime.threads();
    }
}

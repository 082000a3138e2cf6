package org.segprune.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.graph.ChannelGraph;
import org.segprune.interop.onnx.OnnxExporter;
import org.segprune.model.SegmentationModel;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/**
 * Forward passes through ONNX Runtime's CPU provider: the model is exported to ONNX in memory ({@link OnnxExporter},
 * nothing written) and opened in one session, closed with this object.
 */
final class OrtForwardPass implements ForwardPass {

    /** The pinned version (1.29.0 crashes when a JVM system property is longer than about 4 KB). */
    static final String VERSION = "1.28.0";

    /** Channels per block of ONNX Runtime's NCHWc layout on AVX2 (AVX-512 blocks hold two of them). */
    private static final int NCHWC_BLOCK = 8;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;

    private OrtForwardPass(OrtEnvironment environment, OrtSession session) throws OrtException {
        this.environment = environment;
        this.session = session;
        this.inputName = session.getInputNames().iterator().next();
    }

    /** @param threads intra-op threads (at least 1) */
    static OrtForwardPass open(SegmentationModel inference, int threads, Progress progress) {
        OrtEnvironment environment = environment();
        byte[] onnx = OnnxExporter.convert(inference, OnnxExporter.Options.DEFAULTS, progress).toByteArray();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(optimizationLevel(inference));
            OrtSession session = environment.createSession(onnx, options);
            try {
                return new OrtForwardPass(environment, session);
            } catch (OrtException | RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new SegPruneException("ONNX Runtime cannot open the exported model: " + e.getMessage(), e);
        }
    }

    /**
     * ONNX Runtime's highest level (ALL) adds its NCHWc layout, which speeds up a network whose filter counts fill
     * the layout's blocks and slows down one with the odd counts pruning leaves, by the reorders between the blocked
     * layers and the others (docs/benchmarks.md: the unpruned U-Net 7.0 ms with it, 10.3 ms without; pruned to 25 %,
     * 3.0 ms with it, 2.7 ms without). Such a network runs at the level below (EXTENDED: the same fusions, no
     * layout change).
     */
    static OrtSession.SessionOptions.OptLevel optimizationLevel(SegmentationModel model) {
        boolean filled = ChannelGraph.of(model).prunableGroups().stream().allMatch(group -> group.channels() % NCHWC_BLOCK == 0);
        return filled ? OrtSession.SessionOptions.OptLevel.ALL_OPT : OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
    }

    /** ONNX Runtime's environment, loading its natives on first use; a platform without them is a one-line error. */
    private static OrtEnvironment environment() {
        try {
            return OrtEnvironment.getEnvironment();
        } catch (RuntimeException | LinkageError e) {
            throw new SegPruneException("ONNX Runtime " + VERSION + " cannot load its native libraries on this platform ("
                    + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "): " + e.getMessage()
                    + "; use the runtime dl4j", e);
        }
    }

    @Override
    public INDArray output(INDArray features) {
        float[] input = features.castTo(DataType.FLOAT).dup('c').data().asFloat();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input), features.shape());
                OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            OnnxTensor output = (OnnxTensor) result.get(0);
            FloatBuffer values = output.getFloatBuffer();
            float[] data = new float[values.remaining()];
            values.get(data);
            return Nd4j.create(data, output.getInfo().getShape(), 'c');
        } catch (OrtException e) {
            throw new SegPruneException("ONNX Runtime failed on a batch: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new SegPruneException("ONNX Runtime could not close its session: " + e.getMessage(), e);
        }
    }
}

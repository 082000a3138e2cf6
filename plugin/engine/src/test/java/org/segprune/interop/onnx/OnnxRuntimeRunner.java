package org.segprune.interop.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runs an ONNX model in ONNX Runtime (CPU, one thread) on an NCHW input and returns its only output. */
public final class OnnxRuntimeRunner {

    private OnnxRuntimeRunner() {
    }

    public static INDArray run(byte[] model, INDArray input) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = environment.createSession(model, options);
                    OnnxTensor tensor = OnnxTensor.createTensor(environment,
                            FloatBuffer.wrap(input.castTo(DataType.FLOAT).dup('c').data().asFloat()), input.shape());
                    OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), tensor))) {
                OnnxTensor output = (OnnxTensor) result.get(0);
                FloatBuffer values = output.getFloatBuffer();
                float[] data = new float[values.remaining()];
                values.get(data);
                return Nd4j.create(data, output.getInfo().getShape(), 'c');
            }
        }
    }

    public static double maxAbsDifference(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}

package org.segprune.interop.onnx;

import java.util.List;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationMish;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.segprune.model.ClipActivation;
import org.segprune.model.HardSigmoidActivation;
import org.segprune.model.HardSwishActivation;

/** DL4J activation functions as ONNX nodes on NCHW tensors. */
final class Activations {

    private Activations() {
    }

    static boolean isIdentity(IActivation activation) {
        return activation == null || activation instanceof ActivationIdentity;
    }

    /**
     * Writes {@code activation} of tensor {@code x} into {@code output}; softmax runs over the channel axis, which only
     * {@code softmaxOverChannels} callers (loss layers, where DL4J does the same) may ask for.
     */
    static String write(VertexCall call, IActivation activation, String x, String output, boolean softmaxOverChannels) {
        OnnxGraph onnx = call.onnx();
        if (activation instanceof ActivationReLU relu) {
            if (relu.getMax() != null || relu.getThreshold() != null || relu.getNegativeSlope() != null) {
                throw call.unsupported("its ReLU has a maximum, threshold or negative slope");
            }
            return onnx.node("Relu", List.of(x), output);
        }
        if (activation instanceof ActivationReLU6) {
            return onnx.node("Clip", List.of(x, onnx.floats(call.name() + ".min", 0f), onnx.floats(call.name() + ".max", 6f)),
                    output);
        }
        if (activation instanceof ActivationLReLU leaky) {
            return onnx.node("LeakyRelu", List.of(x), output, OnnxGraph.real("alpha", leaky.getAlpha()));
        }
        if (activation instanceof ActivationELU elu) {
            return onnx.node("Elu", List.of(x), output, OnnxGraph.real("alpha", elu.getAlpha()));
        }
        if (activation instanceof ActivationSigmoid) {
            return onnx.node("Sigmoid", List.of(x), output);
        }
        if (activation instanceof ActivationHardSigmoid) {
            // libnd4j: min(1, max(0, 0.2 x + 0.5)), ONNX's default alpha and beta
            return onnx.node("HardSigmoid", List.of(x), output, OnnxGraph.real("alpha", 0.2), OnnxGraph.real("beta", 0.5));
        }
        if (activation instanceof ActivationTanH) {
            return onnx.node("Tanh", List.of(x), output);
        }
        if (activation instanceof ActivationSoftPlus) {
            return onnx.node("Softplus", List.of(x), output);
        }
        if (activation instanceof ActivationSwish) {
            String gate = onnx.node("Sigmoid", List.of(x), call.temporary("sigmoid"));
            return onnx.node("Mul", List.of(x, gate), output);
        }
        if (activation instanceof HardSigmoidActivation hard) {
            // imported with the source's own alpha and beta (PyTorch: 1/6 and 0.5)
            return onnx.node("HardSigmoid", List.of(x), output, OnnxGraph.real("alpha", hard.getAlpha()),
                    OnnxGraph.real("beta", hard.getBeta()));
        }
        if (activation instanceof HardSwishActivation) {
            // the exporter's opset 13 has no HardSwish (opset 14): x * HardSigmoid(x), as PyTorch writes it there
            String gate = onnx.node("HardSigmoid", List.of(x), call.temporary("hardsigmoid"), OnnxGraph.real("alpha", 1.0 / 6),
                    OnnxGraph.real("beta", 0.5));
            return onnx.node("Mul", List.of(x, gate), output);
        }
        if (activation instanceof ActivationSELU) {
            // DL4J's fixed constants, which are ONNX's defaults
            return onnx.node("Selu", List.of(x), output);
        }
        if (activation instanceof ActivationMish) {
            // no Mish before opset 18: x * tanh(softplus(x))
            String softplus = onnx.node("Softplus", List.of(x), call.temporary("softplus"));
            String tanh = onnx.node("Tanh", List.of(softplus), call.temporary("tanh"));
            return onnx.node("Mul", List.of(x, tanh), output);
        }
        if (activation instanceof ClipActivation clip) {
            return onnx.node("Clip", List.of(x, onnx.floats(call.name() + ".min", (float) clip.getMin()),
                    onnx.floats(call.name() + ".max", (float) clip.getMax())), output);
        }
        if (activation instanceof ActivationSoftmax && softmaxOverChannels) {
            return onnx.node("Softmax", List.of(x), output, OnnxGraph.integer("axis", 1));
        }
        throw call.unsupported("its activation " + activation + " has no ONNX counterpart in the exporter");
    }
}

package org.segprune.model;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.nd4j.linalg.activations.Activation;
import org.segprune.loss.BceDiceLoss;
import org.segprune.loss.CeDiceLoss;

/**
 * The output head of the built-in architectures, from {@link ModelSpec#classes()}: one sigmoid channel trained with
 * BCE + dice for binary masks, or one softmax channel per class trained with cross-entropy + dice for class-index
 * masks (class 0 the background), the head imported models with class masks get too.
 */
final class Heads {

    private Heads() {
    }

    /** Output channels of the head's 1x1 convolution. */
    static int channels(ModelSpec spec) {
        return spec.classes() == 1 ? 1 : spec.classes();
    }

    /** The loss layer after the head. */
    static CnnLossLayer output(ModelSpec spec) {
        return spec.classes() == 1
                ? new CnnLossLayer.Builder().lossFunction(new BceDiceLoss()).activation(Activation.SIGMOID).build()
                : new CnnLossLayer.Builder().lossFunction(new CeDiceLoss()).activation(Activation.SOFTMAX).build();
    }

    /** The model information of a built network; {@code built} is its provenance line. */
    static ModelInfo info(String architecture, ModelSpec spec, String built) {
        if (spec.classes() == 1) {
            return new ModelInfo(architecture, spec.inputSize(), spec.inputChannels(), List.of(built));
        }
        return new ModelInfo(architecture, spec.inputSize(), spec.inputChannels(),
                List.of(built + ", " + spec.classes() + " classes (softmax)"), null, null, ModelInfo.OUTPUT_SOFTMAX,
                spec.classes(), spec.classes() - 1, Map.of(), spec.maskValues().setting());
    }
}

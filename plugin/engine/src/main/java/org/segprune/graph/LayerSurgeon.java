package org.segprune.graph;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Knows one DL4J layer type's channel behaviour: how its output channels relate to its input
 * channels, how to count its parameters for given channel counts, how to resize its configuration
 * and how to cut its parameters. One implementation per layer type, registered in {@link LayerSurgeons}.
 */
public interface LayerSurgeon {

    /** How a layer's output channels relate to its input channels. */
    enum Role {
        /** Makes new channels from all input channels (convolution, transposed convolution): prunable. */
        PRODUCER,
        /** One parameter set per channel (batch norm): follows its input's pruning. */
        CHANNELWISE,
        /** No parameters, same channels out as in (activation, pooling, upsampling, dropout, loss). */
        PASS_THROUGH,
        /** Not understood: its input channels are left alone and its output is not prunable. */
        OPAQUE
    }

    Role role();

    /** Trainable parameters for {@code in} input and {@code out} output channels (for CHANNELWISE in == out). */
    long trainableParams(Layer layer, long in, long out);

    /** Non-trainable parameters kept with the model (batch-norm running statistics). */
    default long statisticParams(Layer layer, long in, long out) {
        return 0;
    }

    /** Multiply-accumulate operations for one image, given the layer's input and output grid. */
    default long macs(Layer layer, long in, long out, long inH, long inW, long outH, long outW) {
        return 0;
    }

    /** Sets the configuration's channel counts. */
    default void resize(Layer layer, long in, long out) {
    }

    /**
     * The parameters of the smaller layer: each parameter array sliced to the kept input and output
     * channel indices, values copied exactly. Keys as in DL4J's paramTable.
     */
    default Map<String, INDArray> slice(Layer layer, Map<String, INDArray> params, int[] keptIn, int[] keptOut) {
        return params;
    }
}

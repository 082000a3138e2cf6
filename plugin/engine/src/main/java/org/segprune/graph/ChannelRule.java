package org.segprune.graph;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one layer or graph vertex of a model does to channels, bound to that vertex's configuration:
 * how its output channels relate to its inputs', and for layers how to count, resize and cut its
 * parameters. One class per type, registered in {@link ChannelRules}; everything else (the channel
 * graph, surgery, statistics, scoring, attention placement) asks the rule instead of the type.
 */
public interface ChannelRule {

    /** How a vertex treats channels. */
    enum Treatment {
        /** Makes new channels from all input channels (convolution, transposed convolution): prunable. */
        PRODUCE,
        /** One parameter set per channel (batch norm): follows its input's pruning. */
        CHANNELWISE,
        /** No parameters, the same channels out as in (activation, pooling, upsampling, dropout, loss). */
        PASS_THROUGH,
        /** Stacks its inputs' channels in input order. */
        CONCATENATE,
        /** Combines its inputs channel by channel and keeps zero channels zero: their channels are pruned together. */
        COUPLE,
        /** Multiplies a feature map (input 0) by a per-channel gate (input 1): the gate's channels follow the map's. */
        BROADCAST_SCALE,
        /** Multiplies a feature map (input 0) by one map (input 1) shared by all its channels: the map's channels pass. */
        SPATIAL_GATE,
        /** Not understood: its inputs are left whole and its output is not prunable ({@link #opaqueReason()}). */
        OPAQUE
    }

    Treatment treatment();

    /** Why an OPAQUE vertex cannot be cut through, e.g. "layer type SeparableConvolution2D is not supported". */
    default String opaqueReason() {
        return null;
    }

    /** Trainable parameters for {@code in} input and {@code out} output channels (CHANNELWISE: in == out). */
    default long trainableParams(long in, long out) {
        return 0;
    }

    /** Non-trainable parameters kept with the model (batch-norm running statistics). */
    default long statisticParams(long in, long out) {
        return 0;
    }

    /** Multiply-accumulate operations for one image, given the pixels of the input and the output grid. */
    default long macs(long in, long out, long inPixels, long outPixels) {
        return 0;
    }

    /** Sets the bound configuration's channel counts (call it on a clone). */
    default void resize(long in, long out) {
    }

    /**
     * The parameters of the smaller layer: each array cut to the kept input and output channel indices,
     * values copied exactly. Keys as in DL4J's paramTable.
     */
    default Map<String, INDArray> slice(Map<String, INDArray> params, int[] keptIn, int[] keptOut) {
        return params;
    }

    /**
     * The parameters with the given output channels made exactly zero after this layer (METHOD.md's
     * zero-equivalence check: a producer's filters and bias, a batch norm's gamma and beta).
     */
    default Map<String, INDArray> silenced(Map<String, INDArray> params, List<Integer> removedOut) {
        return params;
    }

    /** The axis of the weight {@code W} that indexes output channels (producers and depthwise convolutions). */
    default int filterAxis() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " produces no filters");
    }

    /**
     * Whether this step only transforms each value of its input in place, on the same grid (batch norm,
     * activation, dropout): the activation later layers read comes after it, so an attention module on a
     * channel group attaches behind it.
     */
    default boolean elementwiseInPlace() {
        return false;
    }

    /**
     * Whether this layer must be folded into the producer before it to be frozen (batch norm: frozen, it
     * would still normalise with batch statistics while training).
     */
    default boolean foldsIntoProducer() {
        return false;
    }

    /** Whether a following per-channel affine step can be folded into its weights (on {@link #filterAxis()}) and bias. */
    default boolean acceptsFold() {
        return false;
    }

    /** FoldsIntoProducer: the producer's parameters with this layer folded in (the producer's output channels on {@code filterAxis}). */
    default Map<String, INDArray> foldInto(Map<String, INDArray> producer, Map<String, INDArray> own, int filterAxis) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be folded");
    }

    /** AcceptsFold: gives the bound configuration a bias (a folded batch norm needs one). */
    default void enableBias() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no bias to enable");
    }
}

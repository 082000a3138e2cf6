package org.segprune.graph;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer with one value per channel in each parameter (batch norm, instance norm, PReLU): its input and output
 * channels are the same channels, cut together, and it works in place on its producer's channels.
 */
abstract class PerChannelRule implements ChannelRule {

    private final FeedForwardLayer layer;

    PerChannelRule(FeedForwardLayer layer) {
        this.layer = layer;
    }

    @Override
    public final Treatment treatment() {
        return Treatment.CHANNELWISE;
    }

    @Override
    public final void resize(long in, long out) {
        layer.setNIn(in);
        layer.setNOut(in);
    }

    @Override
    public final Map<String, INDArray> slice(Map<String, INDArray> params, int[] keptIn, int[] keptOut) {
        return ParamSlicer.sliceVectors(params, keptIn);
    }

    @Override
    public final boolean elementwiseInPlace() {
        return true;
    }
}

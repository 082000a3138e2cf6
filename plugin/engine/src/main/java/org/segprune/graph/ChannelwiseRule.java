package org.segprune.graph;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.model.ChannelwiseLayer;

/**
 * SegPrune's own per-channel layers ({@link ChannelwiseLayer}: instance norm, PReLU): each parameter is one value per
 * channel, cut with the channels; they keep no statistics. Silencing zeroes instance norm's gamma and beta, which
 * makes a channel exactly zero whatever the image; PReLU keeps zero at zero by itself (registered in {@link ChannelRules}).
 */
final class ChannelwiseRule extends PerChannelRule {

    private final ChannelwiseLayer layer;
    private final boolean zeroedByParams;

    /** @param zeroedByParams whether zero parameters make a channel's output zero (then silencing zeroes them) */
    ChannelwiseRule(ChannelwiseLayer layer, boolean zeroedByParams) {
        super(layer);
        this.layer = layer;
        this.zeroedByParams = zeroedByParams;
    }

    @Override
    public long trainableParams(long in, long out) {
        return layer.initializer().paramKeys(layer).size() * in;
    }

    @Override
    public Map<String, INDArray> silenced(Map<String, INDArray> params, List<Integer> removedOut) {
        return zeroedByParams ? ParamSlicer.zeroVectors(params, List.copyOf(params.keySet()), removedOut) : params;
    }
}

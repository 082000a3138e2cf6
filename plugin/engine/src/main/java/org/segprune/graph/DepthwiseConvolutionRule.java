package org.segprune.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Depthwise convolution with depth multiplier 1, W [kh, kw, in, 1], optional b [in]: one kernel per
 * channel, so it follows its input's pruning like a batch norm. A larger multiplier makes several
 * output channels per input channel, which no channel group describes yet: opaque.
 */
final class DepthwiseConvolutionRule implements ChannelRule {

    private static final int CHANNEL_AXIS = 2;

    private final DepthwiseConvolution2D layer;

    private DepthwiseConvolutionRule(DepthwiseConvolution2D layer) {
        this.layer = layer;
    }

    static ChannelRule of(DepthwiseConvolution2D layer) {
        if (layer.getDepthMultiplier() != 1) {
            return OpaqueRule.of(layer, "depthwise convolution with depth multiplier " + layer.getDepthMultiplier()
                    + " is not supported");
        }
        if (layer.getCnn2dDataFormat() == CNN2DFormat.NHWC) {
            return OpaqueRule.of(layer, "channels-last (NHWC) DepthwiseConvolution2D is not supported");
        }
        return new DepthwiseConvolutionRule(layer);
    }

    @Override
    public Treatment treatment() {
        return Treatment.CHANNELWISE;
    }

    private long kernel() {
        int[] k = layer.getKernelSize();
        return (long) k[0] * k[1];
    }

    @Override
    public long trainableParams(long in, long out) {
        return kernel() * in + (layer.hasBias() ? in : 0);
    }

    @Override
    public long macs(long in, long out, long inPixels, long outPixels) {
        return kernel() * in * outPixels;
    }

    @Override
    public void resize(long in, long out) {
        layer.setNIn(in);
        layer.setNOut(in);
    }

    @Override
    public Map<String, INDArray> slice(Map<String, INDArray> params, int[] keptIn, int[] keptOut) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put("W", ParamSlicer.sliceAxis(params.get("W"), CHANNEL_AXIS, keptIn));
        if (params.containsKey("b")) {
            out.put("b", ParamSlicer.sliceVector(params.get("b"), keptIn));
        }
        return out;
    }

    @Override
    public Map<String, INDArray> silenced(Map<String, INDArray> params, List<Integer> removedOut) {
        Map<String, INDArray> out = new LinkedHashMap<>(params);
        out.put("W", ParamSlicer.zeroAxis(params.get("W"), CHANNEL_AXIS, removedOut));
        if (params.containsKey("b")) {
            out.put("b", ParamSlicer.zeroVector(params.get("b"), removedOut));
        }
        return out;
    }

    @Override
    public int filterAxis() {
        return CHANNEL_AXIS;
    }

    @Override
    public boolean acceptsFold() {
        return true;
    }

    @Override
    public void enableBias() {
        layer.setHasBias(true);
    }
}

package org.segprune.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2-D convolution, W [out, in, kh, kw], and transposed convolution, W [in, out, kh, kw], each with an
 * optional b [out]: the same producer but for the weight axis of the filters and the grid the MACs are
 * counted on (a transposed convolution applies its kernel once per input pixel). Channels-last layers
 * are opaque: the attention modules and the zero-equivalence check assume channels on axis 1.
 */
final class ConvolutionRule implements ChannelRule {

    private final ConvolutionLayer layer;
    private final boolean transposed;

    private ConvolutionRule(ConvolutionLayer layer, boolean transposed) {
        this.layer = layer;
        this.transposed = transposed;
    }

    static ChannelRule standard(ConvolutionLayer layer) {
        return checked(layer, false);
    }

    static ChannelRule transposed(Deconvolution2D layer) {
        return checked(layer, true);
    }

    private static ChannelRule checked(ConvolutionLayer layer, boolean transposed) {
        if (layer.getCnn2dDataFormat() == CNN2DFormat.NHWC) {
            return OpaqueRule.of(layer, "channels-last (NHWC) " + layer.getClass().getSimpleName() + " is not supported");
        }
        return new ConvolutionRule(layer, transposed);
    }

    @Override
    public Treatment treatment() {
        return Treatment.PRODUCE;
    }

    private long kernel() {
        int[] k = layer.getKernelSize();
        return (long) k[0] * k[1];
    }

    @Override
    public long trainableParams(long in, long out) {
        return kernel() * in * out + (layer.hasBias() ? out : 0);
    }

    @Override
    public long macs(long in, long out, long inPixels, long outPixels) {
        return kernel() * in * out * (transposed ? inPixels : outPixels);
    }

    @Override
    public void resize(long in, long out) {
        layer.setNIn(in);
        layer.setNOut(out);
    }

    @Override
    public Map<String, INDArray> slice(Map<String, INDArray> params, int[] keptIn, int[] keptOut) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        INDArray weights = params.get("W");
        out.put("W", transposed ? ParamSlicer.slice4d(weights, keptIn, keptOut) : ParamSlicer.slice4d(weights, keptOut, keptIn));
        if (params.containsKey("b")) {
            out.put("b", ParamSlicer.sliceVector(params.get("b"), keptOut));
        }
        return out;
    }

    @Override
    public Map<String, INDArray> silenced(Map<String, INDArray> params, List<Integer> removedOut) {
        Map<String, INDArray> out = new LinkedHashMap<>(params);
        out.put("W", ParamSlicer.zeroAxis(params.get("W"), filterAxis(), removedOut));
        if (params.containsKey("b")) {
            out.put("b", ParamSlicer.zeroVector(params.get("b"), removedOut));
        }
        return out;
    }

    @Override
    public int filterAxis() {
        return transposed ? 1 : 0;
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

package org.segprune.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The convolution family, each with an optional bias b [out]: one rule, parameterised by where W keeps
 * its output channels and which grid the kernel runs on. Channels-last layers are opaque: the attention
 * modules and the zero-equivalence check assume channels on axis 1 of the activations.
 */
final class ConvolutionRule implements ChannelRule {

    /** The family's members. */
    private enum Form {
        /** W [out, in, kh, kw]; the kernel runs once per output pixel. */
        STANDARD(0),
        /** W [in, out, kh, kw]; the kernel runs once per input pixel. */
        TRANSPOSED(1),
        /** W [kh, kw, in, 1]: one kernel per channel, so it follows its input's pruning like a batch norm. */
        DEPTHWISE(2);

        private final int channelAxis;

        Form(int channelAxis) {
            this.channelAxis = channelAxis;
        }
    }

    private final ConvolutionLayer layer;
    private final Form form;

    private ConvolutionRule(ConvolutionLayer layer, Form form) {
        this.layer = layer;
        this.form = form;
    }

    static ChannelRule standard(ConvolutionLayer layer) {
        return checked(layer, Form.STANDARD);
    }

    static ChannelRule transposed(Deconvolution2D layer) {
        return checked(layer, Form.TRANSPOSED);
    }

    /** A depth multiplier above 1 makes several channels per input channel, which no channel group describes yet. */
    static ChannelRule depthwise(DepthwiseConvolution2D layer) {
        if (layer.getDepthMultiplier() != 1) {
            return OpaqueRule.of(layer, "depthwise convolution with depth multiplier " + layer.getDepthMultiplier()
                    + " is not supported");
        }
        return checked(layer, Form.DEPTHWISE);
    }

    private static ChannelRule checked(ConvolutionLayer layer, Form form) {
        if (layer.getCnn2dDataFormat() == CNN2DFormat.NHWC) {
            return OpaqueRule.of(layer, "channels-last (NHWC) " + layer.getClass().getSimpleName() + " is not supported");
        }
        return new ConvolutionRule(layer, form);
    }

    @Override
    public Treatment treatment() {
        return form == Form.DEPTHWISE ? Treatment.CHANNELWISE : Treatment.PRODUCE;
    }

    /** kh * kw. */
    private long kernel() {
        int[] k = layer.getKernelSize();
        return (long) k[0] * k[1];
    }

    /** A kernel per pair of input and output channel, or per channel for a depthwise convolution. */
    private long weights(long in, long out) {
        return kernel() * (form == Form.DEPTHWISE ? out : in * out);
    }

    @Override
    public long trainableParams(long in, long out) {
        return weights(in, out) + (layer.hasBias() ? out : 0);
    }

    @Override
    public long macs(long in, long out, long inPixels, long outPixels) {
        return weights(in, out) * (form == Form.TRANSPOSED ? inPixels : outPixels);
    }

    @Override
    public void resize(long in, long out) {
        layer.setNIn(in);
        layer.setNOut(out);
    }

    @Override
    public Map<String, INDArray> slice(Map<String, INDArray> params, int[] keptIn, int[] keptOut) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        INDArray w = params.get("W");
        out.put("W", switch (form) {
            case STANDARD -> ParamSlicer.slice4d(w, keptOut, keptIn);
            case TRANSPOSED -> ParamSlicer.slice4d(w, keptIn, keptOut);
            case DEPTHWISE -> ParamSlicer.sliceAxis(w, form.channelAxis, keptOut);
        });
        if (params.containsKey("b")) {
            out.put("b", ParamSlicer.sliceVector(params.get("b"), keptOut));
        }
        return out;
    }

    @Override
    public Map<String, INDArray> silenced(Map<String, INDArray> params, List<Integer> removedOut) {
        Map<String, INDArray> out = new LinkedHashMap<>(params);
        out.put("W", ParamSlicer.zeroAxis(params.get("W"), form.channelAxis, removedOut));
        if (params.containsKey("b")) {
            out.put("b", ParamSlicer.zeroVector(params.get("b"), removedOut));
        }
        return out;
    }

    @Override
    public int filterAxis() {
        return form.channelAxis;
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

package org.segprune.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** 2-D convolution: W [out, in, kh, kw], optional b [out]. */
final class ConvolutionSurgeon implements LayerSurgeon {

    @Override
    public Role role() {
        return Role.PRODUCER;
    }

    private static long kernel(Layer layer) {
        int[] k = ((ConvolutionLayer) layer).getKernelSize();
        return (long) k[0] * k[1];
    }

    @Override
    public long trainableParams(Layer layer, long in, long out) {
        return kernel(layer) * in * out + (((ConvolutionLayer) layer).hasBias() ? out : 0);
    }

    @Override
    public long macs(Layer layer, long in, long out, long inH, long inW, long outH, long outW) {
        return kernel(layer) * in * out * outH * outW;
    }

    @Override
    public void resize(Layer layer, long in, long out) {
        ((ConvolutionLayer) layer).setNIn(in);
        ((ConvolutionLayer) layer).setNOut(out);
    }

    @Override
    public Map<String, INDArray> slice(Layer layer, Map<String, INDArray> params, int[] keptIn, int[] keptOut) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put("W", ParamSlicer.slice4d(params.get("W"), keptOut, keptIn));
        if (params.containsKey("b")) {
            out.put("b", ParamSlicer.sliceVector(params.get("b"), keptOut));
        }
        return out;
    }
}

package org.segprune.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** 2-D transposed convolution: W [in, out, kh, kw], optional b [out]; MACs counted on the input grid. */
final class DeconvolutionSurgeon implements LayerSurgeon {

    @Override
    public Role role() {
        return Role.PRODUCER;
    }

    private static long kernel(Layer layer) {
        int[] k = ((Deconvolution2D) layer).getKernelSize();
        return (long) k[0] * k[1];
    }

    @Override
    public long trainableParams(Layer layer, long in, long out) {
        return kernel(layer) * in * out + (((Deconvolution2D) layer).hasBias() ? out : 0);
    }

    @Override
    public long macs(Layer layer, long in, long out, long inH, long inW, long outH, long outW) {
        return kernel(layer) * in * out * inH * inW;
    }

    @Override
    public void resize(Layer layer, long in, long out) {
        ((Deconvolution2D) layer).setNIn(in);
        ((Deconvolution2D) layer).setNOut(out);
    }

    @Override
    public Map<String, INDArray> slice(Layer layer, Map<String, INDArray> params, int[] keptIn, int[] keptOut) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put("W", ParamSlicer.slice4d(params.get("W"), keptIn, keptOut));
        if (params.containsKey("b")) {
            out.put("b", ParamSlicer.sliceVector(params.get("b"), keptOut));
        }
        return out;
    }
}

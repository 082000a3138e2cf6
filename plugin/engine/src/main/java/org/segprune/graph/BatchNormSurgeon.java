package org.segprune.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Batch norm: gamma, beta (trainable unless locked) and running mean and variance, one per channel. */
final class BatchNormSurgeon implements LayerSurgeon {

    @Override
    public Role role() {
        return Role.CHANNELWISE;
    }

    @Override
    public long trainableParams(Layer layer, long in, long out) {
        return ((BatchNormalization) layer).isLockGammaBeta() ? 0 : 2 * in;
    }

    @Override
    public long statisticParams(Layer layer, long in, long out) {
        return 2 * in;
    }

    @Override
    public void resize(Layer layer, long in, long out) {
        ((BatchNormalization) layer).setNIn(in);
        ((BatchNormalization) layer).setNOut(in);
    }

    @Override
    public Map<String, INDArray> slice(Layer layer, Map<String, INDArray> params, int[] keptIn, int[] keptOut) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        params.forEach((key, value) -> out.put(key, ParamSlicer.sliceVector(value, keptIn)));
        return out;
    }
}

package org.segprune.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters that are one value per channel each (instance norm's gamma and beta, PReLU's slopes), as rows [1, C]
 * of the layer's parameter view, in the order of their keys, starting at fixed values.
 */
final class ChannelParams implements ParamInitializer {

    private final List<String> keys;
    private final double[] initial;

    ChannelParams(String[] keys, double[] initial) {
        this.keys = List.of(keys);
        this.initial = initial.clone();
    }

    private static long channels(Layer layer) {
        return ((FeedForwardLayer) layer).getNOut();
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return keys.size() * channels(layer);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return false;
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initialize) {
        Map<String, INDArray> params = views(conf, paramsView);
        if (initialize) {
            for (int i = 0; i < keys.size(); i++) {
                params.get(keys.get(i)).assign(initial[i]);
            }
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf, gradientView);
    }

    private Map<String, INDArray> views(NeuralNetConfiguration conf, INDArray flat) {
        long c = channels(conf.getLayer());
        INDArray row = flat.reshape('c', 1, keys.size() * c);
        Map<String, INDArray> views = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            views.put(keys.get(i), row.get(NDArrayIndex.all(), NDArrayIndex.interval(i * c, (i + 1) * c)));
        }
        return views;
    }
}

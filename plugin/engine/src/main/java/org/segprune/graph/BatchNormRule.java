package org.segprune.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch norm: gamma, beta (trainable unless locked) and the running mean and log10 standard deviation
 * (or variance), one each per channel.
 */
final class BatchNormRule implements ChannelRule {

    private final BatchNormalization layer;

    BatchNormRule(BatchNormalization layer) {
        this.layer = layer;
    }

    @Override
    public Treatment treatment() {
        return Treatment.CHANNELWISE;
    }

    @Override
    public long trainableParams(long in, long out) {
        return layer.isLockGammaBeta() ? 0 : 2 * in;
    }

    @Override
    public long statisticParams(long in, long out) {
        return 2 * in;
    }

    @Override
    public void resize(long in, long out) {
        layer.setNIn(in);
        layer.setNOut(in);
    }

    @Override
    public Map<String, INDArray> slice(Map<String, INDArray> params, int[] keptIn, int[] keptOut) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        params.forEach((key, value) -> out.put(key, ParamSlicer.sliceVector(value, keptIn)));
        return out;
    }

    /** Zero gamma and beta make a channel exactly zero whatever its statistics. */
    @Override
    public Map<String, INDArray> silenced(Map<String, INDArray> params, List<Integer> removedOut) {
        Map<String, INDArray> out = new LinkedHashMap<>(params);
        for (String key : new String[] {"gamma", "beta"}) {
            if (params.containsKey(key)) {
                out.put(key, ParamSlicer.zeroVector(params.get(key), removedOut));
            }
        }
        return out;
    }

    @Override
    public boolean elementwiseInPlace() {
        return true;
    }

    @Override
    public boolean foldsIntoProducer() {
        return true;
    }

    /**
     * Folds y = gamma (conv(x) + b - mean) / std + beta into the producer: W' = W s, b' = (b - mean) s + beta
     * with s = gamma / std per output channel (std = 10^log10stdev, or sqrt(var + eps)).
     */
    @Override
    public Map<String, INDArray> foldInto(Map<String, INDArray> producer, Map<String, INDArray> own, int filterAxis) {
        float[] gamma = floats(own.get("gamma"));
        float[] beta = floats(own.get("beta"));
        float[] mean = floats(own.get("mean"));
        boolean logStd = own.containsKey("log10stdev");
        float[] std = logStd ? floats(own.get("log10stdev")) : floats(own.get("var"));
        for (int c = 0; c < std.length; c++) {
            std[c] = logStd ? (float) Math.pow(10, std[c]) : (float) Math.sqrt(std[c] + layer.getEps());
        }
        INDArray w = producer.get("W").dup('c').castTo(DataType.FLOAT);
        long[] shape = w.shape();
        float[] weights = w.data().asFloat();
        ParamSlicer.Strides strides = ParamSlicer.Strides.of(shape, filterAxis);
        for (int before = 0; before < strides.outer(); before++) {
            for (int c = 0; c < strides.size(); c++) {
                float s = gamma[c] / std[c];
                int start = (before * strides.size() + c) * strides.inner();
                for (int k = start; k < start + strides.inner(); k++) {
                    weights[k] *= s;
                }
            }
        }
        float[] bias = producer.containsKey("b") ? floats(producer.get("b")) : new float[gamma.length];
        for (int c = 0; c < gamma.length; c++) {
            bias[c] = (bias[c] - mean[c]) * gamma[c] / std[c] + beta[c];
        }
        Map<String, INDArray> folded = new LinkedHashMap<>();
        folded.put("W", Nd4j.create(weights, shape, 'c'));
        folded.put("b", Nd4j.create(bias, new long[] {1, bias.length}, 'c'));
        return folded;
    }

    private static float[] floats(INDArray array) {
        return array.dup('c').castTo(DataType.FLOAT).data().asFloat();
    }
}

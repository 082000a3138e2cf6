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
final class BatchNormRule extends PerChannelRule {

    private final BatchNormalization layer;

    BatchNormRule(BatchNormalization layer) {
        super(layer);
        this.layer = layer;
    }

    @Override
    public long trainableParams(long in, long out) {
        return layer.isLockGammaBeta() ? 0 : 2 * in;
    }

    @Override
    public long statisticParams(long in, long out) {
        return 2 * in;
    }

    /** Zero gamma and beta make a channel exactly zero whatever its statistics. */
    @Override
    public Map<String, INDArray> silenced(Map<String, INDArray> params, List<Integer> removedOut) {
        return ParamSlicer.zeroVectors(params, List.of("gamma", "beta"), removedOut);
    }

    @Override
    public boolean foldsIntoProducer() {
        return true;
    }

    /**
     * Folds y = scale conv(x) + scale b + shift into the producer: W' = W scale per output channel, b' = b scale +
     * shift. Computed in double precision and rounded once, so that the folded network matches the original to
     * float rounding.
     */
    @Override
    public Map<String, INDArray> foldInto(Map<String, INDArray> producer, Map<String, INDArray> own, int filterAxis) {
        BatchNormStats stats = BatchNormStats.of(layer, own);
        double[] scale = stats.scale();
        double[] shift = stats.shift();
        INDArray w = producer.get("W");
        long[] shape = w.shape();
        double[] weights = BatchNormStats.doubles(w);
        ParamSlicer.Strides strides = ParamSlicer.Strides.of(shape, filterAxis);
        for (int before = 0; before < strides.outer(); before++) {
            for (int c = 0; c < strides.size(); c++) {
                int start = (before * strides.size() + c) * strides.inner();
                for (int k = start; k < start + strides.inner(); k++) {
                    weights[k] *= scale[c];
                }
            }
        }
        double[] bias = producer.containsKey("b") ? BatchNormStats.doubles(producer.get("b")) : new double[scale.length];
        for (int c = 0; c < scale.length; c++) {
            bias[c] = bias[c] * scale[c] + shift[c];
        }
        Map<String, INDArray> folded = new LinkedHashMap<>();
        folded.put("W", Nd4j.create(weights, shape, 'c').castTo(DataType.FLOAT));
        folded.put("b", Nd4j.create(bias, new long[] {1, bias.length}, 'c').castTo(DataType.FLOAT));
        return folded;
    }
}

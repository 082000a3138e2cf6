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
        return ParamSlicer.sliceVectors(params, keptIn);
    }

    /** Zero gamma and beta make a channel exactly zero whatever its statistics. */
    @Override
    public Map<String, INDArray> silenced(Map<String, INDArray> params, List<Integer> removedOut) {
        return ParamSlicer.zeroVectors(params, List.of("gamma", "beta"), removedOut);
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
     * with s = gamma / std per output channel, std = sqrt(var + eps); DL4J's log-std form keeps
     * log10(sqrt(var)) and adds eps when it normalises, so eps is added here too. Computed in double
     * precision and rounded once, so that the folded network matches the original to float rounding.
     */
    @Override
    public Map<String, INDArray> foldInto(Map<String, INDArray> producer, Map<String, INDArray> own, int filterAxis) {
        double[] gamma = doubles(own.get("gamma"));
        double[] beta = doubles(own.get("beta"));
        double[] mean = doubles(own.get("mean"));
        boolean logStd = own.containsKey("log10stdev");
        double[] std = logStd ? doubles(own.get("log10stdev")) : doubles(own.get("var"));
        for (int c = 0; c < std.length; c++) {
            std[c] = Math.sqrt((logStd ? Math.pow(10, 2 * std[c]) : std[c]) + layer.getEps());
        }
        INDArray w = producer.get("W").dup('c');
        long[] shape = w.shape();
        double[] weights = doubles(w);
        ParamSlicer.Strides strides = ParamSlicer.Strides.of(shape, filterAxis);
        for (int before = 0; before < strides.outer(); before++) {
            for (int c = 0; c < strides.size(); c++) {
                double s = gamma[c] / std[c];
                int start = (before * strides.size() + c) * strides.inner();
                for (int k = start; k < start + strides.inner(); k++) {
                    weights[k] *= s;
                }
            }
        }
        double[] bias = producer.containsKey("b") ? doubles(producer.get("b")) : new double[gamma.length];
        for (int c = 0; c < gamma.length; c++) {
            bias[c] = (bias[c] - mean[c]) * gamma[c] / std[c] + beta[c];
        }
        Map<String, INDArray> folded = new LinkedHashMap<>();
        folded.put("W", Nd4j.create(weights, shape, 'c').castTo(DataType.FLOAT));
        folded.put("b", Nd4j.create(bias, new long[] {1, bias.length}, 'c').castTo(DataType.FLOAT));
        return folded;
    }

    private static double[] doubles(INDArray array) {
        return array.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }
}

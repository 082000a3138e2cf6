package org.segprune.interop.onnx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.graph.BatchNormStats;
import org.segprune.graph.ChannelRules;

/**
 * Batch norm folded into the convolution before it costs nothing at run time: {@code W' = scale W} (per output
 * channel, in the ONNX weight layout the writer has already made) and {@code b' = scale b + shift}
 * ({@link BatchNormStats}).
 */
final class BatchNormFolding {

    /** The batch norm folded into a convolution: its name and statistics. */
    record Folded(String batchNorm, BatchNormStats stats) {
    }

    private BatchNormFolding() {
    }

    /**
     * Which batch norm folds into which convolution: a batch norm whose only input is a convolution without an
     * activation of its own that nothing else reads. Maps the convolution's name to its batch norm.
     */
    static Map<String, Folded> plan(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        Map<String, Integer> readers = new HashMap<>();
        conf.getVertexInputs().values().forEach(inputs -> inputs.forEach(input -> readers.merge(input, 1, Integer::sum)));
        Map<String, Folded> folds = new HashMap<>();
        for (Map.Entry<String, GraphVertex> entry : conf.getVertices().entrySet()) {
            List<String> inputs = conf.getVertexInputs().get(entry.getKey());
            if (!(ChannelRules.layerOf(entry.getValue()) instanceof BatchNormalization batchNorm) || inputs == null || inputs.size() != 1
                    || ((LayerVertex) entry.getValue()).getPreProcessor() != null) {
                continue;
            }
            String source = inputs.get(0);
            if (ChannelRules.layerOf(conf.getVertices().get(source)) instanceof ConvolutionLayer convolution
                    && !(convolution instanceof SeparableConvolution2D)
                    && convolution.getActivationFn() instanceof ActivationIdentity
                    && readers.getOrDefault(source, 0) == 1 && !conf.getNetworkOutputs().contains(source)) {
                folds.put(source, new Folded(entry.getKey(), BatchNormStats.of(batchNorm, graph.getLayer(entry.getKey()).paramTable())));
            }
        }
        return folds;
    }

    /** Scales {@code weights} along {@code outputAxis} and returns the folded bias (from {@code bias}, or zeros if null). */
    static INDArray[] fold(INDArray weights, INDArray bias, int outputAxis, BatchNormStats stats) {
        INDArray scale = Nd4j.createFromArray(stats.scale());
        long[] shape = new long[weights.rank()];
        java.util.Arrays.fill(shape, 1);
        shape[outputAxis] = scale.length();
        INDArray folded = weights.castTo(DataType.DOUBLE).mul(scale.reshape(shape).broadcast(weights.shape()));
        INDArray b = bias == null ? Nd4j.zeros(DataType.DOUBLE, scale.length()) : bias.castTo(DataType.DOUBLE).reshape(-1);
        return new INDArray[] {folded, b.mul(scale).add(Nd4j.createFromArray(stats.shift()))};
    }
}

package org.segprune.interop.onnx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch norm at inference is the per-channel affine map {@code y = scale x + shift} with {@code scale = gamma /
 * sqrt(var + eps)} and {@code shift = beta - mean scale}. Folded into the convolution before it, it costs nothing at
 * run time: {@code W' = scale W} (per output channel) and {@code b' = scale b + shift}.
 */
final class BatchNormFolding {

    /** A batch norm's inference statistics in double precision; var is the variance, not DL4J's log10 of the std. */
    record Stats(INDArray gamma, INDArray beta, INDArray mean, INDArray var, double eps) {

        INDArray scale() {
            return gamma.div(Transforms.sqrt(var.add(eps), true));
        }

        INDArray shift() {
            return beta.sub(mean.mul(scale()));
        }
    }

    /** The batch norm folded into a convolution: its name and statistics. */
    record Folded(String batchNorm, Stats stats) {
    }

    private BatchNormFolding() {
    }

    /** The statistics of a DL4J batch norm layer from its parameters (gamma and beta fixed when locked). */
    static Stats stats(BatchNormalization conf, Map<String, INDArray> params) {
        INDArray mean = params.get("mean").castTo(DataType.DOUBLE).reshape(-1);
        long n = mean.length();
        INDArray var;
        if (conf.isUseLogStd()) {
            // DL4J keeps log10 of the standard deviation without eps and adds eps when it normalises
            INDArray std = Transforms.pow(Nd4j.valueArrayOf(new long[] {n}, 10.0, DataType.DOUBLE),
                    params.get("log10stdev").castTo(DataType.DOUBLE).reshape(-1), false);
            var = std.mul(std);
        } else {
            var = params.get("var").castTo(DataType.DOUBLE).reshape(-1);
        }
        INDArray gamma = conf.isLockGammaBeta() ? Nd4j.valueArrayOf(new long[] {n}, conf.getGamma(), DataType.DOUBLE)
                : params.get("gamma").castTo(DataType.DOUBLE).reshape(-1);
        INDArray beta = conf.isLockGammaBeta() ? Nd4j.valueArrayOf(new long[] {n}, conf.getBeta(), DataType.DOUBLE)
                : params.get("beta").castTo(DataType.DOUBLE).reshape(-1);
        return new Stats(gamma, beta, mean, var, conf.getEps());
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
            if (!(layerOf(entry.getValue()) instanceof BatchNormalization batchNorm) || inputs == null || inputs.size() != 1
                    || ((LayerVertex) entry.getValue()).getPreProcessor() != null) {
                continue;
            }
            String source = inputs.get(0);
            if (layerOf(conf.getVertices().get(source)) instanceof ConvolutionLayer convolution
                    && !(convolution instanceof SeparableConvolution2D)
                    && convolution.getActivationFn() instanceof ActivationIdentity
                    && readers.getOrDefault(source, 0) == 1 && !conf.getNetworkOutputs().contains(source)) {
                folds.put(source, new Folded(entry.getKey(), stats(batchNorm, graph.getLayer(entry.getKey()).paramTable())));
            }
        }
        return folds;
    }

    /** Scales {@code weights} along {@code outputAxis} and returns the folded bias (from {@code bias}, or zeros if null). */
    static INDArray[] fold(INDArray weights, INDArray bias, int outputAxis, Stats stats) {
        INDArray scale = stats.scale();
        long[] shape = new long[weights.rank()];
        java.util.Arrays.fill(shape, 1);
        shape[outputAxis] = scale.length();
        INDArray folded = weights.castTo(DataType.DOUBLE).mul(scale.reshape(shape).broadcast(weights.shape()));
        INDArray b = bias == null ? Nd4j.zeros(DataType.DOUBLE, scale.length()) : bias.castTo(DataType.DOUBLE).reshape(-1);
        return new INDArray[] {folded, b.mul(scale).add(stats.shift())};
    }

    static Layer layerOf(GraphVertex vertex) {
        return vertex instanceof LayerVertex layerVertex ? layerVertex.getLayerConf().getLayer() : null;
    }
}

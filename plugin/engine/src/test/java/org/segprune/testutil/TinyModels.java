package org.segprune.testutil;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.ModelInfo;
import org.segprune.model.SegmentationModel;
import org.segprune.loss.BceDiceLoss;
import org.segprune.prune.PruneSettings;
import org.segprune.prune.Pruner;
import org.segprune.score.MagnitudeScorer;
import org.segprune.score.ScoringRequest;
import org.segprune.score.ScoringSettings;
import org.segprune.util.Progress;

/** Small graphs for pruning tests. */
public final class TinyModels {

    private TinyModels() {
    }

    /**
     * input -> stem conv-BN-ReLU -> residual block (conv-BN-ReLU-conv-BN + 1x1 projection shortcut
     * conv-BN, added) -> ReLU -> concat with the stem -> conv-BN-ReLU -> 1x1 head.
     */
    public static SegmentationModel residual(int size, long seed) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(size, size, 3));
        conv(g, "stem", "input", 6, 3, true);
        conv(g, "a", "stem_relu", 8, 3, true);
        conv(g, "b", "a_relu", 8, 3, false);
        conv(g, "shortcut", "stem_relu", 8, 1, false);
        g.addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "b_bn", "shortcut_bn");
        g.addLayer("add_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add");
        g.addVertex("concat", new MergeVertex(), "stem_relu", "add_relu");
        conv(g, "fuse", "concat", 5, 3, true);
        return withHead(g, "fuse_relu", "residual-test", size);
    }

    /** input -> stem conv-BN-ReLU (6) -> 3x3 depthwise conv (bias) -BN-ReLU -> fuse conv-BN-ReLU (5) -> 1x1 head. */
    public static SegmentationModel depthwise(int size, long seed) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(size, size, 3));
        conv(g, "stem", "input", 6, 3, true);
        g.addLayer("dw", new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(1).hasBias(true)
                .activation(Activation.IDENTITY).build(), "stem_relu");
        g.addLayer("dw_bn", new BatchNormalization.Builder().build(), "dw");
        g.addLayer("dw_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "dw_bn");
        conv(g, "fuse", "dw_relu", 5, 3, true);
        return withHead(g, "fuse_relu", "depthwise-test", size);
    }

    /** Adds a 1x1 head and the loss after {@code last}, builds and initialises the network. */
    private static SegmentationModel withHead(ComputationGraphConfiguration.GraphBuilder g, String last, String name, int size) {
        g.addLayer("head", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.IDENTITY).build(), last);
        g.addLayer("output", new CnnLossLayer.Builder().lossFunction(new BceDiceLoss()).activation(Activation.SIGMOID).build(),
                "head");
        g.setOutputs("output");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return new SegmentationModel(graph, new ModelInfo(name, size, 3, List.of()));
    }

    private static void conv(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int filters, int kernel,
            boolean relu) {
        g.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).nOut(filters).hasBias(true)
                .activation(Activation.IDENTITY).build(), input);
        g.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name);
        if (relu) {
            g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_bn");
        }
    }

    /**
     * Gives every batch norm non-trivial gamma, beta, mean and variance, so that a test cannot pass
     * because fresh batch norms are the identity.
     */
    public static void randomiseBatchNorms(ComputationGraph graph, long seed) {
        Random random = new Random(seed);
        for (Layer layer : graph.getLayers()) {
            if (layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                layer.paramTable().forEach((key, value) -> {
                    INDArray replacement = Nd4j.create(DataType.FLOAT, value.shape());
                    for (long i = 0; i < replacement.length(); i++) {
                        double v = switch (key) {
                            case "gamma" -> 0.5 + random.nextDouble();
                            case "log10stdev" -> -0.5 + random.nextDouble() * 0.7;
                            case "var" -> 0.2 + random.nextDouble();
                            default -> random.nextGaussian() * 0.3;
                        };
                        replacement.putScalar(i, v);
                    }
                    layer.setParam(key, replacement.castTo(value.dataType()));
                });
            }
        }
    }

    /** Half of every layer's filters removed by l1: a pruned model for equality tests. */
    public static SegmentationModel pruneHalfWithL1(SegmentationModel model) {
        ChannelGraph channels = ChannelGraph.of(model);
        var scores = MagnitudeScorer.L1.score(new ScoringRequest(model, channels, null, ScoringSettings.DEFAULTS, Progress.NONE));
        SegmentationModel pruned = Pruner.prune(model, scores, PruneSettings.ratio(0.5, 1)).model();
        org.junit.jupiter.api.Assertions.assertTrue(pruned.graph().numParams() < model.graph().numParams());
        return pruned;
    }
}

package org.segprune.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The U-Net of Ronneberger et al.: per level two conv3x3-BN-ReLU, 2x2 max-pool down, 2x2 transposed
 * convolution up, skip concatenation, 1x1 sigmoid head. Filters double per level from the base.
 */
public final class UNetBuilder {

    public static final String INPUT = "input";
    public static final String HEAD = "head";
    public static final String OUTPUT = "output";

    private UNetBuilder() {
    }

    public static SegmentationModel build(ModelSpec spec) {
        ComputationGraphConfiguration.GraphBuilder g = baseConfiguration(spec.seed())
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(spec.inputSize(), spec.inputSize(), spec.inputChannels()));
        String previous = INPUT;
        String[] skips = new String[spec.depth()];
        for (int level = 0; level < spec.depth(); level++) {
            previous = convBlock(g, "enc" + level, previous, spec.baseFilters() << level);
            skips[level] = previous;
            g.addLayer("pool" + level, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                    previous);
            previous = "pool" + level;
        }
        previous = convBlock(g, "bottleneck", previous, spec.baseFilters() << spec.depth());
        for (int level = spec.depth() - 1; level >= 0; level--) {
            int filters = spec.baseFilters() << level;
            g.addLayer("up" + level, new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(filters)
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build(), previous);
            g.addVertex("concat" + level, new MergeVertex(), skips[level], "up" + level);
            previous = convBlock(g, "dec" + level, "concat" + level, filters);
        }
        g.addLayer(HEAD, new ConvolutionLayer.Builder(1, 1).nOut(Heads.channels(spec)).activation(Activation.IDENTITY).build(),
                previous);
        g.addLayer(OUTPUT, Heads.output(spec), HEAD);
        g.setOutputs(OUTPUT);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return new SegmentationModel(graph, Heads.info(ModelSpec.UNET, spec, String.format("built unet depth %d base %d input "
                + "%dx%dx%d seed %d", spec.depth(), spec.baseFilters(), spec.inputChannels(), spec.inputSize(), spec.inputSize(),
                spec.seed())));
    }

    /** The settings every built-in architecture shares: float32, He init, Adam, workspaces on. */
    static NeuralNetConfiguration.Builder baseConfiguration(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(new Adam(1e-3))
                .convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
    }

    /** conv3x3-BN-ReLU twice; returns the name of the last vertex. */
    static String convBlock(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int filters) {
        String previous = input;
        for (int i = 1; i <= 2; i++) {
            previous = convBnRelu(g, name + "_conv" + i, previous, filters, 3, 1);
        }
        return previous;
    }

    /** A bias-free convolution (its batch norm has the shift), batch norm and ReLU; returns the ReLU's name. */
    static String convBnRelu(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int filters, int kernel,
            int dilation) {
        g.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).dilation(dilation, dilation).nOut(filters)
                .hasBias(false).activation(Activation.IDENTITY).build(), input);
        g.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name);
        g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_bn");
        return name + "_relu";
    }
}

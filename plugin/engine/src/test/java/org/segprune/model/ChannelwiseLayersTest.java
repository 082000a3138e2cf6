package org.segprune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.segprune.testutil.GradientChecks;
import org.segprune.runtime.Dl4jRuntime;

/** SegPrune's per-channel layers: instance norm (each image's channel by its own statistics) and PReLU, with exact gradients. */
class ChannelwiseLayersTest {

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.init();
    }

    private static ComputationGraph graph(DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(type)
                .updater(new NoOp()).convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("input").setInputTypes(InputType.convolutional(4, 5, 2))
                // no bias before the norm: it cancels out, and its zero gradient would be compared with float noise
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(3).hasBias(false).activation(Activation.IDENTITY)
                        .build(), "input")
                .addLayer("norm", new InstanceNormalization(3, 1e-5), "conv")
                .addLayer("prelu", new ChannelPRelu(3), "norm")
                .addLayer("after", new ConvolutionLayer.Builder(3, 3).nOut(1).activation(Activation.TANH).build(), "prelu")
                .addLayer("output", new CnnLossLayer.Builder().lossFunction(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "after")
                .setOutputs("output").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        graph.getLayer("norm").setParam("gamma", Nd4j.create(new double[][] {{0.5, 1.5, -1.0}}).castTo(type));
        graph.getLayer("norm").setParam("beta", Nd4j.create(new double[][] {{0.1, -0.2, 0.3}}).castTo(type));
        graph.getLayer("prelu").setParam("alpha", Nd4j.create(new double[][] {{0.1, 0.3, -0.2}}).castTo(type));
        return graph;
    }

    @Test
    void eachImageChannelIsNormalisedByItsOwnStatistics() {
        ComputationGraph graph = graph(DataType.FLOAT);
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 2, 4, 5).muli(10);
        INDArray normalised = graph.feedForward(input, false).get("norm");
        INDArray conv = graph.feedForward(input, false).get("conv");
        double[] gamma = {0.5, 1.5, -1.0};
        double[] beta = {0.1, -0.2, 0.3};
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                double[] values = conv.get(org.nd4j.linalg.indexing.NDArrayIndex.point(n),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(c)).dup().castTo(DataType.DOUBLE).data().asDouble();
                double mean = java.util.Arrays.stream(values).average().orElseThrow();
                double variance = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
                double expected = gamma[c] * (values[7] - mean) / Math.sqrt(variance + 1e-5) + beta[c];
                assertEquals(expected, normalised.getDouble(n, c, 1, 2), 1e-4, "image " + n + ", channel " + c);
            }
        }
        INDArray activated = graph.feedForward(input, false).get("prelu");
        double[] alpha = {0.1, 0.3, -0.2};
        for (int c = 0; c < 3; c++) {
            for (double value : new double[] {normalised.getDouble(0, c, 0, 0), normalised.getDouble(1, c, 3, 4)}) {
                assertTrue(Double.isFinite(value));
            }
            double x = normalised.getDouble(1, c, 3, 4);
            assertEquals(x > 0 ? x : alpha[c] * x, activated.getDouble(1, c, 3, 4), 1e-6, "PReLU, channel " + c);
        }
        assertEquals(normalised, graph.feedForward(input, false).get("norm"), "PReLU leaves its input as it was");
        // training mode normalises the same way: there are no running statistics
        assertEquals(0.0, graph.feedForward(input, true).get("norm").sub(normalised).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        ComputationGraph graph = graph(DataType.DOUBLE);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 5);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 1, 4, 5);
        GradientChecks.assertGradientsMatch(graph, input, labels, 1e-5, 1e-9, "instance norm and PReLU");
    }
}

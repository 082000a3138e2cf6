package org.segprune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.testutil.GradientChecks;

/** Attention U-Net's gate: a feature map times one map for all its channels, its exact gradient, and that it is saved. */
class SpatialGateTest {

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.init();
    }

    @Test
    void everyChannelIsMultipliedByTheSameMap() {
        ComputationGraph graph = graph(DataType.DOUBLE);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 5);
        var activations = graph.feedForward(input, false);
        INDArray map = activations.get("features");
        INDArray gate = activations.get("gate");
        INDArray gated = activations.get("gated");
        for (int c = 0; c < 3; c++) {
            assertEquals(map.getDouble(1, c, 2, 3) * gate.getDouble(1, 0, 2, 3), gated.getDouble(1, c, 2, 3), 1e-12, "channel " + c);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        ComputationGraph graph = graph(DataType.DOUBLE);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 5).subi(0.5);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 1, 4, 5);
        GradientChecks.assertGradientsMatch(graph, input, labels, 1e-5, 1e-9, "spatial gate");
    }

    @Test
    void savedAndReadBackWithItsConfiguration() {
        ComputationGraphConfiguration conf = graph(DataType.FLOAT).getConfiguration();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    }

    @Test
    void aGateWithSeveralChannelsIsRefused() {
        SpatialGate gate = new SpatialGate();
        assertThrows(org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException.class, () -> gate.getOutputType(0,
                InputType.convolutional(4, 5, 3), InputType.convolutional(4, 5, 2)));
    }

    private static ComputationGraph graph(DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(type).updater(new NoOp())
                .convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(4, 5, 2))
                .addLayer("features", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).build(), "input")
                .addLayer("gate", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.SIGMOID).build(), "input")
                .addVertex("gated", new SpatialGate(), "features", "gate")
                .addLayer("after", new ConvolutionLayer.Builder(3, 3).nOut(1).activation(Activation.IDENTITY).build(), "gated")
                .addLayer("output", new CnnLossLayer.Builder().lossFunction(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "after")
                .setOutputs("output").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }
}

package org.segprune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
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

/** ONNX's HardSwish (imported from MobileNetV3-style models): its values, its exact gradient, and that it is saved. */
class HardSwishActivationTest {

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.init();
    }

    @Test
    void valuesFollowOnnxDefinition() {
        double[] x = {-4, -3, -1.5, 0, 1, 2.5, 3, 5};
        INDArray y = new HardSwishActivation().getActivation(Nd4j.create(x), false);
        for (int i = 0; i < x.length; i++) {
            double expected = x[i] * Math.max(0, Math.min(1, x[i] / 6 + 0.5));
            assertEquals(expected, y.getDouble(i), 1e-12, "x = " + x[i]);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        ComputationGraph graph = graph(DataType.DOUBLE);
        // scaled so that inputs fall on both sides of the kinks at -3 and 3
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 5).subi(0.5).muli(16);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 1, 4, 5);
        GradientChecks.assertGradientsMatch(graph, input, labels, 1e-5, 1e-9, "hard swish");
    }

    @Test
    void savedAndReadBackWithItsConfiguration() {
        ComputationGraphConfiguration conf = graph(DataType.FLOAT).getConfiguration();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    }

    private static ComputationGraph graph(DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(type).updater(new NoOp())
                .convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(4, 5, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.IDENTITY).build(), "input")
                .addLayer("hardswish", new ActivationLayer.Builder().activation(new HardSwishActivation()).build(), "conv")
                .addLayer("after", new ConvolutionLayer.Builder(3, 3).nOut(1).activation(Activation.IDENTITY).build(), "hardswish")
                .addLayer("output", new CnnLossLayer.Builder().lossFunction(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "after")
                .setOutputs("output").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }
}

package org.segprune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.testutil.GradientChecks;

/**
 * The operations SegPrune adds for imported models that DL4J M2.1 lacks: ONNX's HardSwish (MobileNetV3) and Attention
 * U-Net's spatial gate (a feature map times one map for all its channels): their values, exact gradients, and that a
 * model holding them is saved and read back.
 */
class ImportedOperationsTest {

    /** A small graph around each operation, in the given precision. */
    private static final Map<String, Function<DataType, ComputationGraph>> GRAPHS = Map.of(
            "hardswish", type -> graph(type, "hardswish", (g, features) -> g.addLayer("hardswish",
                    new ActivationLayer.Builder().activation(new HardSwishActivation()).build(), features)),
            "spatial-gate", type -> graph(type, "spatial-gate", (g, features) -> g
                    .addLayer("gate", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.SIGMOID).build(), "input")
                    .addVertex("spatial-gate", new SpatialGate(), features, "gate")));

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.init();
    }

    @Test
    void hardSwishFollowsOnnxDefinition() {
        double[] x = {-4, -3, -1.5, 0, 1, 2.5, 3, 5};
        INDArray y = new HardSwishActivation().getActivation(Nd4j.create(x), false);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] * Math.max(0, Math.min(1, x[i] / 6 + 0.5)), y.getDouble(i), 1e-12, "x = " + x[i]);
        }
    }

    @Test
    void spatialGateMultipliesEveryChannelByTheSameMap() {
        var activations = GRAPHS.get("spatial-gate").apply(DataType.DOUBLE)
                .feedForward(Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 5), false);
        for (int c = 0; c < 3; c++) {
            assertEquals(activations.get("features").getDouble(1, c, 2, 3) * activations.get("gate").getDouble(1, 0, 2, 3),
                    activations.get("spatial-gate").getDouble(1, c, 2, 3), 1e-12, "channel " + c);
        }
    }

    @Test
    void aSpatialGateWithSeveralChannelsIsRefused() {
        assertThrows(InvalidInputTypeException.class, () -> new SpatialGate().getOutputType(0, InputType.convolutional(4, 5, 3),
                InputType.convolutional(4, 5, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hardswish", "spatial-gate"})
    void gradientsMatchFiniteDifferences(String operation) {
        // inputs spread over [-8, 8]: both sides of the hard swish's kinks at -3 and 3
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 5).subi(0.5).muli(16);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 1, 4, 5);
        GradientChecks.assertGradientsMatch(GRAPHS.get(operation).apply(DataType.DOUBLE), input, labels, 1e-5, 1e-9, operation);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hardswish", "spatial-gate"})
    void savedAndReadBackWithItsConfiguration(String operation) {
        ComputationGraphConfiguration conf = GRAPHS.get(operation).apply(DataType.FLOAT).getConfiguration();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    }

    /** Adds the operation (vertex {@code name}, reading the vertex {@code features}) to the graph. */
    private interface Operation {
        void add(ComputationGraphConfiguration.GraphBuilder graph, String features);
    }

    /** features (3x3 convolution) -> the operation, vertex {@code name} -> 3x3 convolution -> MSE loss. */
    private static ComputationGraph graph(DataType type, String name, Operation operation) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(5).dataType(type)
                .updater(new NoOp()).convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(4, 5, 2))
                .addLayer("features", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.IDENTITY).build(), "input");
        operation.add(g, "features");
        ComputationGraphConfiguration conf = g
                .addLayer("after", new ConvolutionLayer.Builder(3, 3).nOut(1).activation(Activation.IDENTITY).build(), name)
                .addLayer("output", new CnnLossLayer.Builder().lossFunction(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "after")
                .setOutputs("output").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }
}

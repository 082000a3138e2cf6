package org.segprune.score.attention;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.segprune.runtime.Dl4jRuntime;

/**
 * DL4J's numerical gradient check through a convolution, an attention module (gate + channel
 * scaling) and another convolution: the module's own parameters and everything before it get the
 * right gradients (DL4J M2.1 alone doubles them, see SameDiffGradients).
 */
class GateLayerGradientTest {

    private static DataType previousDefault;

    @BeforeAll
    static void doublePrecision() {
        Dl4jRuntime.init();
        previousDefault = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(previousDefault, previousDefault);
    }

    @ParameterizedTest
    @EnumSource(AttentionMethod.class)
    void gradientsThroughTheModuleAreExact(AttentionMethod method) {
        int channels = 4;
        GateLayer gate = new GateLayer(method, channels, 4, 4, 16, new int[] {1, 2}, 2, 9);
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new NoOp()).convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("input").setInputTypes(InputType.convolutional(4, 4, 2))
                .addLayer("before", new ConvolutionLayer.Builder(3, 3).nOut(channels).activation(Activation.TANH).build(), "input")
                .addLayer("gate", gate, "before")
                .addVertex("scaled", new ChannelGateVertex(channels), "before", "gate")
                .addLayer("after", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.IDENTITY).build(), "scaled")
                .addLayer("output", new CnnLossLayer.Builder().lossFunction(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "after")
                .setOutputs("output").build());
        graph.init();
        // give the zero-initialised parameters values, so that every parameter has a gradient
        graph.getLayer("gate").paramTable().values().forEach(p -> p.addi(Nd4j.rand(DataType.DOUBLE, p.shape()).subi(0.5)));
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 4);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 1, 4, 4);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(new INDArray[] {input}).labels(new INDArray[] {labels})
                .epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-8));
        assertTrue(ok, method + ": gradient check failed (see log)");
    }
}

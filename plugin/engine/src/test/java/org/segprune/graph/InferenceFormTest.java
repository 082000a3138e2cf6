package org.segprune.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.segprune.model.Architectures;
import org.segprune.model.ModelInfo;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.testutil.TinyModels;

/** The inference form predicts what the model predicts, with its batch norms and activation layers gone. */
class InferenceFormTest {

    /**
     * The bound. A DeepLabV3+ with randomised batch-norm statistics is itself not that stable: its
     * output for one image moves by about 3e-5 between batch sizes, so the bound is at least four times
     * that noise.
     */
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest
    @CsvSource({"unet, false", "unet, true", "deeplabv3plus, false", "deeplabv3plus, true", "residual, false",
            "depthwise, false"})
    void foldedModelGivesTheOriginalsOutputWithoutBatchNormLayers(String architecture, boolean pruned) {
        Dl4jRuntime.init();
        SegmentationModel model = switch (architecture) {
            case "residual" -> TinyModels.residual(32, 5);
            case "depthwise" -> TinyModels.depthwise(32, 5);
            default -> Architectures.build(new ModelSpec(architecture, 32, 1, architecture.equals("unet") ? 2 : 3, 4, 5));
        };
        TinyModels.randomiseBatchNorms(model.graph(), 5);
        if (pruned) {
            model = TinyModels.pruneHalfWithL1(model);
        }
        SegmentationModel folded = InferenceForm.of(model);

        int batchNormsBefore = count(model.graph(), BatchNormalization.class);
        assertTrue(batchNormsBefore > 0, "the network has batch norms to fold");
        assertEquals(0, count(folded.graph(), BatchNormalization.class), "every batch norm after a convolution is folded");
        int activationsBefore = count(model.graph(), ActivationLayer.class);
        assertTrue(activationsBefore == 0 || count(folded.graph(), ActivationLayer.class) < activationsBefore,
                "activation layers after convolutions are fused");
        assertTrue(folded.graph().getVertices().length < model.graph().getVertices().length);

        Nd4j.getRandom().setSeed(11);
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, model.info().inputChannels(), 32, 32).subi(0.5).muli(4);
        INDArray expected = model.graph().outputSingle(false, input.dup());
        INDArray actual = folded.graph().outputSingle(false, input.dup());
        double difference = expected.sub(actual).amaxNumber().doubleValue();
        double spread = expected.maxNumber().doubleValue() - expected.minNumber().doubleValue();
        // the original's own float noise: the first image alone against the first image of the batch
        INDArray alone = model.graph().outputSingle(false, input.get(NDArrayIndex.interval(0, 1)).dup());
        double noise = alone.sub(expected.get(NDArrayIndex.interval(0, 1))).amaxNumber().doubleValue();
        // and between DL4J's two convolution implementations: where oneDNN cannot build a primitive (dilated
        // convolutions with a bias on AVX-512 hosts), DL4J falls back to its own, for the folded model only
        noise = Math.max(noise, builtInImplementationDifference(model, input, expected));
        System.out.printf(Locale.ROOT, "inference form %s pruned=%s: %d -> %d vertices, max abs diff %.3g (output spread %.3g,"
                + " the original's own noise %.3g)%n", architecture, pruned, model.graph().getVertices().length,
                folded.graph().getVertices().length, difference, spread, noise);
        assertTrue(spread > 0.05, "the outputs vary: the comparison is not trivial");
        assertTrue(difference <= Math.max(TOLERANCE, 4 * noise), "max abs difference " + difference + ", noise " + noise);
        assertEquals(model.graph().outputSingle(false, input.dup()), expected, "the original is untouched");
    }

    /** A batch norm with locked gamma and beta keeps only its statistics as parameters: the fold uses the fixed values. */
    @Test
    void aBatchNormWithLockedGammaAndBetaFoldsWithItsFixedValues() {
        Dl4jRuntime.init();
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("image")
                .setInputTypes(InputType.convolutional(8, 8, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).hasBias(false).activation(Activation.IDENTITY).build(),
                        "image")
                .addLayer("bn", new BatchNormalization.Builder().lockGammaBeta(true).gamma(2.5).beta(-0.5).build(), "conv")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn")
                .addLayer("head", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.IDENTITY).build(), "relu")
                .setOutputs("head").build());
        graph.init();
        TinyModels.randomiseBatchNorms(graph, 3);
        SegmentationModel model = new SegmentationModel(graph, new ModelInfo("locked", 8, 1, List.of("built by InferenceFormTest")));

        SegmentationModel folded = InferenceForm.of(model);

        assertEquals(0, count(folded.graph(), BatchNormalization.class));
        Nd4j.getRandom().setSeed(3);
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 1, 8, 8);
        INDArray expected = graph.outputSingle(false, input.dup());
        double difference = expected.sub(folded.graph().outputSingle(false, input.dup())).amaxNumber().doubleValue();
        assertTrue(expected.maxNumber().doubleValue() - expected.minNumber().doubleValue() > 0.05, "the outputs vary");
        assertTrue(difference <= TOLERANCE, "max abs difference " + difference);
    }

    private static double builtInImplementationDifference(SegmentationModel model, INDArray input, INDArray expected) {
        return Dl4jRuntime.withoutPlatformHelpers(
                () -> model.graph().outputSingle(false, input.dup()).sub(expected).amaxNumber().doubleValue());
    }

    private static int count(ComputationGraph graph, Class<?> type) {
        int n = 0;
        for (var vertex : graph.getVertices()) {
            if (vertex.hasLayer() && type.isInstance(vertex.getLayer().conf().getLayer())) {
                n++;
            }
        }
        return n;
    }
}

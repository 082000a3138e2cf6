package org.segprune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.image.ResizeBilinear;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.segprune.testutil.GradientChecks;
import org.segprune.runtime.Dl4jRuntime;

/** The bilinear resize layer: values (PyTorch align_corners=False convention), gradients, save/load. */
class BilinearResizeTest {

    @BeforeAll
    static void fastPath() {
        Dl4jRuntime.init();
    }

    /** input -> BilinearResize -> loss, no parameters: the layer's forward pass alone. */
    private static ComputationGraph resizeOnly(int channels, int inH, int inW, BilinearResize resize) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder()
                .addInputs("input").setInputTypes(InputType.convolutional(inH, inW, channels))
                .addLayer("resize", resize, "input")
                .addLayer("output", new CnnLossLayer.Builder().lossFunction(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "resize")
                .setOutputs("output").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    @Test
    void twoByTwoToFourByFourMatchesHandComputation() {
        // PyTorch: F.interpolate(torch.tensor([[[[1., 2.], [3., 4.]]]]), size=(4, 4), mode='bilinear', align_corners=False)
        float[][] expected = {
            {1.00f, 1.25f, 1.75f, 2.00f},
            {1.50f, 1.75f, 2.25f, 2.50f},
            {2.50f, 2.75f, 3.25f, 3.50f},
            {3.00f, 3.25f, 3.75f, 4.00f}};
        INDArray input = Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {1, 1, 2, 2}, 'c');
        for (BilinearResize resize : List.of(BilinearResize.toSize(4, 4), BilinearResize.byScale(2))) {
            INDArray out = resizeOnly(1, 2, 2, resize).outputSingle(false, input);
            assertArrayEquals(new long[] {1, 1, 4, 4}, out.shape());
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    assertEquals(expected[y][x], out.getFloat(0, 0, y, x), 1e-6, resize + " at " + y + "," + x);
                }
            }
        }
    }

    @Test
    void interpolationMatrixRowsFollowHalfPixelCentres() {
        // 3 -> 5: sources max(0, (o + 0.5) * 0.6 - 0.5) = 0, 0.4, 1.0, 1.6, 2.2 (clamped to the last pixel)
        INDArray m = BilinearResize.interpolation(3, 5);
        float[][] expected = {{1, 0, 0}, {0.6f, 0.4f, 0}, {0, 1, 0}, {0, 0.4f, 0.6f}, {0, 0, 1}};
        for (int o = 0; o < 5; o++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[o][i], m.getFloat(o, i), 1e-6, "row " + o + " column " + i);
            }
        }
        // downscaling 4 -> 2: sources 0.5 and 2.5 (no antialiasing, as PyTorch)
        INDArray down = BilinearResize.interpolation(4, 2);
        assertEquals(0.5f, down.getFloat(0, 0), 1e-6);
        assertEquals(0.5f, down.getFloat(0, 1), 1e-6);
        assertEquals(0.5f, down.getFloat(1, 2), 1e-6);
        assertEquals(0.5f, down.getFloat(1, 3), 1e-6);
    }

    @Test
    void matchesLibnd4jResizeWithHalfPixelCentres() {
        int[][] cases = {{2, 3, 4, 6}, {5, 3, 7, 8}, {6, 8, 4, 3}, {1, 1, 5, 4}, {4, 4, 16, 16}};
        for (int[] c : cases) {
            INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, c[0], c[1]);
            INDArray ours = resizeOnly(3, c[0], c[1], BilinearResize.toSize(c[2], c[3])).outputSingle(false, input);
            // libnd4j resizes NHWC images
            INDArray nhwc = input.permute(0, 2, 3, 1).dup('c');
            INDArray resized = Nd4j.create(DataType.FLOAT, 2, c[2], c[3], 3);
            Nd4j.exec(new ResizeBilinear(nhwc, resized, c[2], c[3], false, true));
            INDArray reference = resized.permute(0, 3, 1, 2);
            double difference = ours.sub(reference.castTo(DataType.FLOAT)).amaxNumber().doubleValue();
            assertTrue(difference < 1e-6, "differs from libnd4j's resize by " + difference + " for " + java.util.Arrays.toString(c));
        }
    }

    @Test
    void channelCountIsNotStored() throws Exception {
        // the same layer configuration serves any channel count (pruning changes the channels before it)
        BilinearResize resize = BilinearResize.byScale(2);
        for (int channels : new int[] {1, 5}) {
            INDArray out = resizeOnly(channels, 3, 3, (BilinearResize) resize.clone()).outputSingle(false, Nd4j.rand(DataType.FLOAT, 2, channels, 3, 3));
            assertArrayEquals(new long[] {2, channels, 6, 6}, out.shape());
        }
        String json = NeuralNetConfiguration.mapper().writeValueAsString(BilinearResize.byScale(2));
        assertFalse(json.toLowerCase(java.util.Locale.ROOT).contains("nin"), json);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        // double precision, conv before and after the resize so both the input gradient and the
        // gradient reaching the resize are exercised; DL4J's own central-difference check
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .updater(new NoOp()).convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("input").setInputTypes(InputType.convolutional(3, 4, 2))
                .addLayer("before", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.TANH).build(), "input")
                .addLayer("resize", BilinearResize.toSize(5, 7), "before")
                .addLayer("after", new ConvolutionLayer.Builder(3, 3).nOut(1).activation(Activation.IDENTITY).build(), "resize")
                .addLayer("output", new CnnLossLayer.Builder().lossFunction(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "after")
                .setOutputs("output").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 4);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 1, 5, 7);
        GradientChecks.assertGradientsMatch(graph, input, labels, 1e-5, 1e-9, "bilinear resize");
    }

    @Test
    void gradientsFlowThroughTheResizeAndItSavesExactly(@TempDir Path dir) throws Exception {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Adam(1e-2)).graphBuilder()
                .addInputs("input").setInputTypes(InputType.convolutional(4, 4, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(3).convolutionMode(
                        ConvolutionMode.Same).activation(Activation.IDENTITY).build(), "input")
                .addLayer("resize", BilinearResize.byScale(4), "conv")
                .addLayer("output", new CnnLossLayer.Builder().lossFunction(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "resize")
                .setOutputs("output").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        INDArray features = Nd4j.rand(DataType.FLOAT, 2, 2, 4, 4);
        INDArray labels = Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16);
        INDArray before = graph.getLayer("conv").getParam("W").dup();
        double firstScore = Double.NaN;
        for (int i = 0; i < 5; i++) {
            graph.fit(new DataSet(features, labels));
            if (i == 0) {
                firstScore = graph.score();
            }
        }
        assertTrue(graph.getLayer("conv").getParam("W").sub(before).amaxNumber().doubleValue() > 1e-4,
                "the convolution before the resize must learn");
        assertTrue(graph.score() < firstScore, "the loss must go down: " + firstScore + " -> " + graph.score());
        assertArrayEquals(new long[] {2, 3, 16, 16}, graph.outputSingle(false, features).shape());

        SegmentationModel model = new SegmentationModel(graph, new ModelInfo("test", 4, 2, List.of()));
        Path file = dir.resolve("resize.zip");
        ModelIO.save(model, file, false);
        SegmentationModel loaded = ModelIO.load(file);
        assertTrue(Files.size(file) > 0);
        org.deeplearning4j.nn.conf.layers.Layer restored = ((org.deeplearning4j.nn.conf.graph.LayerVertex) loaded.graph()
                .getConfiguration().getVertices().get("resize")).getLayerConf().getLayer();
        assertTrue(restored instanceof BilinearResize r && r.getScale() == 4 && r.getOutHeight() == 0 && r.getOutWidth() == 0,
                "restored as " + restored);
        assertEquals(graph.outputSingle(false, features), loaded.graph().outputSingle(false, features));
    }
}

package org.segprune.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import onnx.Onnx;
import org.deeplearning4j.nn.conf.CNN2DFormat;
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
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.segprune.model.BilinearResize;
import org.segprune.model.ModelInfo;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.testutil.TinyModels;
import org.segprune.util.CancelledException;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/**
 * Every layer and vertex type the exporter writes, beyond what SegPrune's own architectures use, in one small graph:
 * strided, dilated and depthwise convolutions, transposed convolutions in Same (kernel 3 and 4, stride 2) and Truncate
 * mode, average and max pooling with Same padding, zero padding and cropping, every element-wise operation, global max
 * pooling broadcast back by nearest upsampling, bilinear resizes by a scale factor, up by a fractional factor and
 * down to a size that float32 scales cannot express, batch norms that fold (after a convolution, a depthwise and a transposed convolution) and
 * one that cannot (after an activation layer), each exported activation, dropout, and a softmax loss over 3 channels.
 */
class LayerCoverageTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void fastPath() {
        Dl4jRuntime.init();
    }

    static SegmentationModel zoo() {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("image")
                .setInputTypes(InputType.convolutional(16, 16, 3));
        g.addLayer("down", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(6).activation(Activation.IDENTITY).build(), "image");
        g.addLayer("down_bn", new BatchNormalization.Builder().build(), "down");
        g.addLayer("leaky", new ActivationLayer.Builder().activation(Activation.LEAKYRELU).build(), "down_bn");
        g.addLayer("depthwise", new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(2).nOut(12)
                .activation(Activation.IDENTITY).build(), "leaky");
        g.addLayer("depthwise_bn", new BatchNormalization.Builder().build(), "depthwise");
        g.addLayer("elu", new ActivationLayer.Builder().activation(Activation.ELU).build(), "depthwise_bn");
        g.addLayer("dilated", new ConvolutionLayer.Builder(3, 3).dilation(2, 2).nOut(6).activation(Activation.TANH).build(), "leaky");
        g.addLayer("pad", new ZeroPaddingLayer.Builder(1, 2, 0, 1).build(), "dilated");
        g.addLayer("avg", new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(1, 1).build(), "pad");
        g.addLayer("crop", new Cropping2D(1, 2, 0, 1), "avg");
        g.addLayer("max", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2).build(), "leaky");
        g.addLayer("up3", new Deconvolution2D.Builder(3, 3).stride(2, 2).nOut(6).activation(Activation.HARDSIGMOID).build(), "max");
        g.addLayer("up4", new Deconvolution2D.Builder(4, 4).stride(2, 2).nOut(6).activation(Activation.RELU6).build(), "max");
        g.addLayer("up2", new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(6).convolutionMode(ConvolutionMode.Truncate)
                .activation(Activation.IDENTITY).build(), "max");
        g.addLayer("up2_bn", new BatchNormalization.Builder().build(), "up2");
        g.addLayer("up_bilinear", BilinearResize.byScale(2), "max");
        g.addVertex("product", new ElementWiseVertex(ElementWiseVertex.Op.Product), "up3", "up4", "up2_bn", "up_bilinear");
        g.addVertex("difference", new ElementWiseVertex(ElementWiseVertex.Op.Subtract), "dilated", "crop");
        g.addVertex("maximum", new ElementWiseVertex(ElementWiseVertex.Op.Max), "product", "difference");
        g.addVertex("mean", new ElementWiseVertex(ElementWiseVertex.Op.Average), "product", "difference");
        g.addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "product", "difference", "maximum");
        g.addLayer("global", new GlobalPoolingLayer.Builder(PoolingType.MAX).collapseDimensions(false).build(), "sum");
        g.addLayer("broadcast", new Upsampling2D.Builder(8).build(), "global");
        g.addLayer("elu_bn", new BatchNormalization.Builder().build(), "elu");
        // DL4J's softplus overflows to infinity above about 88 (ONNX Runtime's does not): keep its input small
        g.addLayer("softplus", new ActivationLayer.Builder().activation(Activation.SOFTPLUS).build(), "elu_bn");
        g.addVertex("concat", new MergeVertex(), "sum", "broadcast", "mean", "softplus");
        g.addLayer("odd_size", BilinearResize.toSize(11, 22), "concat");
        g.addLayer("mix", new ConvolutionLayer.Builder(1, 1).nOut(4).activation(Activation.SWISH).build(), "odd_size");
        // 11 -> 13 and 22 -> 13: float32 scales would not give 13, so these go in as sizes
        g.addLayer("back", BilinearResize.toSize(13, 13), "mix");
        g.addLayer("drop", new DropoutLayer.Builder(0.5).build(), "back");
        g.addLayer("classes", new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.RELU).build(), "drop");
        g.addLayer("head", new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.IDENTITY).build(), "classes");
        g.addLayer("probabilities", new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .build(), "head");
        g.setOutputs("probabilities");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        TinyModels.randomiseBatchNorms(graph, 5);
        return new SegmentationModel(graph, new ModelInfo("zoo", 16, 3, List.of("built by LayerCoverageTest")));
    }

    @ParameterizedTest(name = "foldBatchNorm={0}")
    @ValueSource(booleans = {true, false})
    void everyExportedLayerTypeMatchesDl4j(boolean foldBatchNorm) throws Exception {
        SegmentationModel model = zoo();
        Onnx.ModelProto onnx = OnnxExporter.convert(model, new OnnxExporter.Options(foldBatchNorm), Progress.NONE);
        long batchNorms = onnx.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("BatchNormalization")).count();
        assertEquals(foldBatchNorm ? 1 : 4, batchNorms, "only the batch norm after the activation layer cannot fold");
        assertTrue(OnnxExporter.opTypes(onnx).containsAll(List.of("Resize", "Shape")), "both ways of giving Resize its size");
        INDArray input = Nd4j.rand(DataType.FLOAT, 3, 3, 16, 16).subi(0.5).muli(2);
        OnnxExporterTest.Comparison comparison = OnnxExporterTest.compare(model, onnx, input);
        System.out.printf(Locale.ROOT, "layer coverage foldBatchNorm=%s: ops %s, max abs diff output %.3g, logits %.3g (range %.3g)%n",
                foldBatchNorm, OnnxExporter.opTypes(onnx), comparison.output(), comparison.logits(), comparison.logitRange());
        assertTrue(comparison.logitRange() > 0.1, "the logits vary: the comparison is not trivial");
        assertTrue(comparison.output() <= OnnxExporterTest.TOLERANCE, "max abs difference of the outputs " + comparison.output());
        assertTrue(comparison.logits() <= OnnxExporterTest.TOLERANCE * Math.max(1, comparison.logitRange()),
                "max abs difference of the logits " + comparison.logits());
    }

    @Test
    void aLayerWithoutOnnxFormIsNamedAndNothingIsWritten() {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(8, 8, 1));
        g.addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).build(), "input");
        g.addLayer("lrn", new LocalResponseNormalization.Builder().build(), "conv");
        g.addLayer("output", new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID).build(), "lrn");
        g.setOutputs("output");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        Path file = dir.resolve("model.onnx");
        SegPruneException error = assertThrows(SegPruneException.class, () -> OnnxExporter.write(
                new SegmentationModel(graph, new ModelInfo("test", 8, 1, List.of())), file, OnnxExporter.Options.DEFAULTS,
                Progress.NONE));
        assertEquals("cannot export layer 'lrn' (LocalResponseNormalization) to ONNX: the exporter has no ONNX form for this "
                + "layer type", error.getMessage());
        assertTrue(!Files.exists(file), "nothing written");
    }

    @Test
    void aChannelsLastLayerIsNamedAndNothingIsWritten() {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(8, 8, 1, CNN2DFormat.NHWC));
        g.addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2).dataFormat(CNN2DFormat.NHWC).activation(Activation.RELU)
                .build(), "input");
        g.addLayer("output", new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT).format(CNN2DFormat.NHWC)
                .activation(Activation.SIGMOID).build(), "conv");
        g.setOutputs("output");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        Path file = dir.resolve("model.onnx");
        SegPruneException error = assertThrows(SegPruneException.class, () -> OnnxExporter.write(
                new SegmentationModel(graph, new ModelInfo("test", 8, 1, List.of())), file, OnnxExporter.Options.DEFAULTS,
                Progress.NONE));
        assertEquals("cannot export layer 'conv' (ConvolutionLayer) to ONNX: it is stored channels-last (NHWC); the exporter "
                + "writes NCHW graphs only", error.getMessage());
        assertTrue(!Files.exists(file), "nothing written");
    }

    @Test
    void aCancelledExportWritesNothing() {
        Path file = dir.resolve("model.onnx");
        Progress cancelled = new Progress() {
            @Override
            public void report(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancelledException.class, () -> OnnxExporter.write(zoo(), file, OnnxExporter.Options.DEFAULTS, cancelled));
        assertTrue(!Files.exists(file), "nothing written");
    }

    @Test
    void aModelWhoseOutputIsNotAnImageIsRefused() {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(8, 8, 1));
        g.addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).build(), "input");
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).collapseDimensions(true).build(), "conv");
        g.setOutputs("pool");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        SegPruneException error = assertThrows(SegPruneException.class, () -> OnnxExporter.convert(
                new SegmentationModel(graph, new ModelInfo("test", 8, 1, List.of())), OnnxExporter.Options.DEFAULTS, Progress.NONE));
        assertTrue(error.getMessage().startsWith("cannot export the model to ONNX: its output 'pool' is "), error.getMessage());
        assertTrue(error.getMessage().endsWith("not an image (the exporter writes image-to-image networks)"), error.getMessage());
    }
}

package org.segprune.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import onnx.Onnx;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.Architectures;
import org.segprune.model.ModelInfo;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.PruneSettings;
import org.segprune.prune.Pruner;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.score.MagnitudeScorer;
import org.segprune.score.ScoringRequest;
import org.segprune.score.ScoringSettings;
import org.segprune.testutil.TinyModels;
import org.segprune.util.Progress;

/**
 * SegPrune's own architectures exported to ONNX and run in ONNX Runtime give DL4J's output on the same inputs, within
 * 1e-4 max abs: U-Net and DeepLabV3+ (dilated convolutions, residual adds, the pooling branch's broadcast, bilinear
 * resizes), unpruned and pruned with l1 scores, batch norm folded and kept. The logits before the sigmoid are compared
 * too, so that a saturated sigmoid cannot hide a difference: within 1e-4 of their range when that exceeds 1 (randomised
 * batch norms make the logits of the unpruned models span hundreds to thousands, where float32 rounding alone is 1e-3).
 */
class OnnxExporterTest {

    static final double TOLERANCE = 1e-4;

    @BeforeAll
    static void fastPath() {
        Dl4jRuntime.init();
    }

    @ParameterizedTest(name = "{0} pruned={1} foldBatchNorm={2}")
    @CsvSource({
            "unet, false, true", "unet, false, false", "unet, true, true", "unet, true, false",
            "deeplabv3plus, false, true", "deeplabv3plus, false, false", "deeplabv3plus, true, true", "deeplabv3plus, true, false"})
    void exportedModelMatchesDl4jInOnnxRuntime(String architecture, boolean pruned, boolean foldBatchNorm) throws Exception {
        int channels = architecture.equals("unet") ? 1 : 3;
        int depth = architecture.equals("unet") ? 2 : 4;
        SegmentationModel model = Architectures.build(new ModelSpec(architecture, 32, channels, depth, 4, 7));
        TinyModels.randomiseBatchNorms(model.graph(), 7);
        if (pruned) {
            model = TinyModels.pruneHalfWithL1(model);
        }
        OnnxExporter.Options options = new OnnxExporter.Options(foldBatchNorm);
        Onnx.ModelProto onnx = OnnxExporter.convert(model, options, Progress.NONE);

        List<String> ops = OnnxExporter.opTypes(onnx);
        assertEquals(!foldBatchNorm, ops.contains("BatchNormalization"), "BatchNormalization nodes in " + ops);
        if (architecture.equals("deeplabv3plus")) {
            assertTrue(ops.containsAll(List.of("Resize", "Add", "Concat", "GlobalAveragePool")), ops.toString());
        } else {
            assertTrue(ops.containsAll(List.of("ConvTranspose", "MaxPool", "Concat")), ops.toString());
        }

        INDArray input = Nd4j.rand(DataType.FLOAT, 2, channels, 32, 32).subi(0.5).muli(4); // batch 2: the batch size is free
        Comparison comparison = compare(model, onnx, input);
        System.out.printf(Locale.ROOT, "ONNX export %s pruned=%s foldBatchNorm=%s: %d params, %d bytes, max abs diff output %.3g, "
                + "logits %.3g (logit range %.3g)%n", architecture, pruned, foldBatchNorm, model.graph().numParams(),
                onnx.getSerializedSize(), comparison.output(), comparison.logits(), comparison.logitRange());
        assertTrue(comparison.logitRange() > 0.1, "the logits vary: the comparison is not trivial");
        assertTrue(comparison.output() <= TOLERANCE, "max abs difference of the outputs " + comparison.output());
        assertTrue(comparison.logits() <= TOLERANCE * Math.max(1, comparison.logitRange()),
                "max abs difference of the logits " + comparison.logits());

        ModelInfo carried = OnnxMetadata.read(onnx).orElseThrow();
        assertEquals(model.info().architecture(), carried.architecture());
        assertEquals(model.info().inputSize(), carried.inputSize());
        assertEquals(model.info().inputChannels(), carried.inputChannels());
        assertEquals(model.info().provenance(), carried.provenance().subList(0, model.info().provenance().size()));
        assertTrue(carried.provenance().get(carried.provenance().size() - 1).startsWith("exported to ONNX opset 13"));
    }

    /** Max abs differences of output and logits (the loss layer's input), and the spread of the logits. */
    record Comparison(double output, double logits, double logitRange) {
    }

    /**
     * Runs the model in DL4J and the ONNX model in ONNX Runtime twice: as exported, and with its last node (the output
     * activation) replaced by an Identity, which gives the logits.
     */
    static Comparison compare(SegmentationModel model, Onnx.ModelProto onnx, INDArray input) throws Exception {
        ComputationGraph graph = model.graph();
        String outputLayer = graph.getConfiguration().getNetworkOutputs().get(0);
        String logitVertex = graph.getConfiguration().getVertexInputs().get(outputLayer).get(0);
        var activations = graph.feedForward(input, false);
        INDArray expected = activations.get(outputLayer);
        INDArray expectedLogits = activations.get(logitVertex);

        INDArray actual = OnnxRuntimeRunner.run(onnx.toByteArray(), input);
        assertArrayEquals(expected.shape(), actual.shape());
        Onnx.GraphProto.Builder logitGraph = onnx.getGraph().toBuilder();
        int last = logitGraph.getNodeCount() - 1;
        Onnx.NodeProto activation = logitGraph.getNode(last);
        assertEquals(outputLayer, activation.getOutput(0));
        logitGraph.setNode(last, Onnx.NodeProto.newBuilder().setOpType("Identity").setName("logits").addInput(activation.getInput(0))
                .addOutput(activation.getOutput(0)));
        INDArray actualLogits = OnnxRuntimeRunner.run(onnx.toBuilder().setGraph(logitGraph).build().toByteArray(), input);
        return new Comparison(OnnxRuntimeRunner.maxAbsDifference(expected, actual),
                OnnxRuntimeRunner.maxAbsDifference(expectedLogits, actualLogits),
                expectedLogits.maxNumber().doubleValue() - expectedLogits.minNumber().doubleValue());
    }

    static void assertNoFile(java.nio.file.Path file) {
        assertFalse(java.nio.file.Files.exists(file), file + " was written");
    }
}

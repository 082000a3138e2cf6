package org.segprune.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.util.SegPruneException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.model.ModelInfo;
import org.segprune.model.SegmentationModel;

/**
 * The imported graphs compute what PyTorch computed: each fixture of make_onnx_fixtures.py holds a
 * PyTorch export and PyTorch's output for one input; the imported DL4J graph must reproduce it.
 */
class OnnxImporterFixturesTest {

    static final double TOLERANCE = 1e-4;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "unet_bn_folded, sigmoid, 1",
        "unet_bn_kept, sigmoid, 1",
        "residual_bilinear, softmax, 2",
        "residual_bilinear_opset17, softmax, 2",
        "se_gate, logits, 1",
        "dilated_mobile, sigmoid, 1",
        "monai_style, logits, 1",
        "unet_sigmoid2, sigmoid, 2",
        "unet_softmax3, softmax, 3",
        "timm_style, sigmoid, 1",
        "timm_style_opset20, sigmoid, 1",
        "attention_unet, sigmoid, 1",
        "normalising_input, sigmoid, 1",
        "resnet_unet, logits, 1",
    })
    void importedOutputEqualsPyTorchReference(String fixture, String head, int channels) {
        Path folder = OnnxTestData.folder("fixtures/" + fixture);
        SegmentationModel model = OnnxImporter.read(folder.resolve("model.onnx"), 0);
        INDArray input = OnnxTestData.tensor(folder, "input_0.pb");
        INDArray expected = OnnxTestData.tensor(folder, "output_0.pb");
        INDArray actual = model.graph().outputSingle(false, input);
        assertArrayEquals(expected.shape(), actual.shape());
        double difference = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(difference < TOLERANCE, fixture + ": imported output differs from PyTorch's by " + difference);
        assertEquals(head, model.info().outputKind());
        assertEquals(channels, model.info().outputChannels());
        assertEquals(32, model.info().inputSize());
    }

    /**
     * The opset-20 fixture under the newer opsets SegPrune reads: ONNX Runtime loads it as each of them (so no operator
     * in it changed its signature) and computes PyTorch's output, and so does the imported graph.
     */
    @ParameterizedTest(name = "opset {0}")
    @ValueSource(ints = {21, 22, OnnxImporter.MAX_OPSET})
    void newerOpsetsOfTheSameGraphComputeTheSame(int opset) throws Exception {
        Path folder = OnnxTestData.folder("fixtures/timm_style_opset20");
        Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(folder.resolve("model.onnx")));
        byte[] newer = model.toBuilder().setIrVersion(10).setOpsetImport(0, Onnx.OperatorSetIdProto.newBuilder().setVersion(opset))
                .build().toByteArray();
        Path file = dir.resolve("opset" + opset + ".onnx");
        Files.write(file, newer);
        INDArray input = OnnxTestData.tensor(folder, "input_0.pb");
        INDArray expected = OnnxTestData.tensor(folder, "output_0.pb");
        double runtime = OnnxRuntimeRunner.maxAbsDifference(expected, OnnxRuntimeRunner.run(newer, input));
        double imported = OnnxRuntimeRunner.maxAbsDifference(expected, OnnxImporter.read(file, 0).graph().outputSingle(false, input));
        assertTrue(runtime < TOLERANCE, "ONNX Runtime at opset " + opset + " differs from PyTorch by " + runtime);
        assertTrue(imported < TOLERANCE, "imported at opset " + opset + " differs from PyTorch by " + imported);
    }

    @Test
    void aNetworkThatScalesItsInputItselfReadsRawPixels() {
        ModelInfo own = OnnxImporter.read(OnnxTestData.folder("fixtures/normalising_input").resolve("model.onnx"), 0).info();
        assertEquals(ModelInfo.NO_NORMALIZATION, own.normalization());
        assertTrue(own.provenance().get(own.provenance().size() - 1).contains("scales its 0-255 input itself"), own.provenance().toString());
        ModelInfo plain = OnnxImporter.read(OnnxTestData.folder("fixtures/unet_bn_folded").resolve("model.onnx"), 0).info();
        assertEquals(ModelInfo.SCALE_255, plain.normalization());
    }

    @TempDir
    Path dir;

    @Test
    void variableInputSizeIsTakenFromTheSetting() throws IOException {
        Path folder = OnnxTestData.folder("fixtures/unet_bn_folded");
        Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(folder.resolve("model.onnx")));
        Onnx.GraphProto.Builder graph = model.getGraph().toBuilder();
        Onnx.TensorShapeProto.Builder shape = graph.getInput(0).getType().getTensorType().getShape().toBuilder();
        shape.setDim(2, Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("height"));
        shape.setDim(3, Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("width"));
        Onnx.ValueInfoProto.Builder input = graph.getInput(0).toBuilder();
        input.getTypeBuilder().getTensorTypeBuilder().setShape(shape);
        graph.setInput(0, input);
        Path dynamic = dir.resolve("dynamic.onnx");
        Files.write(dynamic, model.toBuilder().setGraph(graph).build().toByteArray());

        SegPruneException e = assertThrows(SegPruneException.class, () -> OnnxImporter.read(dynamic, 0));
        assertTrue(e.getMessage().contains("--input-size"), e.getMessage());
        SegmentationModel imported = OnnxImporter.read(dynamic, 64);
        assertEquals(64, imported.info().inputSize());
        INDArray output = imported.graph().outputSingle(false, Nd4j.rand(DataType.FLOAT, 1, 1, 64, 64));
        assertArrayEquals(new long[] {1, 1, 64, 64}, output.shape());
    }
}

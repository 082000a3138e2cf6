package org.segprune.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.model.Architectures;
import org.segprune.model.ModelInfo;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.util.Progress;

/** ONNX -> SegPrune -> ONNX keeps what the model computes, and SegPrune's own files read back without flags. */
class OnnxRoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unet_bn_folded", "unet_bn_kept", "residual_bilinear", "dilated_mobile", "monai_style", "timm_style",
        "timm_style_opset20", "attention_unet", "normalising_input", "resnet_unet"})
    void importedThenExportedModelComputesWhatTheOriginalComputesInOnnxRuntime(String fixture) throws Exception {
        Path folder = OnnxTestData.folder("fixtures/" + fixture);
        INDArray input = OnnxTestData.tensor(folder, "input_0.pb");
        SegmentationModel imported = OnnxImporter.read(folder.resolve("model.onnx"), 0);
        Path exported = dir.resolve(fixture + ".onnx");
        OnnxExporter.write(imported, exported, OnnxExporter.Options.DEFAULTS, Progress.NONE);
        INDArray original = OnnxRuntimeRunner.run(Files.readAllBytes(folder.resolve("model.onnx")), input);
        INDArray again = OnnxRuntimeRunner.run(Files.readAllBytes(exported), input);
        double difference = OnnxRuntimeRunner.maxAbsDifference(original, again);
        assertTrue(difference < 1e-4, fixture + ": round trip changed the output by " + difference);
    }

    @Test
    void aModelSegPruneWroteReadsBackWithItsInformationAndOutput() {
        SegmentationModel built = Architectures.build(new ModelSpec("unet", 32, 3, 2, 4, 11));
        SegmentationModel model = new SegmentationModel(built.graph(),
                built.info().withPreprocessing(ModelInfo.BGR, "scale255", null));
        Path file = dir.resolve("unet.onnx");
        OnnxExporter.write(model, file, OnnxExporter.Options.DEFAULTS, Progress.NONE);
        SegmentationModel back = OnnxImporter.read(file, 0);
        ModelInfo info = back.info();
        assertEquals(List.of("unet", ModelInfo.BGR, "scale255"), List.of(info.architecture(), info.channelOrder(),
                info.normalization()));
        assertEquals(model.info().provenance().get(0), info.provenance().get(0), "the history travels with the file");
        assertTrue(info.provenance().get(info.provenance().size() - 1).startsWith("imported from ONNX 'unet.onnx'"));
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32);
        double difference = OnnxRuntimeRunner.maxAbsDifference(model.graph().outputSingle(false, input),
                back.graph().outputSingle(false, input));
        assertTrue(difference < 1e-4, "re-imported output differs by " + difference);
    }
}

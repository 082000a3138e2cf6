package org.segprune.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import onnx.Onnx;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.util.SegPruneException;

/**
 * ONNX's own per-operator test models (from Debian's libonnx-testdata, copied into the test resources):
 * the imported graph must reproduce ONNX's reference output; operators and attributes outside the
 * supported set must be refused with a message naming them.
 */
class OnnxConformanceTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "test_conv_with_strides_padding", "test_conv_with_strides_and_asymmetric_padding", "test_conv_with_autopad_same",
        "test_convtranspose", "test_convtranspose_pads", "test_convtranspose_dilations",
        "test_batchnorm_example", "test_batchnorm_epsilon",
        "test_maxpool_2d_ceil", "test_maxpool_2d_pads", "test_maxpool_2d_precomputed_same_upper",
        "test_averagepool_2d_pads", "test_averagepool_2d_pads_count_include_pad", "test_averagepool_2d_ceil",
        "test_resize_upsample_scales_linear", "test_resize_upsample_scales_linear_align_corners",
        "test_resize_upsample_scales_nearest", "test_upsample_nearest",
    })
    void importedOperatorMatchesOnnxReference(String test) throws IOException {
        Path folder = OnnxTestData.folder("conformance/" + test);
        INDArray input = OnnxTestData.tensor(folder, "input_0.pb");
        INDArray expected = OnnxTestData.tensor(folder, "output_0.pb");
        INDArray actual = OnnxImporter.read(withConstantInputs(folder), 0, false).graph().outputSingle(false, input);
        assertArrayEquals(expected.shape(), actual.shape(), test);
        double difference = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(difference < 1e-4, test + ": differs from ONNX's reference by " + difference);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "test_resize_upsample_scales_cubic, resize mode cubic is not supported",
        "test_convtranspose_output_shape, output_shape is not supported",
        "test_maxpool_2d_dilations, dilated pooling is not supported",
        "test_resize_downsample_scales_linear, does not map 2 pixels to a whole number",
    })
    void unsupportedAttributesAreRefusedByName(String test, String reason) throws IOException {
        Path model = withConstantInputs(OnnxTestData.folder("conformance/" + test));
        SegPruneException e = assertThrows(SegPruneException.class, () -> OnnxImporter.read(model, 0, false));
        assertTrue(e.getMessage().contains(reason) && e.getMessage().contains(model.toString()), e.getMessage());
    }

    /** The model with every graph input but the first turned into an initializer holding its test value. */
    private Path withConstantInputs(Path folder) throws IOException {
        Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(folder.resolve("model.onnx")));
        Onnx.GraphProto.Builder graph = model.getGraph().toBuilder();
        for (int i = graph.getInputCount() - 1; i >= 1; i--) {
            Onnx.TensorProto value = Onnx.TensorProto.parseFrom(
                    Files.readAllBytes(folder.resolve("test_data_set_0").resolve("input_" + i + ".pb")));
            graph.addInitializer(value.toBuilder().setName(graph.getInput(i).getName()));
            graph.removeInput(i);
        }
        Path file = dir.resolve(folder.getFileName() + ".onnx");
        Files.write(file, model.toBuilder().setGraph(graph).build().toByteArray());
        return file;
    }
}

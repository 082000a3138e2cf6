package org.segprune.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.protobuf.ByteString;
import org.segprune.model.ModelIO;
import org.segprune.testutil.TinyModels;
import org.segprune.util.SegPruneException;

/** Bad model files end with one line naming the file and the reason, before any network is built. */
class OnnxBadFilesTest {

    @TempDir
    Path dir;

    private static void assertFails(Path file, String reason) {
        SegPruneException e = assertThrows(SegPruneException.class, () -> ModelIO.load(file));
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(reason), "expected '" + reason + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] fixture() throws IOException {
        return Files.readAllBytes(OnnxTestData.folder("fixtures/unet_bn_folded").resolve("model.onnx"));
    }

    @Test
    void truncatedOnnx() throws IOException {
        byte[] model = fixture();
        assertFails(write("truncated.bin", Arrays.copyOf(model, model.length / 2)), "ONNX");
    }

    @Test
    void corruptOnnx() throws IOException {
        byte[] model = fixture();
        // 0xff is no valid protobuf tag: the structure, not just a weight, is broken
        Arrays.fill(model, 24, 88, (byte) 0xff);
        assertFails(write("corrupt.onnx", model), "ONNX");
    }

    @Test
    void onnxIsRecognisedByContentNotName() throws IOException {
        Path renamed = write("model.zip", fixture());
        assertTrue(ModelIO.load(renamed).info().provenance().get(0).contains("ONNX"));
    }

    @Test
    void truncatedH5() throws IOException {
        byte[] h5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0, 0};
        assertFails(write("model.h5", h5), "Keras");
    }

    @Test
    void truncatedZip() throws IOException {
        Path zip = dir.resolve("model.zip");
        ModelIO.save(TinyModels.residual(16, 1), zip, false);
        byte[] bytes = Files.readAllBytes(zip);
        assertFails(write("cut.zip", Arrays.copyOf(bytes, bytes.length - 200)), "truncated or corrupt");
    }

    @Test
    void zipEntryClimbingOutOfItsFolder() throws IOException {
        Path zip = dir.resolve("evil.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("configuration.json"));
            z.write("{}".getBytes());
            z.putNextEntry(new ZipEntry("../../outside.bin"));
            z.write(1);
            z.closeEntry();
        }
        assertFails(zip, "climbs out of its folder");
    }

    @Test
    void twoInputs() throws IOException {
        Onnx.GraphProto.Builder g = graph("Add", 1, 32).addInput(image("second", 1, 32));
        g.setNode(0, g.getNode(0).toBuilder().addInput("second"));
        assertFails(write("two.onnx", model(g)), "2 inputs");
    }

    @Test
    void notImageToImage() throws IOException {
        Onnx.GraphProto.Builder g = graph("GlobalAveragePool", 1, 32);
        g.setOutput(0, image("y", 1, 1));
        assertFails(write("classifier.onnx", model(g)), "not an image-to-image network");
    }

    @Test
    void unsupportedOperatorNamesOpAndNode() throws IOException {
        assertFails(write("lrn.onnx", model(graph("LRN", 1, 32))), "operator LRN is not supported");
        assertFails(write("lrn2.onnx", model(graph("LRN", 1, 32))), "node 'the_node'");
    }

    @Test
    void reductionOverChannelsIsRefusedWithItsAxes() throws IOException {
        // CBAM's spatial attention pools over the channels; only pooling over height and width is a global pool
        Onnx.GraphProto.Builder g = graph("ReduceMean", 3, 32);
        g.setNode(0, g.getNode(0).toBuilder().addAttribute(Onnx.AttributeProto.newBuilder().setName("axes")
                .setType(Onnx.AttributeProto.AttributeType.INTS).addInts(1)));
        g.setOutput(0, image("y", 1, 32));
        assertFails(write("channel-mean.onnx", model(g)), "a reduction over axes [1] with keepdims 1");
    }

    @Test
    void aConstantBroadcastOverTheBatchIsRefusedWithItsShape() throws IOException {
        // [3, 1, 1, 1] has one value per channel's worth of numbers but broadcasts over the batch axis, not the channels
        Onnx.GraphProto.Builder g = graph("Mul", 3, 32);
        g.setNode(0, g.getNode(0).toBuilder().addInput("c"));
        g.addInitializer(Onnx.TensorProto.newBuilder().setName("c").setDataType(1).addAllDims(Arrays.asList(3L, 1L, 1L, 1L))
                .addAllFloatData(Arrays.asList(1f, 2f, 3f)));
        assertFails(write("batch-constant.onnx", model(g)), "a constant operand of shape [3, 1, 1, 1]");
    }

    @Test
    void opsetNewerThanSupportedIsRefused() throws IOException {
        byte[] newer = Onnx.ModelProto.parseFrom(model(graph("Relu", 1, 32))).toBuilder()
                .setOpsetImport(0, Onnx.OperatorSetIdProto.newBuilder().setVersion(OnnxImporter.MAX_OPSET + 1)).build().toByteArray();
        assertFails(write("newer.onnx", newer), "opset " + (OnnxImporter.MAX_OPSET + 1) + " is not supported");
    }

    @Test
    void declaredTensorLargerThanTheFile() throws IOException {
        Onnx.GraphProto.Builder g = graph("Conv", 1, 32);
        g.setNode(0, g.getNode(0).toBuilder().addInput("w"));
        g.addInitializer(Onnx.TensorProto.newBuilder().setName("w").setDataType(1).addAllDims(Arrays.asList(1L, 1L, 100000L, 100000L))
                .setRawData(ByteString.copyFrom(new byte[16])));
        assertFails(write("huge.onnx", model(g)), "declares 10000000000 values");
    }

    /** One node 'the_node' of the given type from input x [1, c, s, s] to output y of the same shape. */
    private static Onnx.GraphProto.Builder graph(String op, int channels, int size) {
        return Onnx.GraphProto.newBuilder().setName("g")
                .addNode(Onnx.NodeProto.newBuilder().setName("the_node").setOpType(op).addInput("x").addOutput("y"))
                .addInput(image("x", channels, size)).addOutput(image("y", channels, size));
    }

    private static Onnx.ValueInfoProto image(String name, int channels, int size) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (long d : new long[] {1, channels, size, size}) {
            shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder()
                .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
    }

    private static byte[] model(Onnx.GraphProto.Builder graph) {
        return Onnx.ModelProto.newBuilder().setIrVersion(7).setProducerName("test")
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(graph).build().toByteArray();
    }
}

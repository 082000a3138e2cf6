package org.segprune.interop.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import onnx.Onnx;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Test models in ONNX's operator-test layout: a folder with model.onnx and test_data_set_0/{input,output}_0.pb. */
final class OnnxTestData {

    private OnnxTestData() {
    }

    static Path folder(String resource) {
        try {
            return Path.of(OnnxTestData.class.getResource("/org/segprune/interop/onnx/" + resource).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + resource, e);
        }
    }

    static INDArray tensor(Path folder, String name) {
        try {
            Onnx.TensorProto proto = Onnx.TensorProto.parseFrom(Files.readAllBytes(folder.resolve("test_data_set_0").resolve(name)));
            return Tensor.decode(proto, name).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

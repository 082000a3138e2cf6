package org.segprune.interop.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.SegmentationDataset;
import org.segprune.graph.ChannelGraph;
import org.segprune.interop.onnx.OnnxExporter;
import org.segprune.interop.onnx.OnnxRuntimeRunner;
import org.segprune.model.ModelFiles;
import org.segprune.model.ModelIO;
import org.segprune.model.ModelInfo;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.PruneSettings;
import org.segprune.testutil.ZeroEquivalence;
import org.segprune.train.Trainer;
import org.segprune.train.TrainingResult;
import org.segprune.train.TrainingSettings;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/**
 * Keras 2 .h5 files written by make_keras_fixtures.py in Keras's own layout: the imported graph computes what the
 * independent NHWC reference (numpy) computed, prunes, fine-tunes and exports; bad files end with one line.
 */
class KerasImporterTest {

    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    static Path fixture(String name) {
        try (InputStream in = KerasImporterTest.class.getResourceAsStream("fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource fixtures/" + name);
            }
            Path file = Files.createTempDirectory("keras-fixture").resolve(name);
            Files.copy(in, file);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reference array stored NHWC, as NCHW. */
    private static INDArray nchw(String name) {
        return Nd4j.createFromNpyFile(fixture(name).toFile()).permute(0, 3, 1, 2).dup('c');
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "unet, sigmoid, 1, 1, half_pixel",
        "sequential, softmax, 3, 2, asymmetric",
        "activations, sigmoid, 1, 1, ",
    })
    void importedOutputEqualsTheNhwcReference(String name, String head, int inputChannels, int outputChannels,
            String bilinear) {
        Path file = fixture(name + ".h5");
        assertEquals(ModelFiles.Format.KERAS, ModelFiles.detect(file));
        SegmentationModel model = ModelIO.load(file);
        INDArray expected = nchw(name + "_output.npy");
        INDArray actual = model.graph().outputSingle(false, nchw(name + "_input.npy"));
        assertArrayEquals(expected.shape(), actual.shape());
        double difference = OnnxRuntimeRunner.maxAbsDifference(expected, actual);
        assertTrue(difference < TOLERANCE, name + ": imported output differs from the reference by " + difference);
        assertEquals("keras", model.info().architecture());
        assertEquals(head, model.info().outputKind());
        assertEquals(List.of(32, inputChannels, outputChannels), List.of(model.info().inputSize(), model.info().inputChannels(),
                model.info().outputChannels()));
        String provenance = model.info().provenance().get(0);
        // a model without bilinear upsampling names no coordinate mode
        assertEquals(bilinear != null, provenance.contains("bilinear UpSampling2D as "), provenance);
        assertTrue(bilinear == null || provenance.contains("bilinear UpSampling2D as " + bilinear), provenance);
    }

    /** Keras's Rescaling(1/255) as the first layer: the network wants raw pixels, so the stored normalisation is none. */
    @Test
    void aNetworkThatRescalesItsInputReadsRawPixels() {
        assertEquals(ModelInfo.NO_NORMALIZATION, ModelIO.load(fixture("activations.h5")).info().normalization());
        assertEquals(ModelInfo.SCALE_255, ModelIO.load(fixture("unet.h5")).info().normalization());
    }

    /** Keras 2.3 and later resize with TF 2's tf.image.resize (half-pixel centres), Keras 2.0-2.2 with TF 1's. */
    @Test
    void bilinearCoordinatesFollowTheKerasVersion() {
        assertEquals("asymmetric", KerasTranslator.bilinearCoordinates("2.2.4"));
        assertEquals("asymmetric", KerasTranslator.bilinearCoordinates("2.1.6-tf"));
        assertEquals("half_pixel", KerasTranslator.bilinearCoordinates("2.3.0-tf"));
        assertEquals("half_pixel", KerasTranslator.bilinearCoordinates("2.12.0"));
    }

    @Test
    void importedUnetPrunesFineTunesAndExportsToOnnxRuntime() throws Exception {
        SegmentationModel model = ModelIO.load(fixture("unet.h5"));
        assertFalse(ChannelGraph.of(model).prunableLayers().isEmpty());
        ZeroEquivalence.Result pruned = ZeroEquivalence.assertZeroEquivalent(model, PruneSettings.ratio(0.5, 1), 3);
        assertTrue(pruned.pruned().graph().numParams() < model.graph().numParams());

        SegmentationDataset train = PhantomGenerator.generate(dir.resolve("train"), PhantomGenerator.Kind.LUNG, 6, 32, 5,
                Progress.NONE);
        SegmentationDataset validation = PhantomGenerator.generate(dir.resolve("val"), PhantomGenerator.Kind.LUNG, 3, 32, 6,
                Progress.NONE);
        TrainingSettings oneEpoch = TrainingSettings.DEFAULTS.withEpochs(1);
        TrainingResult tuned = Trainer.train(pruned.pruned(), train, validation, oneEpoch, "keras test", Progress.NONE);
        assertEquals(1, tuned.curve().size());
        assertFalse(tuned.model().graph().params().equals(pruned.pruned().graph().params()), "fine-tuning changed the weights");

        Path onnx = dir.resolve("tuned.onnx");
        OnnxExporter.write(tuned.model(), onnx, OnnxExporter.Options.DEFAULTS, Progress.NONE);
        INDArray input = nchw("unet_input.npy");
        double difference = OnnxRuntimeRunner.maxAbsDifference(tuned.model().graph().outputSingle(false, input),
                OnnxRuntimeRunner.run(Files.readAllBytes(onnx), input));
        assertTrue(difference < TOLERANCE, "ONNX Runtime differs from DL4J by " + difference);
        assertEquals("keras", ModelIO.load(onnx).info().architecture(), "the exported file remembers where it came from");
    }

    private static void assertFails(Path file, String... reasons) {
        SegPruneException e = assertThrows(SegPruneException.class, () -> ModelIO.load(file));
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        for (String reason : reasons) {
            assertTrue(e.getMessage().contains(reason), "expected '" + reason + "' in: " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void unsupportedLayerIsNamedWithItsClass() {
        assertFails(fixture("lambda.h5"), "cannot import Keras model", "layer 'scale_by_two' (Lambda)", "not supported");
    }

    @Test
    void truncatedH5IsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(fixture("unet.h5"));
        Path cut = Files.write(dir.resolve("cut.h5"), Arrays.copyOf(bytes, bytes.length / 3));
        assertFails(cut, "Keras");
    }

    @Test
    void keras3ArchiveIsRefused() throws IOException {
        Path keras = dir.resolve("model.keras");
        try (OutputStream out = Files.newOutputStream(keras); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : new String[] {"metadata.json", "config.json", "model.weights.h5"}) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write("{}".getBytes());
                zip.closeEntry();
            }
        }
        assertFails(keras, "Keras 3", "Keras 2 .h5");
    }

    @Test
    void savedModelFolderIsRefused() throws IOException {
        Path saved = Files.createDirectories(dir.resolve("saved"));
        Files.write(saved.resolve("saved_model.pb"), new byte[] {8, 1});
        assertFails(saved, "TensorFlow SavedModel");
    }
}

package org.segprune.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.model.Architectures;
import org.segprune.model.ModelIO;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.util.CancelledException;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/** Segmentation Model Writer: both formats, the overwrite policy, and nothing half-written. */
class ModelWriterStepTest {

    static SegmentationModel model;

    @BeforeAll
    static void tinyUNet() {
        model = Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 3));
    }

    private static ModelWriterSettings settings(Path file, String... more) {
        Map<String, String> raw = new java.util.HashMap<>(Map.of(ModelWriterSettings.FILE, file.toString()));
        for (int i = 0; i < more.length; i += 2) {
            raw.put(more[i], more[i + 1]);
        }
        return Steps.MODEL_WRITER.settings(raw);
    }

    @Test
    void aDl4jZipReadsBackWithTheSameWeightsAndInformation(@TempDir Path dir) {
        Path file = dir.resolve("out/model.zip");
        Step.Result result = Steps.MODEL_WRITER.execute(settings(file), List.of(model), new Step.Context(null, Progress.NONE));
        assertEquals(List.of(), result.outputs());
        assertTrue(result.summary().endsWith(file.toString()), result.summary());
        SegmentationModel read = ModelIO.load(file);
        assertArrayEquals(model.graph().params().toFloatVector(), read.graph().params().toFloatVector());
        assertEquals(model.info(), read.info());
    }

    @Test
    void anOnnxFileRunsInOnnxRuntimeAndComputesWhatTheModelComputes(@TempDir Path dir) throws Exception {
        for (String fold : List.of("true", "false")) {
            Path file = dir.resolve("model-" + fold + ".onnx");
            ModelWriterStep.run(settings(file, "format", "onnx", "fold_batchnorm", fold), model, null, Progress.NONE);
            INDArray input = Nd4j.rand(DataType.FLOAT, 1, 1, 32, 32);
            INDArray expected = model.graph().outputSingle(false, input.dup());
            float[] actual = onnxRuntime(Files.readAllBytes(file), input);
            float[] wanted = expected.castTo(DataType.FLOAT).dup('c').data().asFloat();
            assertEquals(wanted.length, actual.length);
            for (int i = 0; i < wanted.length; i++) {
                assertEquals(wanted[i], actual[i], 1e-4, "fold " + fold + " value " + i);
            }
            // SegPrune reads its own ONNX file back with the model information
            assertEquals(model.info().inputSize(), ModelIO.load(file).info().inputSize());
        }
    }

    private static float[] onnxRuntime(byte[] onnx, INDArray input) throws Exception {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(onnx, new OrtSession.SessionOptions());
                OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input.dup('c').data().asFloat()),
                        input.shape());
                OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), tensor))) {
            FloatBuffer values = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] data = new float[values.remaining()];
            values.get(data);
            return data;
        }
    }

    @Test
    void anExistingFileFailsConfigureNamingItUnlessThePolicyIsOverwrite(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("model.zip"), "an older model");
        SegPruneException e = assertThrows(SegPruneException.class,
                () -> Steps.MODEL_WRITER.configure(settings(file), java.util.Arrays.asList((Object) null)));
        assertEquals("model file '" + file + "' exists; set If the file exists [if_exists] to 'overwrite' to replace it",
                e.getMessage());
        assertThrows(SegPruneException.class, () -> ModelWriterStep.run(settings(file), model, null, Progress.NONE));
        assertEquals("an older model", Files.readString(file));
        Steps.MODEL_WRITER.configure(settings(file, "if_exists", "overwrite"), java.util.Arrays.asList((Object) null));
        ModelWriterStep.run(settings(file, "if_exists", "overwrite"), model, null, Progress.NONE);
        assertEquals(model.info(), ModelIO.load(file).info());
    }

    @Test
    void aMissingFileSettingOrAFolderIsRejectedByName(@TempDir Path dir) {
        SegPruneException e = assertThrows(SegPruneException.class, () -> Steps.MODEL_WRITER.settings(Map.of()));
        assertEquals("choose the file to write the model to (Model file [file])", e.getMessage());
        e = assertThrows(SegPruneException.class, () -> Steps.MODEL_WRITER.configure(settings(dir), java.util.Arrays.asList((Object) null)));
        assertEquals("model file '" + dir + "' is a folder", e.getMessage());
        e = assertThrows(SegPruneException.class, () -> settings(dir.resolve("m"), "if_exists", "append"));
        assertTrue(e.getMessage().startsWith("If the file exists [if_exists] must be one of fail, overwrite"), e.getMessage());
    }

    @Test
    void aRelativeFileIsResolvedAgainstTheWorkflowFolder(@TempDir Path dir) {
        Steps.MODEL_WRITER.execute(settings(Path.of("models/m.zip")), List.of(model), new Step.Context(dir, Progress.NONE));
        assertTrue(Files.isRegularFile(dir.resolve("models/m.zip")));
    }

    @Test
    void aCancelledWriteLeavesTheOldFileAndNoPartialFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("model.onnx"), "an older model");
        Progress cancelAfterFirstLayer = new Progress() {
            private int reports;

            @Override
            public void report(double fraction, String message) {
                reports++;
            }

            @Override
            public boolean isCancelled() {
                return reports > 2;
            }
        };
        assertThrows(CancelledException.class, () -> ModelWriterStep.run(settings(file, "format", "onnx", "if_exists",
                "overwrite"), model, null, cancelAfterFirstLayer));
        assertEquals("an older model", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }
}

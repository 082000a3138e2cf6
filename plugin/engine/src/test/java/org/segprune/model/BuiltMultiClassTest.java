package org.segprune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.graph.ModelSummaries;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.step.ModelReaderSettings;
import org.segprune.testutil.CliRun;
import org.segprune.testutil.MultiClassModels;
import org.segprune.util.SegPruneException;

/** SegPrune's own networks with several output classes: a softmax head over class-index masks, built and trained. */
class BuiltMultiClassTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"unet", "deeplabv3plus"})
    void aThreeClassNetworkHasOneSoftmaxChannelPerClass(String architecture) {
        Dl4jRuntime.init();
        SegmentationModel model = Architectures.build(new ModelSpec(architecture, 32, 1, architecture.equals("unet") ? 2 : 3, 4,
                7, 3));

        assertTrue(model.info().multiClass());
        assertEquals(3, model.info().classCount());
        assertEquals(3, ModelSummaries.of(model).classes());
        INDArray output = model.graph().outputSingle(false, Nd4j.rand(DataType.FLOAT, 2, 1, 32, 32));
        assertEquals(java.util.List.of(2L, 3L, 32L, 32L), java.util.Arrays.stream(output.shape()).boxed().toList());
        INDArray sums = output.sum(1);
        assertEquals(1.0, sums.minNumber().doubleValue(), 1e-5, "softmax over the class channels");
        assertEquals(1.0, sums.maxNumber().doubleValue(), 1e-5, "softmax over the class channels");
    }

    @Test
    void oneClassIsTheBinaryNetworkOfBefore() {
        SegmentationModel model = Architectures.build(new ModelSpec(ModelSpec.UNET, 32, 1, 2, 4, 7, 1));
        assertEquals(false, model.info().multiClass());
        assertEquals(0, ModelSummaries.of(model).classes());
        assertEquals(Architectures.build(new ModelSpec(ModelSpec.UNET, 32, 1, 2, 4, 7)).graph().params(), model.graph().params());
    }

    @Test
    void theModelReaderBuildsWithItsClassesSetting() {
        ModelSpec spec = ModelReaderSettings.from(Map.of(ModelReaderSettings.ARCHITECTURE, "unet", ModelReaderSettings.CLASSES,
                "4")).spec();
        assertEquals(4, spec.classes());
        SegPruneException zero = org.junit.jupiter.api.Assertions.assertThrows(SegPruneException.class,
                () -> ModelReaderSettings.from(Map.of(ModelReaderSettings.CLASSES, "0")));
        assertTrue(zero.getMessage().contains(ModelReaderSettings.CLASSES), zero.getMessage());
    }

    @Test
    void trainWithClassesLearnsClassMasksAndEvaluatesPerClass() throws Exception {
        Path data = dir.resolve("classes");
        MultiClassModels.phantoms(data, 12, 32, 3);
        Path model = dir.resolve("three.zip");

        CliRun trained = CliRun.of("train", "--data", data.toString(), "--arch", "unet", "--classes", "3", "--size", "32",
                "--base", "4", "--depth", "2", "--epochs", "2", "--out", model.toString());
        assertEquals(0, trained.code(), trained.err());
        CliRun evaluated = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--out",
                dir.resolve("report.json").toString(), "--latency-runs", "20");
        assertEquals(0, evaluated.code(), evaluated.err());

        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertEquals(3, report.path("per_class").path("classes").asInt(), report.toString());
        CliRun binary = CliRun.of("train", "--data", data.toString(), "--arch", "unet", "--size", "32", "--base", "4", "--depth",
                "2", "--epochs", "1", "--out", dir.resolve("binary.zip").toString());
        assertEquals(2, binary.code(), "class masks need --classes: " + binary.err());
        assertTrue(binary.err().contains("is not binary"), binary.err());
    }
}

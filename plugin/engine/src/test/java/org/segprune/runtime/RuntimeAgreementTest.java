package org.segprune.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.data.Batches;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.SampleLoader;
import org.segprune.data.SegmentationDataset;
import org.segprune.evaluate.EvaluationReport;
import org.segprune.evaluate.Evaluator;
import org.segprune.evaluate.ImageMetrics;
import org.segprune.evaluate.Latency;
import org.segprune.graph.InferenceForm;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.testutil.TinyModels;
import org.segprune.util.Progress;

/** DL4J and ONNX Runtime predict the same and so give the same metrics; each report names its runtime and device. */
class RuntimeAgreementTest {

    /** The bound for outputs and dice. */
    private static final double TOLERANCE = 1e-4;

    /** The U-Net at base 8 (8, 16 and 32 filters; 4, 8 and 16 when pruned): ONNX Runtime's two levels are both run. */
    private static SegmentationModel model(String architecture, boolean pruned) {
        boolean unet = architecture.equals("unet");
        SegmentationModel model = Architectures.build(new ModelSpec(architecture, 32, 1, unet ? 2 : 3, unet ? 8 : 4, 7));
        TinyModels.randomiseBatchNorms(model.graph(), 7);
        return pruned ? TinyModels.pruneHalfWithL1(model) : model;
    }

    @Test
    void onnxRuntimeUsesItsBlockedLayoutOnlyWhereTheFilterCountsFillItsBlocks() {
        Dl4jRuntime.init();
        assertEquals(OptLevel.ALL_OPT, OrtForwardPass.optimizationLevel(InferenceForm.of(model("unet", false))));
        assertEquals(OptLevel.EXTENDED_OPT, OrtForwardPass.optimizationLevel(InferenceForm.of(model("unet", true))));
    }

    @ParameterizedTest
    @CsvSource({"unet, false", "unet, true", "deeplabv3plus, false", "deeplabv3plus, true"})
    void runtimesGiveTheSameOutputsAndMetrics(String architecture, boolean pruned, @TempDir Path dir) {
        Dl4jRuntime.init();
        SegmentationModel model = model(architecture, pruned);
        SegmentationDataset data = PhantomGenerator.generate(dir.resolve("data"), PhantomGenerator.Kind.LUNG, 5, 32, 3,
                Progress.NONE);
        SampleLoader loader = SampleLoader.forModel(model.info());
        INDArray features = Batches.inOrder(data, loader, 5).iterator().next().features();
        SegmentationModel inference = InferenceForm.of(model);
        INDArray dl4j;
        INDArray ort;
        try (ForwardPass pass = InferenceRuntime.DL4J.open(inference, 0, Progress.NONE)) {
            dl4j = pass.output(features.dup()).castTo(DataType.DOUBLE);
        }
        try (ForwardPass pass = InferenceRuntime.ONNXRUNTIME.open(inference, 1, Progress.NONE)) {
            ort = pass.output(features.dup()).castTo(DataType.DOUBLE);
        }
        assertEquals(List.of(dl4j.shape()[0], dl4j.shape()[1], dl4j.shape()[2], dl4j.shape()[3]),
                List.of(ort.shape()[0], ort.shape()[1], ort.shape()[2], ort.shape()[3]));
        double difference = dl4j.sub(ort).amaxNumber().doubleValue();
        double spread = dl4j.maxNumber().doubleValue() - dl4j.minNumber().doubleValue();
        System.out.printf(Locale.ROOT, "runtimes %s pruned=%s: max abs output difference %.3g (output spread %.3g)%n",
                architecture, pruned, difference, spread);
        assertTrue(spread > 1e-3, "the outputs vary, so agreeing means something: spread " + spread);
        assertTrue(difference <= TOLERANCE, "DL4J vs ONNX Runtime: max abs difference " + difference);

        EvaluationReport inDl4j = Evaluator.evaluate(model, "m", data, 2, Latency.MIN_RUNS, InferenceRuntime.DL4J, 0,
                Progress.NONE, null).report();
        Evaluator.Result inOrt = Evaluator.evaluate(model, "m", data, 2, Latency.MIN_RUNS, InferenceRuntime.ONNXRUNTIME, 1,
                Progress.NONE, null);
        EvaluationReport ortReport = inOrt.report();
        assertEquals(inDl4j.diceMean(), ortReport.diceMean(), TOLERANCE);
        assertEquals(inDl4j.dicePooled(), ortReport.dicePooled(), TOLERANCE);
        assertEquals(inDl4j.iouMean(), ortReport.iouMean(), TOLERANCE);
        assertEquals(data.size(), inOrt.images().stream().map(ImageMetrics::stem).distinct().count());
        assertEquals("dl4j", inDl4j.runtime());
        assertEquals("onnxruntime", ortReport.runtime());
        assertEquals(Backend.CPU, ortReport.backend());
        assertEquals(1, ortReport.threads(), "ONNX Runtime's intra-op threads are the threads setting");
        assertTrue(ortReport.latencyMs() > 0 && inDl4j.latencyMs() > 0);
        assertEquals(inDl4j.params(), ortReport.params());
    }

    @Test
    void onnxRuntimeTakesTheThreadsSettingOrAsManyThreadsAsDl4j() {
        Dl4jRuntime.init();
        assertEquals(3, InferenceRuntime.ONNXRUNTIME.threads(3));
        assertEquals(Dl4jRuntime.threads(), InferenceRuntime.ONNXRUNTIME.threads(0));
        assertEquals(Dl4jRuntime.threads(), InferenceRuntime.DL4J.threads(3), "DL4J's threads are set on the calling thread");
    }

    @Test
    void theDeviceOfTheCpuBackendNamesTheCpu() {
        Dl4jRuntime.init();
        ComputeDevice device = ComputeDevice.of(InferenceRuntime.DL4J);
        assertEquals(Backend.CPU, device.backend(), "this build has no GPU backend");
        assertTrue(device.name().startsWith("CPU, " + Runtime.getRuntime().availableProcessors() + " cores"), device.name());
    }
}

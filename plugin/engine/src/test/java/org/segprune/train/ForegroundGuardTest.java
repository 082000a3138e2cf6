package org.segprune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.segprune.testutil.RecordedWarnings;
import org.segprune.data.Batches;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.SampleLoader;
import org.segprune.data.SegmentationDataset;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.util.Progress;

class ForegroundGuardTest {

    private static SegmentationDataset train;
    private static SegmentationDataset validation;

    @BeforeAll
    static void phantoms(@TempDir Path dir) {
        Dl4jRuntime.init();
        train = PhantomGenerator.generate(dir.resolve("train"), PhantomGenerator.Kind.LUNG, 12, 32, 5, Progress.NONE);
        validation = PhantomGenerator.generate(dir.resolve("validation"), PhantomGenerator.Kind.LUNG, 6, 32, 6, Progress.NONE);
    }

    private static SegmentationModel trained() {
        SegmentationModel model = Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 7));
        return Trainer.train(model, train, validation, TrainingSettings.DEFAULTS.withEpochs(3).withBatchSize(4).withSeed(1),
                "training", Progress.NONE).model();
    }

    private static Batches.Batch batch() {
        return Batches.inOrder(train, new SampleLoader(32, 1), 12).iterator().next();
    }

    private static void shiftHeadBias(ComputationGraph graph, double shift) {
        INDArray bias = graph.getLayer("head").getParam("b");
        graph.getLayer("head").setParam("b", bias.add(shift));
    }

    /** Gamma 0 and beta -1: nothing passes the ReLU after the batch norm, and no gradient comes back through it. */
    private static void silence(ComputationGraph graph, String batchNorm) {
        graph.getLayer(batchNorm).setParam("gamma", graph.getLayer(batchNorm).getParam("gamma").mul(0));
        graph.getLayer(batchNorm).setParam("beta", graph.getLayer(batchNorm).getParam("beta").mul(0).sub(1));
    }

    @Test
    void aModelWhoseLogitsNeverReachTheThresholdIsAllBackgroundAndRecalibrationRestoresTheMasksShare() {
        SegmentationModel model = trained();
        ComputationGraph graph = model.graph().clone();
        assertFalse(ForegroundGuard.probe(graph, batch()).allBackground(), "a trained model finds foreground");
        shiftHeadBias(graph, -100);
        ForegroundGuard.Probe probe = ForegroundGuard.probe(graph, batch());
        assertTrue(probe.allBackground());
        assertEquals(0, probe.predictedFraction());
        assertTrue(probe.maxLogit() < 0 && probe.describe().contains("largest output logit"), probe.describe());
        assertTrue(probe.silentLayers().isEmpty(), probe.silentLayers().toString());

        double shift = ForegroundGuard.recalibrateHead(graph, batch(), true);
        ForegroundGuard.Probe after = ForegroundGuard.probe(graph, batch(), true);
        assertTrue(shift > 50, "the bias comes back up: " + shift);
        assertEquals(after.maskFraction(), after.predictedFraction(), 0.01, "predicts the masks' foreground share in training");
    }

    /** After training, the head is moved as evaluation sees the model: batch norms with running statistics. */
    @Test
    void recalibrationForInferenceRestoresTheMasksShareAsEvaluationSeesIt() {
        ComputationGraph graph = trained().graph().clone();
        shiftHeadBias(graph, -100);
        assertTrue(ForegroundGuard.probe(graph, batch()).allBackground());
        ForegroundGuard.recalibrateHead(graph, batch(), false);
        ForegroundGuard.Probe after = ForegroundGuard.probe(graph, batch());
        assertFalse(after.allBackground());
        assertEquals(after.maskFraction(), after.predictedFraction(), 0.01, "predicts the masks' foreground share in inference");
    }

    /**
     * Logits tied at the cut end above the threshold, not at it: a head that reads one ReLU channel as negative
     * evidence gives exactly its bias wherever that channel is zero (a plateau wider than the masks' share).
     */
    @Test
    void aPlateauOfEqualLogitsAtTheCutBecomesForeground() {
        ComputationGraph graph = trained().graph().clone();
        INDArray weights = graph.getLayer("head").getParam("W").mul(0);
        weights.putScalar(new long[] {0, 0, 0, 0}, -1);
        graph.getLayer("head").setParam("W", weights);
        shiftHeadBias(graph, -3);
        assertTrue(ForegroundGuard.probe(graph, batch()).allBackground());
        ForegroundGuard.recalibrateHead(graph, batch(), false);
        ForegroundGuard.Probe after = ForegroundGuard.probe(graph, batch());
        assertFalse(after.allBackground(), "the plateau is foreground: " + after.describe());
        assertTrue(after.predictedFraction() >= after.maskFraction(), after.describe());
    }

    @Test
    void layersThroughWhichNoSignalPassesAreNamed() {
        ComputationGraph graph = trained().graph().clone();
        silence(graph, "dec0_conv2_bn");
        ForegroundGuard.Probe probe = ForegroundGuard.probe(graph, batch());
        assertEquals(List.of("dec0_conv2_bn", "dec0_conv2_relu"), probe.silentLayers());
        assertTrue(probe.describe().contains("no signal passes layers dec0_conv2_bn, dec0_conv2_relu"), probe.describe());
    }

    @Test
    void fineTuningStartsFromTheMasksShareWhenTheModelStartsAllBackground() {
        SegmentationModel model = trained();
        shiftHeadBias(model.graph(), -100);
        TrainingResult result = Trainer.train(model, train, validation, TrainingSettings.DEFAULTS.withEpochs(1).withBatchSize(4),
                "fine-tuning", Progress.NONE);
        // A head 100 below the threshold cannot come back in one epoch of Adam steps of 1e-3: any foreground is the guard's.
        assertTrue(result.curve().get(0).validationDice() > 0.05, "found foreground in the first epoch: " + result.curve());
        String provenance = result.model().info().provenance().get(result.model().info().provenance().size() - 1);
        assertTrue(provenance.contains("started all background") && provenance.contains("head bias moved by +"), provenance);
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
    }

    /**
     * Stale running statistics (here: the last batch norm's running means 1.5 standard deviations too high) make a model
     * all background as evaluation sees it while training still segments; the epochs are then judged at the guard's
     * operating point instead of counting as dice 0.
     */
    @Test
    void epochsThatEvaluationSeesAllBackgroundAreJudgedAtTheGuardsOperatingPoint() {
        SegmentationModel model = trained();
        ComputationGraph graph = model.graph();
        String batchNorm = "dec0_conv2_bn";
        INDArray std = Transforms.pow(Nd4j.valueArrayOf(graph.getLayer(batchNorm).getParam("log10stdev").shape(), 10.0),
                graph.getLayer(batchNorm).getParam("log10stdev"));
        graph.getLayer(batchNorm).setParam("mean", graph.getLayer(batchNorm).getParam("mean").add(std.mul(1.5)));
        double largestLogit = graph.feedForward(batch().features(), false).get("head").maxNumber().doubleValue();
        shiftHeadBias(graph, -largestLogit - 0.1);
        assertTrue(ForegroundGuard.probe(graph, batch()).allBackground(), "all background as evaluation sees it");
        assertFalse(ForegroundGuard.probe(graph, batch(), true).allBackground(), "not in training: the start is left alone");

        TrainingResult result = Trainer.train(model, train, validation, TrainingSettings.DEFAULTS.withEpochs(1).withBatchSize(4)
                .withLearningRate(1e-5), "fine-tuning", Progress.NONE);

        assertTrue(result.curve().get(0).validationDice() > 0.05, "the epoch is judged with foreground: " + result.curve());
        String provenance = result.model().info().provenance().get(result.model().info().provenance().size() - 1);
        assertTrue(provenance.contains("best epoch judged all background") && !provenance.contains("started all background"),
                provenance);
        assertFalse(ForegroundGuard.probe(result.model().graph(), batch()).allBackground(), "the kept weights carry that head");
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
    }

    @Test
    void fineTuningThatCannotFindForegroundEndsWithAWarningNamingTheCause() {
        SegmentationModel model = trained();
        silence(model.graph(), "dec0_conv2_bn");
        RecordedWarnings progress = new RecordedWarnings();
        List<String> warned = progress.messages;
        TrainingResult result = Trainer.train(model, train, validation, TrainingSettings.DEFAULTS.withEpochs(2).withBatchSize(4),
                "fine-tuning", progress.sub(0, 1));
        assertEquals(1, result.warnings().size(), result.warnings().toString());
        assertEquals(result.warnings(), warned, "the warning reaches the user through the progress");
        String warning = result.warnings().get(0);
        assertTrue(warning.startsWith("fine-tuning model predicts no foreground after 2 epoch(s)"), warning);
        assertTrue(warning.contains("no signal passes layers dec0_conv2_bn, dec0_conv2_relu"), warning);
    }
}

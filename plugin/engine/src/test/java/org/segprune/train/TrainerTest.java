package org.segprune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.SampleLoader;
import org.segprune.data.SegmentationDataset;
import org.segprune.evaluate.Evaluator;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.util.Progress;

class TrainerTest {

    private static SegmentationDataset train;
    private static SegmentationDataset validation;

    @BeforeAll
    static void phantoms(@TempDir Path dir) {
        Dl4jRuntime.init();
        train = PhantomGenerator.generate(dir.resolve("train"), PhantomGenerator.Kind.LUNG, 12, 32, 5, Progress.NONE);
        validation = PhantomGenerator.generate(dir.resolve("validation"), PhantomGenerator.Kind.LUNG, 6, 32, 6, Progress.NONE);
    }

    private static SegmentationModel untrained() {
        return Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 7));
    }

    @Test
    void cosineDecaysFromTheRateToOnePercentStepHalvesEveryThirdConstantStays() {
        TrainingSettings cosine = TrainingSettings.DEFAULTS.withEpochs(3).withLearningRate(0.01);
        assertEquals(0.01, cosine.learningRateAt(0), 1e-12);
        assertEquals(0.01 * (0.01 + 0.99 * 0.5), cosine.learningRateAt(1), 1e-12);
        assertEquals(0.0001, cosine.learningRateAt(2), 1e-12);
        TrainingSettings step = new TrainingSettings(9, 8, 0.01, TrainingSettings.Schedule.STEP, true, 8, 1);
        double[] expected = {0.01, 0.01, 0.01, 0.005, 0.005, 0.005, 0.0025, 0.0025, 0.0025};
        for (int epoch = 0; epoch < expected.length; epoch++) {
            assertEquals(expected[epoch], step.learningRateAt(epoch), 1e-12, "epoch " + epoch);
        }
        TrainingSettings constant = new TrainingSettings(5, 8, 0.01, TrainingSettings.Schedule.CONSTANT, true, 8, 1);
        assertEquals(0.01, constant.learningRateAt(4), 1e-12);
    }

    @Test
    void everyEpochRunsAtItsScheduledRateAndTheInputModelIsUnchanged() {
        SegmentationModel model = untrained();
        INDArray before = model.graph().params().dup();
        TrainingSettings settings = new TrainingSettings(3, 4, 0.01, TrainingSettings.Schedule.STEP, false, 8, 1);
        TrainingResult result = Trainer.train(model, train, validation, settings, "test", Progress.NONE);
        assertEquals(3, result.curve().size());
        for (EpochRecord epoch : result.curve()) {
            assertEquals(settings.learningRateAt(epoch.epoch() - 1), epoch.learningRate(), 1e-12);
        }
        assertEquals(before, model.graph().params(), "training works on a copy");
    }

    /**
     * A large constant rate makes the validation dice jump around; the returned model must be the best
     * epoch's, not the last one's, and training stops {@code patience} epochs after the best.
     */
    @Test
    void earlyStoppingKeepsTheBestEpochsWeightsAndStopsAfterPatience() {
        TrainingSettings settings = new TrainingSettings(12, 4, 0.05, TrainingSettings.Schedule.CONSTANT, false, 2, 3);
        TrainingResult result = Trainer.train(untrained(), train, validation, settings, "test", Progress.NONE);
        double best = result.curve().stream().mapToDouble(EpochRecord::validationDice).max().orElseThrow();
        assertEquals(best, result.bestValidationDice(), 1e-12);
        assertEquals(best, result.curve().get(result.bestEpoch() - 1).validationDice(), 1e-12);
        assertTrue(result.curve().size() <= result.bestEpoch() + settings.patience(), "stopped within patience");
        double last = result.curve().get(result.curve().size() - 1).validationDice();
        assertTrue(last != best, "the set-up must end on a worse epoch, else it cannot tell best from last: " + result.curve());
        double returned = Evaluator.meanDice(result.model().graph(), result.model().info(), validation, new SampleLoader(32, 1), 4,
                Progress.NONE);
        assertEquals(best, returned, 1e-9, "the returned weights are the best epoch's");
    }
}

package org.segprune.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.SegmentationDataset;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.prune.PruneSettings;
import org.segprune.score.ScoringSettings;
import org.segprune.train.TrainingSettings;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

class ComparisonTest {

    @TempDir
    Path dir;

    private static CompareSettings settings(List<String> methods, List<Double> budgets) {
        TrainingSettings training = TrainingSettings.DEFAULTS.withEpochs(1).withBatchSize(4).withSeed(3);
        return new CompareSettings(methods, budgets, "unet", 32, 2, 4, training, training,
                new ScoringSettings(1, 1e-3, 4, 16, new int[] {1, 2, 4}, 32, 1e-4, 3), 0.25, 0.2, 1,
                PruneSettings.ScoreScale.AUTO, List.of(3L));
    }

    @Test
    void everyMethodAtEveryBudgetPrunesTheSameBaseAndReportsTheTestPart() {
        Dl4jRuntime.init();
        SegmentationDataset data = PhantomGenerator.generate(dir.resolve("data"), PhantomGenerator.Kind.LUNG, 20, 32, 3,
                Progress.NONE);
        CompareResult result = Comparison.run(data, null, null, settings(List.of("l1", "se", "sbca"), List.of(0.5, 0.3)),
                dir.resolve("run"), Progress.NONE);
        assertEquals(6, result.rows().size());
        assertEquals(5, result.testImages());
        assertEquals(12, result.trainImages());
        for (CompareRow row : result.rows()) {
            assertTrue(row.params() <= row.budget() * result.baseReport().params(), row.toString());
            assertTrue(row.paramsPercent() <= 100 * row.budget() + 1e-9, row.toString());
            assertTrue(row.gflops() < result.baseReport().gflops(), row.toString());
        }
        assertEquals(List.of("l1", "l1", "se", "se", "sbca", "sbca"), result.rows().stream().map(CompareRow::method).toList());
        com.fasterxml.jackson.databind.JsonNode sbcaReport = org.segprune.util.Json.read(
                dir.resolve("run").resolve("seed-3").resolve(Comparison.SBCA_REPORT), com.fasterxml.jackson.databind.JsonNode.class);
        assertEquals(1.0, sbcaReport.get("initial_beta").asDouble());
        assertTrue(sbcaReport.get("layers").size() > 0 && sbcaReport.get("layers").get(0).has("spearman"), sbcaReport.toString());
        String markdown = result.markdown();
        assertTrue(markdown.contains("| unpruned |") && markdown.contains("| se | 0.3000 | 3 |"), markdown);
        assertEquals(1e-4, result.gateSparsity(), "the result records how the attention modules were trained");
        assertTrue(markdown.contains("with gate sparsity 1.0E-4"), markdown);
    }

    @Test
    void aGivenBaseModelIsReportedAsGivenNotAsTrained() {
        Dl4jRuntime.init();
        SegmentationDataset data = PhantomGenerator.generate(dir.resolve("data"), PhantomGenerator.Kind.LUNG, 12, 32, 3,
                Progress.NONE);
        CompareSettings settings = settings(List.of("l1"), List.of(0.5));
        SegmentationModel given = Architectures.build(new ModelSpec(ModelSpec.UNET, 32, 1, 2, 4, 3));
        CompareResult result = Comparison.run(data, null, given, settings, dir.resolve("given"), Progress.NONE);
        assertEquals(0, result.epochs(), "no epoch of the base model was trained by the comparison");
        assertTrue(result.markdown().contains("base model given, not trained here"), result.markdown());
        CompareResult trained = Comparison.run(data, null, null, settings, dir.resolve("trained"), Progress.NONE);
        assertTrue(trained.markdown().contains("base trained 1 epochs"), trained.markdown());
    }

    @Test
    void badSettingsAreRejectedBeforeAnyWork() {
        assertThrows(SegPruneException.class, () -> settings(List.of("l3"), List.of(0.5)));
        assertThrows(SegPruneException.class, () -> settings(List.of("l1"), List.of(1.5)));
        assertThrows(SegPruneException.class, () -> settings(List.of(), List.of(0.5)));
    }
}

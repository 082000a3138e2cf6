package org.segprune.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.evaluate.ImageMetrics;
import org.segprune.data.PhantomGenerator;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.util.CancelledException;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;
import org.segprune.graph.ModelSummaries;
import org.segprune.model.ModelSummary;
import org.segprune.table.NodeTable;

/** The engine operations the nodes call, on phantoms and a tiny U-Net (32x32, depth 2, 4 base filters). */
class OperationsTest {

    @TempDir
    static Path dir;

    static NodeTable images;
    static SegmentationModel model;

    @BeforeAll
    static void data() {
        PhantomGenerator.generate(dir.resolve("p"), PhantomGenerator.Kind.LUNG, 10, 32, 5, Progress.NONE);
        images = DataReaderStep.run(DataReaderSettings.from(Map.of("images_folder", "p/images", "masks_folder",
                "p/masks", "test_fraction", "0.3")), dir, Progress.NONE);
        model = Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 3));
    }

    private static Map<String, String> map(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void theDataReaderListsEveryPairWithASeededSplit() {
        assertEquals(10, images.size());
        assertEquals(DataReaderStep.OUTPUT, images.schema());
        NodeTable.Row first = images.rows().get(0);
        assertEquals("lung_0000", first.key());
        assertTrue(first.cell(0).toString().endsWith("lung_0000.png") && Path.of(first.cell(0).toString()).isAbsolute());
        assertEquals(32, first.cell(2));
        double foreground = (Double) first.cell(4);
        assertTrue(foreground > 0.05 && foreground < 0.6, "foreground " + foreground);
        long test = images.rows().stream().filter(r -> "test".equals(r.cell(5))).count();
        assertEquals(3, test);
        NodeTable again = DataReaderStep.run(DataReaderSettings.from(Map.of("images_folder", "p/images", "masks_folder",
                "p/masks", "test_fraction", "0.3")), dir, Progress.NONE);
        assertEquals(images.rows(), again.rows());
    }

    @Test
    void theDataReaderNamesAMissingFolder() {
        SegPruneException e = assertThrows(SegPruneException.class, () -> DataReaderStep.run(
                DataReaderSettings.from(map("images_folder", "nope", "masks_folder", "p/masks")), dir, Progress.NONE));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void imageRowsSelectTheSplitAndNameAMissingFile() {
        assertEquals(7, FineTunerSettings.from(Map.of()).rows().select(images, "t", Progress.NONE).size());
        assertEquals(3, EvaluatorSettings.from(Map.of()).rows().select(images, "t", Progress.NONE).size());
        NodeTable broken = NodeTable.builder(images.schema()).add("x", "/no/such.png", "/no/such.png", 1, 1, 0.0, "train")
                .build();
        SegPruneException e = assertThrows(SegPruneException.class,
                () -> FineTunerSettings.from(Map.of()).rows().select(broken, "the training table", Progress.NONE));
        assertEquals("row 'x' of the training table: file '/no/such.png' does not exist", e.getMessage());
        e = assertThrows(SegPruneException.class,
                () -> EvaluatorSettings.from(Map.of()).rows().select(broken, "the image table", Progress.NONE));
        assertEquals("the image table has no row whose column 'split' says 'test' (1 rows)", e.getMessage());
    }

    @Test
    void theScorerScoresEveryFilterAndRefusesAttentionWithoutImages() {
        AttentionScorerStep.Scored l1 = AttentionScorerStep.run(AttentionScorerSettings.from(map("method", "l1")), model, null,
                Progress.NONE);
        ModelSummary summary = ModelSummaries.of(model);
        int filters = summary.layers().stream().filter(ModelSummary.LayerSummary::prunable)
                .mapToInt(ModelSummary.LayerSummary::channels).sum();
        assertEquals(filters, l1.table().size());
        assertEquals("l1", l1.table().column("method").get(0));
        SegPruneException e = assertThrows(SegPruneException.class, () -> AttentionScorerStep.configure(
                AttentionScorerSettings.from(map("method", "se")), summary, null));
        assertEquals("method 'se' needs images: connect an image table", e.getMessage());
    }

    @Test
    void thePrunerHalvesTheModelAndListsItsPlan() {
        AttentionScorerStep.Scored scores = AttentionScorerStep.run(AttentionScorerSettings.from(map("method", "l1")), model,
                null, Progress.NONE);
        FilterPrunerStep.Pruned pruned = FilterPrunerStep.run(FilterPrunerSettings.from(map("mode", "ratio", "min_channels", "1")),
                model, scores.table(), Progress.NONE);
        assertEquals(ModelSummaries.of(model).prunableLayers().size(), pruned.planTable().size());
        assertEquals(4, pruned.planTable().column("channels_before").get(0));
        assertEquals(2, pruned.planTable().column("channels_after").get(0));
        assertTrue(pruned.model().info().provenance().get(1).startsWith("pruned with l1"));
    }

    @Test
    void aModelWithoutPrunableLayersFailsToConfigure() {
        ModelSummary none = new ModelSummary("tiny", 32, 1, 10, List.of(new ModelSummary.LayerSummary("head",
                "ConvolutionLayer", 1, 10, false)), List.of(), 0);
        SegPruneException e = assertThrows(SegPruneException.class, () -> FilterPrunerStep.configure(
                FilterPrunerSettings.from(Map.of()), none, AttentionScorerStep.SCORES));
        assertTrue(e.getMessage().startsWith("the tiny model has no prunable layers"), e.getMessage());
    }

    @Test
    void theFineTunerTrainsAndReportsItsCurve() {
        FineTunerStep.Trained result = FineTunerStep.run(FineTunerSettings.from(map("epochs", "2", "batch_size",
                "4")), model, images, null, Progress.NONE);
        assertEquals(2, result.curve().size());
        assertNotNull(result.curve().column("validation_dice").get(0));
        assertTrue(result.model().info().provenance().get(1).startsWith("trained"));
        FineTunerStep.Trained noValidation = FineTunerStep.run(FineTunerSettings.from(map("epochs", "1",
                "validation_fraction", "0")), model, images, null, Progress.NONE);
        assertNull(noValidation.curve().column("validation_dice").get(0));
    }

    @Test
    void cancellingStopsTheOperation() {
        Progress cancelled = new Progress() {
            @Override
            public void report(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancelledException.class, () -> FineTunerStep.run(FineTunerSettings.from(Map.of()), model, images,
                null, cancelled));
    }

    @Test
    void theEvaluatorReportsOneMetricsRowAndOneOverlayPerImage() throws Exception {
        EvaluatorStep.Evaluated result = EvaluatorStep.run(EvaluatorSettings.from(map("model_name", "tiny")), model,
                images, Progress.NONE);
        assertEquals(1, result.metrics().size());
        assertEquals("tiny", result.metrics().column("model").get(0));
        assertEquals(result.report().diceMean(), result.metrics().column("dice_mean").get(0));
        assertEquals(3, result.perImage().size());
        byte[] png = (byte[]) result.perImage().column(EvaluatorStep.OVERLAY).get(0);
        java.awt.image.BufferedImage overlay = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertEquals(3 * 32 + 4, overlay.getWidth());
        assertEquals(32, overlay.getHeight());
        assertEquals(ImageMetrics.SCHEMA.columns().size(), EvaluatorStep.run(EvaluatorSettings.from(map("overlays", "false")), model, images,
                Progress.NONE).perImage().schema().columns().size());
    }

    @Test
    void anEvaluatorAppendsItsRowToTheEarlierMetricsAndRefusesANameAlreadyInThem() {
        Step.Context context = new Step.Context(null, Progress.NONE);
        NodeTable first = (NodeTable) Steps.EVALUATOR.execute(map("model_name", "baseline", "overlays", "false"),
                java.util.Arrays.asList(model, images, null), context).outputs().get(0);
        NodeTable both = (NodeTable) Steps.EVALUATOR.execute(map("model_name", "pruned", "overlays", "false"),
                java.util.Arrays.asList(model, images, first), context).outputs().get(0);
        assertEquals(List.of("baseline", "pruned"), both.column("model"));
        assertEquals(first.rows().get(0), both.rows().get(0));
        SegPruneException e = assertThrows(SegPruneException.class, () -> Steps.EVALUATOR.execute(map("model_name",
                "pruned", "overlays", "false"), java.util.Arrays.asList(model, images, both), context));
        assertEquals("model name 'pruned' is already a row of the earlier metrics table: give this evaluator another "
                + "model_name", e.getMessage());
    }
}

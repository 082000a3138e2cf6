package org.segprune.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.testutil.RecordedWarnings;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.SegmentationDataset;
import org.segprune.model.Architectures;
import org.segprune.model.ModelIO;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.PrunePlan;
import org.segprune.table.NodeTable;
import org.segprune.util.Progress;

/**
 * Soft problems are warnings (the node's warning message in KNIME, a line on stderr in the command line), not errors:
 * an assumed input size, images resized, a mask set with no foreground, a budget met only approximately.
 */
class SoftProblemWarningsTest {

    @TempDir
    Path dir;

    private static final ImageRows ALL_ROWS = new ImageRows(DataReaderStep.IMAGE, DataReaderStep.MASK, DataReaderStep.SPLIT,
            ImageRows.ALL);

    @Test
    void aPlainDl4jZipWarnsThatItsInputSizeIsAssumed() throws IOException {
        SegmentationModel built = Architectures.build(new ModelSpec(ModelSpec.UNET, 32, 1, 2, 4, 1));
        Path plain = dir.resolve("plain.zip");
        ModelSerializer.writeModel(built.graph(), plain.toFile(), false);
        Path own = dir.resolve("own.zip");
        ModelIO.save(built, own, false);

        RecordedWarnings warnings = new RecordedWarnings();
        ModelReaderStep.run(ModelReaderSettings.from(Map.of("source", "file", "model_file", plain.toString())), null,
                warnings);
        assertEquals(List.of("the model file 'plain.zip' does not say its input size (a plain DL4J zip): 256x256 is "
                + "assumed, and images are resized to it"), warnings.messages);
        RecordedWarnings none = new RecordedWarnings();
        ModelReaderStep.run(ModelReaderSettings.from(Map.of("source", "file", "model_file", own.toString())), null, none);
        assertEquals(List.of(), none.messages);
    }

    @Test
    void imagesOfAnotherSizeThanTheModelsInputWarnThatTheyAreResized() {
        SegmentationDataset data = PhantomGenerator.generate(dir.resolve("p"), PhantomGenerator.Kind.LUNG, 3, 32, 1,
                Progress.NONE);
        NodeTable table = ImageRows.tableOf(data);
        RecordedWarnings resized = new RecordedWarnings();
        ALL_ROWS.select(table, "the image table", 64, resized);
        assertEquals(List.of("3 of 3 images are not 64x64, the model's input size (e.g. 'lung_0000.png' is 32x32): they "
                + "are resized to it, masks too"), resized.messages);
        RecordedWarnings same = new RecordedWarnings();
        ALL_ROWS.select(table, "the image table", 32, same);
        assertEquals(List.of(), same.messages);
    }

    @Test
    void masksWithoutForegroundWarnInTheReaderAndWhereverImagesAreUsed() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        Path masks = Files.createDirectories(dir.resolve("masks"));
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 4, 0, 99);
        BufferedImage empty = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (String stem : List.of("a", "b")) {
            ImageIO.write(grey, "png", images.resolve(stem + ".png").toFile());
            ImageIO.write(empty, "png", masks.resolve(stem + ".png").toFile());
        }
        RecordedWarnings reader = new RecordedWarnings();
        NodeTable table = DataReaderStep.run(DataReaderSettings.from(Map.of("images_folder", images.toString(),
                "masks_folder", masks.toString(), "test_fraction", "0")), null, reader);
        assertEquals(List.of("none of the 2 masks of '" + masks + "' has any foreground (all are 0): dice is undefined on "
                + "them and a model trained on them learns to predict background only"), reader.messages);
        RecordedWarnings rows = new RecordedWarnings();
        ALL_ROWS.select(table, "the training table", 16, rows);
        assertEquals(List.of(ImageRows.noForeground(2, "the training table")), rows.messages);

        // one mask with foreground is enough
        BufferedImage some = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        some.getRaster().setSample(5, 5, 0, 255);
        ImageIO.write(some, "png", masks.resolve("b.png").toFile());
        RecordedWarnings fine = new RecordedWarnings();
        DataReaderStep.run(DataReaderSettings.from(Map.of("images_folder", images.toString(), "masks_folder",
                masks.toString(), "test_fraction", "0")), null, fine);
        assertEquals(List.of(), fine.messages);
    }

    private static PrunePlan plan(String mode, double value, double fraction, int... beforeAfter) {
        List<PrunePlan.LayerPlan> layers = new ArrayList<>();
        for (int i = 0; i < beforeAfter.length; i += 2) {
            layers.add(new PrunePlan.LayerPlan("conv" + i, i, beforeAfter[i], beforeAfter[i + 1], new int[0]));
        }
        return new PrunePlan("l1", mode, value, 4, "local", 1000, Math.round(1000 * fraction), fraction, layers);
    }

    @Test
    void aBudgetMetOnlyApproximatelyWarns() {
        assertEquals("keep parameters 0.5 met only approximately: the pruned model keeps 40.00 % of its parameters (the "
                + "smallest step that fits the budget removes more)", FilterPrunerStep.approximation(
                        plan("keep-params", 0.5, 0.4, 16, 6)));
        assertNull(FilterPrunerStep.approximation(plan("keep-params", 0.5, 0.49, 16, 8)));
        assertEquals("ratio 0.5 met only approximately: 1 of 2 layers keep more channels than it asks, their minimum of 4 "
                + "(minimum channels)", FilterPrunerStep.approximation(plan("ratio", 0.5, 0.6, 16, 8, 6, 4)));
        assertNull(FilterPrunerStep.approximation(plan("ratio", 0.5, 0.3, 16, 8, 8, 4)));
    }

    @Test
    void thePrunerStepReportsTheApproximationAsAWarning() {
        SegmentationModel model = Architectures.build(new ModelSpec(ModelSpec.UNET, 32, 1, 2, 4, 1));
        AttentionScorerStep.Scored scores = AttentionScorerStep.run(AttentionScorerSettings.from(Map.of("method", "l1")),
                model, null, Progress.NONE);
        RecordedWarnings warnings = new RecordedWarnings();
        FilterPrunerStep.Pruned pruned = FilterPrunerStep.run(FilterPrunerSettings.from(Map.of("mode", "ratio", "ratio",
                "0.5")), model, scores.table(), warnings);
        // base 4: every layer already has the minimum of 4 channels, so the ratio removes nothing from the first level
        assertTrue(pruned.plan().layers().stream().anyMatch(l -> l.channelsAfter() == 4 && l.channelsBefore() == 4));
        assertEquals(1, warnings.messages.size(), warnings.messages.toString());
        assertTrue(warnings.messages.get(0).startsWith("ratio 0.5 met only approximately: "), warnings.messages.get(0));
    }
}

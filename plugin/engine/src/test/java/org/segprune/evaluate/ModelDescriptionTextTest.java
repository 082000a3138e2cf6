package org.segprune.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.segprune.graph.ModelSummaries;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.step.AttentionScorerSettings;
import org.segprune.step.AttentionScorerStep;
import org.segprune.step.FilterPrunerSettings;
import org.segprune.step.FilterPrunerStep;
import org.segprune.util.Progress;

/** The model port's view text: architecture, input and preprocessing, head, size and cost, layers, provenance. */
class ModelDescriptionTextTest {

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void aPrunedModelsTextSaysWhatItIsAndWhereItCameFrom() throws java.io.IOException {
        SegmentationModel model = Architectures.build(new ModelSpec(ModelSpec.UNET, 32, 1, 2, 8, 1));
        AttentionScorerStep.Scored scores = AttentionScorerStep.run(AttentionScorerSettings.from(Map.of("method", "l2")),
                model, null, Progress.NONE);
        SegmentationModel pruned = FilterPrunerStep.run(FilterPrunerSettings.from(Map.of("mode", "ratio", "ratio", "0.5",
                "min_channels", "1")), model, scores.table(), Progress.NONE).model();
        ModelDescription description = ModelDescription.of(pruned, "dl4j");
        String text = description.text(ModelSummaries.of(pruned));
        assertTrue(text.startsWith("architecture    unet\ninput           1x1x32x32 (channels grey, normalization "), text);
        assertTrue(text.contains("\nhead            sigmoid, 1 channel(s), foreground channel 0\n"), text);
        assertTrue(text.contains("\nmasks           binary\n"), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "\nparameters      %,d trainable\n",
                description.params())), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "\nGFLOPs          %.4f per image\n",
                description.gflops())), text);
        // the first level had 8 filters; the ratio halved them, and the view says both
        assertTrue(text.contains("output channels, before pruning,"), text);
        assertTrue(text.matches("(?s).*\n  enc0_conv1\\s+ConvolutionLayer\\s+4\\s+8 .*"), text);
        assertTrue(!ModelDescription.of(model, "dl4j").text(ModelSummaries.of(model)).contains("before pruning"),
                "an unpruned model has no before column");
        // pruned again, still the channels of the original model; kept when saved
        SegmentationModel twice = FilterPrunerStep.run(FilterPrunerSettings.from(Map.of("mode", "ratio", "ratio", "0.5",
                "min_channels", "1")), pruned, AttentionScorerStep.run(AttentionScorerSettings.from(Map.of("method", "l2")), pruned,
                null, Progress.NONE).table(), Progress.NONE).model();
        assertEquals(8, twice.info().unprunedChannels().get("enc0_conv1"));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        org.segprune.model.ModelIO.write(twice, bytes, false);
        java.nio.file.Path file = dir.resolve("twice.zip");
        java.nio.file.Files.write(file, bytes.toByteArray());
        assertEquals(twice.info().unprunedChannels(), org.segprune.model.ModelIO.load(file).info().unprunedChannels());
        assertTrue(text.contains("\n  - pruned with l2, local ratio 0.5"), text);
    }
}

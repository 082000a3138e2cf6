package org.segprune.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.SegmentationDataset;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.PruneSettings;
import org.segprune.testutil.ZeroEquivalence;
import org.segprune.train.Trainer;
import org.segprune.train.TrainingResult;
import org.segprune.train.TrainingSettings;
import org.segprune.util.Progress;

/** METHOD.md's zero-equivalence test on PyTorch-exported models after import, and fine-tuning what pruning made. */
class ImportedModelPruningTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unet_bn_kept", "unet_bn_folded", "residual_bilinear", "se_gate", "dilated_mobile", "monai_style",
        "timm_style_opset20", "attention_unet", "normalising_input", "resnet_unet"})
    void prunedImportedModelEqualsZeroedOriginal(String fixture) {
        SegmentationModel model = OnnxImporter.read(OnnxTestData.folder("fixtures/" + fixture).resolve("model.onnx"), 0);
        ChannelGraph graph = ChannelGraph.of(model);
        assertFalse(graph.prunableLayers().isEmpty(), fixture + " has prunable layers");
        ZeroEquivalence.Result result = ZeroEquivalence.assertZeroEquivalent(model, PruneSettings.ratio(0.5, 1), 5);
        assertTrue(result.pruned().graph().numParams() < model.graph().numParams());
    }

    /** Back-propagation through the imported layers of their own (instance norm, PReLU, dilated depthwise, spatial gate). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dilated_mobile", "monai_style", "attention_unet"})
    void prunedImportedModelFineTunes(String fixture) {
        SegmentationModel model = OnnxImporter.read(OnnxTestData.folder("fixtures/" + fixture).resolve("model.onnx"), 0);
        SegmentationModel pruned = ZeroEquivalence.assertZeroEquivalent(model, PruneSettings.ratio(0.5, 1), 3).pruned();
        SegmentationDataset train = PhantomGenerator.generate(dir.resolve("train"), PhantomGenerator.Kind.LUNG, 4, 32, 3,
                Progress.NONE);
        SegmentationDataset validation = PhantomGenerator.generate(dir.resolve("validation"), PhantomGenerator.Kind.LUNG, 2,
                32, 4, Progress.NONE);
        TrainingResult tuned = Trainer.train(pruned, train, validation, TrainingSettings.DEFAULTS.withEpochs(1).withBatchSize(2),
                fixture, Progress.NONE);
        // BCE + dice is at most a few units; the importer's placeholder for a logits head (MSE, summed) was thousands
        assertTrue(tuned.curve().get(0).loss() < 5, fixture + ": loss " + tuned.curve().get(0).loss());
        assertFalse(tuned.model().graph().params().equals(pruned.graph().params()), fixture + ": fine-tuning changed the weights");
    }
}

package org.segprune.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.PruneSettings;
import org.segprune.testutil.ZeroEquivalence;

/** METHOD.md's zero-equivalence test on PyTorch-exported models after import. */
class ImportedModelPruningTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unet_bn_kept", "unet_bn_folded", "residual_bilinear", "se_gate", "dilated_mobile"})
    void prunedImportedModelEqualsZeroedOriginal(String fixture) {
        SegmentationModel model = OnnxImporter.read(OnnxTestData.folder("fixtures/" + fixture).resolve("model.onnx"), 0);
        ChannelGraph graph = ChannelGraph.of(model);
        assertFalse(graph.prunableLayers().isEmpty(), fixture + " has prunable layers");
        ZeroEquivalence.Result result = ZeroEquivalence.assertZeroEquivalent(model, PruneSettings.ratio(0.5, 1), 5);
        assertTrue(result.pruned().graph().numParams() < model.graph().numParams());
    }
}

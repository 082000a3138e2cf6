package org.segprune.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segprune.graph.ChannelGraph;
import org.segprune.graph.ChannelGroup;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.testutil.TinyModels;
import org.segprune.testutil.ZeroEquivalence;

/**
 * METHOD.md's correctness test of physical pruning: zero the removed filters in the original
 * (weights, bias, batch-norm gamma and beta, so each removed channel is exactly 0 after its
 * activation); the pruned network's output must equal the zeroed original's. The check itself is
 * {@link ZeroEquivalence} (shared with the DeepLabV3+ tests).
 */
class ZeroEquivalenceTest {

    @BeforeAll
    static void fastPath() {
        Dl4jRuntime.init();
    }

    @Test
    void prunedUNetEqualsZeroedOriginal() {
        SegmentationModel model = Architectures.build(new ModelSpec("unet", 32, 1, 3, 6, 11));
        ZeroEquivalence.assertZeroEquivalent(model, PruneSettings.ratio(0.5, 1), 3);
    }

    @Test
    void prunedUNetEqualsZeroedOriginalUnderGlobalBudget() {
        SegmentationModel model = Architectures.build(new ModelSpec("unet", 32, 3, 2, 8, 12));
        ZeroEquivalence.assertZeroEquivalent(model, PruneSettings.keepParams(0.2, 1), 4);
    }

    @Test
    void residualAddPrunesCoupledChannelsTogether() {
        SegmentationModel model = TinyModels.residual(16, 5);
        ChannelGraph graph = ChannelGraph.of(model);
        ChannelGroup coupled = graph.groupOf("b");
        assertEquals(Set.of("b", "shortcut"), new HashSet<>(coupled.producers()));
        assertTrue(coupled.prunable());
        ZeroEquivalence.assertZeroEquivalent(model, PruneSettings.ratio(0.5, 1), 6);
    }

    @Test
    void depthwiseConvolutionFollowsItsInputsPruning() {
        SegmentationModel model = TinyModels.depthwise(16, 8);
        ChannelGraph graph = ChannelGraph.of(model);
        assertEquals(List.of("stem", "fuse"), graph.prunableLayers());
        assertEquals(graph.layout("stem"), graph.layout("dw"));
        // stem 9*3*6 + 6 + BN 12, dw 9*6 + 6 + BN 12, fuse 9*6*5 + 5 + BN 10, head 5 + 1; BN statistics 12 + 12 + 10
        ChannelGraph.Totals totals = graph.totals(graph.currentChannels());
        assertEquals(180 + 72 + 285 + 6, totals.trainableParams());
        assertEquals(model.graph().numParams(), totals.paramsWithStatistics());
        ZeroEquivalence.Result result = ZeroEquivalence.assertZeroEquivalent(model, PruneSettings.ratio(0.5, 1), 9);
        int stemKept = result.kept().get(graph.groupOf("stem").id()).length;
        assertEquals(3, stemKept);
        assertEquals(9 * stemKept + stemKept, result.pruned().graph().getLayer("dw").numParams());
    }
}

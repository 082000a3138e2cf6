package org.segprune.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.graph.ChannelGraph;
import org.segprune.graph.ChannelGroup;
import org.segprune.model.Architectures;
import org.segprune.model.ModelIO;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.testutil.ZeroEquivalence;

/**
 * Zero-equivalence (METHOD.md) on DeepLabV3+: residual adds (coupled groups), dilated convolutions,
 * the ASPP and decoder concatenations, the pooling branch and the bilinear resizes, pruned by the same
 * code as U-Net.
 */
class DeepLabV3PlusPruningTest {

    @BeforeAll
    static void fastPath() {
        Dl4jRuntime.init();
    }

    private static ConvolutionLayer conv(ComputationGraph graph, String name) {
        return (ConvolutionLayer) ((LayerVertex) graph.getConfiguration().getVertices().get(name)).getLayerConf().getLayer();
    }

    @Test
    void localRatioEqualsZeroedOriginal() {
        SegmentationModel model = Architectures.build(new ModelSpec("deeplabv3plus", 32, 1, 4, 4, 21));
        ChannelGraph graph = ChannelGraph.of(model);
        // what this architecture adds is all prunable: coupled residual groups and every ASPP branch
        List<ChannelGroup> coupled = graph.prunableGroups().stream().filter(g -> g.producers().size() > 1).toList();
        assertEquals(4, coupled.size(), "one coupled group per encoder stage");
        for (String branch : List.of("aspp_1x1", "aspp_rate6", "aspp_rate12", "aspp_rate18", "aspp_pool_conv", "aspp_proj",
                "low_level", "decoder_conv1", "decoder_conv2", "layer4_1_conv1")) {
            assertTrue(graph.prunableLayers().contains(branch), branch);
        }

        ZeroEquivalence.Result result = ZeroEquivalence.assertZeroEquivalent(model, PruneSettings.ratio(0.5, 1), 21);
        ComputationGraph pruned = result.pruned().graph();
        // every group lost half its channels, coupled members the same ones
        for (ChannelGroup group : coupled) {
            assertEquals(group.channels() / 2, result.kept().get(group.id()).length, group.producers().toString());
            for (String producer : group.producers()) {
                assertEquals(group.channels() / 2, conv(pruned, producer).getNOut(), producer);
            }
        }
        // the ASPP projection reads 5 branches x 8 kept channels; the decoder the 8 kept ASPP channels + the kept low-level ones
        assertEquals(5 * 8, conv(pruned, "aspp_proj").getNIn());
        int lowKept = result.kept().get(result.graph().groupOf("low_level").id()).length;
        assertEquals(8 + lowKept, conv(pruned, "decoder_conv1").getNIn());
        assertEquals(1, conv(pruned, "head").getNOut());
        assertEquals(8, conv(pruned, "head").getNIn());
    }

    @Test
    void globalBudgetEqualsZeroedOriginalAtOutputStride8() {
        SegmentationModel model = Architectures.build(new ModelSpec("deeplabv3plus", 32, 3, 3, 4, 22));
        long before = ChannelGraph.of(model).totals(ChannelGraph.of(model).currentChannels()).trainableParams();
        ZeroEquivalence.Result result = ZeroEquivalence.assertZeroEquivalent(model, PruneSettings.keepParams(0.2, 1), 22);
        ChannelGraph after = ChannelGraph.of(result.pruned());
        long remaining = after.totals(after.currentChannels()).trainableParams();
        assertTrue(remaining <= 0.2 * before, remaining + " of " + before);
        assertTrue(remaining > 0.1 * before, "the budget is approached from below, not overshot: " + remaining + " of " + before);
    }

    @Test
    void prunedModelTrainsSavesAndLoads(@TempDir Path dir) {
        SegmentationModel model = Architectures.build(new ModelSpec("deeplabv3plus", 32, 1, 4, 4, 23));
        SegmentationModel pruned = Pruner.prune(model, ZeroEquivalence.randomScores(ChannelGraph.of(model), 23),
                PruneSettings.ratio(0.5, 1)).model();
        ComputationGraph graph = pruned.graph();
        INDArray features = Nd4j.rand(DataType.FLOAT, 2, 1, 32, 32);
        INDArray labels = Nd4j.rand(DataType.FLOAT, 2, 1, 32, 32).gt(0.5).castTo(DataType.FLOAT);
        INDArray before = graph.getLayer("aspp_rate12").getParam("W").dup();
        graph.fit(new DataSet(features, labels));
        graph.fit(new DataSet(features, labels));
        assertTrue(graph.getLayer("aspp_rate12").getParam("W").sub(before).amaxNumber().doubleValue() > 1e-5);
        Path file = dir.resolve("pruned.zip");
        ModelIO.save(pruned, file, false);
        SegmentationModel loaded = ModelIO.load(file);
        assertEquals(graph.params(), loaded.graph().params());
        INDArray expected = graph.outputSingle(false, features);
        assertArrayEquals(new long[] {2, 1, 32, 32}, expected.shape());
        assertEquals(0.0, expected.sub(loaded.graph().outputSingle(false, features)).amaxNumber().doubleValue());
    }
}

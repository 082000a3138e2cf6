package org.segprune.score.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.SegmentationDataset;
import org.segprune.graph.ChannelGraph;
import org.segprune.graph.ChannelGroup;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.score.ScoreTable;
import org.segprune.score.ScoringRequest;
import org.segprune.score.ScoringSettings;
import org.segprune.testutil.TinyModels;
import org.segprune.train.TrainingSettings;
import org.segprune.train.Trainer;
import org.segprune.util.Progress;

/** Attention scoring: the frozen copy is faithful, only the modules learn, and useless channels score lowest. */
class AttentionScorerTest {

    private static final String LAYER = "enc1_conv2";
    private static final int[] USELESS = {3, 5};
    private static final String DEAD_LAYER = "enc0_conv2";
    private static final int DEAD = 2;

    @TempDir
    static Path dir;

    private static SegmentationDataset data;
    private static SegmentationModel crippled;
    private static SegmentationModel dead;

    @BeforeAll
    static void trainedNetworkWithUselessChannels() {
        Dl4jRuntime.init();
        data = PhantomGenerator.generate(dir.resolve("phantoms"), PhantomGenerator.Kind.LUNG, 40, 32, 5, Progress.NONE);
        SegmentationModel untrained = Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 5));
        SegmentationModel trained = Trainer.train(untrained, data, null,
                TrainingSettings.DEFAULTS.withEpochs(20).withSeed(5), "trained", Progress.NONE).model();
        crippled = withUselessChannels(trained, LAYER, USELESS);
        dead = withDeadChannels(trained, DEAD_LAYER, new int[] {DEAD});
    }

    /** Channels whose activation is always 0: filter weights zero, batch norm gamma 0 and beta -1 (ReLU cuts it). */
    private static SegmentationModel withDeadChannels(SegmentationModel model, String layer, int[] channels) {
        ComputationGraph graph = model.graph().clone();
        INDArray w = graph.getLayer(layer).getParam("W").dup();
        INDArray gamma = graph.getLayer(layer + "_bn").getParam("gamma").dup();
        INDArray beta = graph.getLayer(layer + "_bn").getParam("beta").dup();
        for (int c : channels) {
            w.get(NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()).assign(0);
            gamma.putScalar(c, 0);
            beta.putScalar(c, -1);
        }
        graph.getLayer(layer).setParam("W", w);
        graph.getLayer(layer + "_bn").setParam("gamma", gamma);
        graph.getLayer(layer + "_bn").setParam("beta", beta);
        return new SegmentationModel(graph, model.info());
    }

    /** Zeroes every input weight that reads the given channels of a layer: they no longer affect the output. */
    private static SegmentationModel withUselessChannels(SegmentationModel model, String layer, int[] channels) {
        ComputationGraph graph = model.graph().clone();
        ChannelGraph channelGraph = ChannelGraph.of(model);
        ChannelGroup group = channelGraph.groupOf(layer);
        for (String vertex : channelGraph.order()) {
            if (channelGraph.layer(vertex) == null || channelGraph.groupOf(vertex) == null) {
                continue;
            }
            int offset = 0;
            for (ChannelGraph.Segment segment : channelGraph.inputLayout(vertex)) {
                if (segment.group() == group.id()) {
                    INDArray w = graph.getLayer(vertex).getParam("W").dup();
                    for (int c : channels) {
                        w.get(NDArrayIndex.all(), NDArrayIndex.point(offset + c), NDArrayIndex.all(), NDArrayIndex.all()).assign(0);
                    }
                    graph.getLayer(vertex).setParam("W", w);
                }
                offset += segment.channels();
            }
        }
        return new SegmentationModel(graph, model.info());
    }

    @Test
    void frozenCopyWithFoldedBatchNormsComputesTheSameOutput() {
        SegmentationModel model = TinyModels.residual(16, 3);
        TinyModels.randomiseBatchNorms(model.graph(), 4);
        ComputationGraph frozen = AttentionGraph.build(model, ChannelGraph.of(model), null, ScoringSettings.DEFAULTS).graph();
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16);
        double difference = frozen.outputSingle(false, input).sub(model.graph().outputSingle(false, input)).amaxNumber()
                .doubleValue();
        assertTrue(difference < 1e-4, "folded copy differs by " + difference);
    }

    @Test
    void onlyTheModulesLearn() {
        SegmentationModel model = Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 2));
        AttentionGraph attention = AttentionGraph.build(model, ChannelGraph.of(model), AttentionMethod.SE, ScoringSettings.DEFAULTS);
        ComputationGraph graph = attention.graph();
        String gate = attention.gateOfGroup().values().iterator().next();
        INDArray baseBefore = graph.getLayer("enc0_conv1").params().dup();
        INDArray gateBefore = graph.getLayer(gate).params().dup();
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 4, 1, 32, 32),
                Nd4j.rand(DataType.FLOAT, 4, 1, 32, 32).gt(0.5).castTo(DataType.FLOAT));
        graph.fit(batch);
        graph.fit(batch);
        assertEquals(baseBefore, graph.getLayer("enc0_conv1").params(), "frozen base weights changed");
        assertTrue(gateBefore.sub(graph.getLayer(gate).params()).amaxNumber().doubleValue() > 0, "module did not learn");
    }

    @Test
    void everyPrunableLayerGetsAScoreAndTheModelIsUnchanged() {
        INDArray before = crippled.graph().params().dup();
        ChannelGraph channels = ChannelGraph.of(crippled);
        ScoreTable scores = new AttentionScorer(AttentionMethod.SE).score(new ScoringRequest(crippled, channels, data,
                ScoringSettings.DEFAULTS, Progress.NONE));
        assertEquals(channels.prunableLayers(), scores.layers());
        for (String layer : scores.layers()) {
            assertEquals(channels.groupOf(layer).channels(), scores.scores(layer).length);
            assertTrue(Arrays.stream(scores.scores(layer)).allMatch(s -> s > 0 && s < 1), layer + " gates outside (0,1)");
        }
        assertEquals(before, crippled.graph().params());
    }

    /**
     * SE, CBAM, SACA and SBCA have per-channel gate parameters. A channel whose output is multiplied by
     * zero downstream gives its gate no gradient, so it keeps the starting gate 0.5 exactly, while the
     * channels the network uses move away from it; useless channels never score in the top half. (A
     * channel whose gate the loss pushes below 0.5 - one the gated network prefers switched off - can
     * score lower still: Adam moves every consistently signed gate at the same rate.)
     */
    @ParameterizedTest
    @EnumSource(value = AttentionMethod.class, names = {"SE", "CBAM", "SACA", "SBCA"})
    void channelsWhoseOutputIsMultipliedByZeroDownstreamLearnNothing(AttentionMethod method) {
        double[] values = score(method, crippled, LAYER);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        long moved = IntStream.range(0, values.length).filter(c -> Math.abs(values[c] - 0.5) > 1e-4).count();
        for (int c : USELESS) {
            assertEquals(0.5, values[c], 1e-6, method + " useless channel " + c + " in " + Arrays.toString(values));
            assertTrue(values[c] <= median, method + " useless channel " + c + " above the median: " + Arrays.toString(values));
        }
        assertTrue(moved >= values.length / 2, method + " modules learned too little: " + Arrays.toString(values));
    }

    /**
     * ECA has no per-channel parameters: its gate is a function of the channel's (and, with kernels
     * wider than 1, its neighbours') mean activation, so it cannot see that a normally active channel is
     * ignored downstream. What it can see is a channel that never fires (activation always 0): on a
     * 4-channel layer (kernel 1) that channel must score lowest.
     */
    @Test
    void ecaRanksAChannelThatNeverFiresLowest() {
        AttentionMethod method = AttentionMethod.ECA;
        double[] values = score(method, dead, DEAD_LAYER);
        int lowest = IntStream.range(0, values.length).boxed().min((a, b) -> Double.compare(values[a], values[b])).orElseThrow();
        assertEquals(DEAD, lowest, method + " scores " + Arrays.toString(values));
    }

    private static double[] score(AttentionMethod method, SegmentationModel model, String layer) {
        ScoreTable scores = new AttentionScorer(method).score(new ScoringRequest(model, ChannelGraph.of(model), data,
                ScoringSettings.DEFAULTS, Progress.NONE));
        return scores.scores(layer);
    }
}

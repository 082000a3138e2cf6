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
import org.segprune.data.Batches;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.SampleLoader;
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

/** Attention scoring: the frozen copy is faithful, only the modules learn, and useless or noise channels score lowest. */
class AttentionScorerTest {

    private static final String LAYER = "enc1_conv2";
    private static final int[] USELESS = {3, 5};
    private static final int NEVER_FIRES = 6;
    private static final int NOISE = 7;
    private static final String DEAD_LAYER = "enc0_conv2";
    private static final int DEAD = 2;
    /** Measured lowest per-layer correlation 0.79: see sbcaRanksFiltersDifferentlyFromSe. */
    private static final double SBCA_SE_MAX_CORRELATION = 0.95;

    @TempDir
    static Path dir;

    private static SegmentationDataset data;
    private static SegmentationModel crippled;
    private static SegmentationModel noisy;
    private static SegmentationModel dead;

    @BeforeAll
    static void trainedNetworkWithUselessChannels() {
        Dl4jRuntime.init();
        data = PhantomGenerator.generate(dir.resolve("phantoms"), PhantomGenerator.Kind.LUNG, 40, 32, 5, Progress.NONE);
        SegmentationModel untrained = Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 5));
        SegmentationModel trained = Trainer.train(untrained, data, null,
                TrainingSettings.DEFAULTS.withEpochs(20).withSeed(5), "trained", Progress.NONE).model();
        crippled = withDeadChannels(withUselessChannels(trained, LAYER, USELESS), LAYER, new int[] {NEVER_FIRES});
        noisy = withNoiseChannel(trained, LAYER, NOISE);
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

    /**
     * Replaces one filter's weights by Gaussian noise and resets its batch norm's running statistics to
     * those of the new filter on the data: the channel fires as often and as strongly as before, but
     * with a feature unrelated to the one its consumers were trained to read.
     */
    private static SegmentationModel withNoiseChannel(SegmentationModel model, String layer, int channel) {
        ComputationGraph graph = model.graph().clone();
        INDArray w = graph.getLayer(layer).getParam("W").dup();
        INDArray filter = w.get(NDArrayIndex.point(channel), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray noise = Nd4j.getRandomFactory().getNewRandomInstance(11).nextGaussian(filter.shape()).castTo(filter.dataType());
        filter.assign(noise.mul(filter.norm2Number().doubleValue() / noise.norm2Number().doubleValue()));
        graph.getLayer(layer).setParam("W", w);
        INDArray images = Batches.inOrder(data, new SampleLoader(model.info().inputSize(), model.info().inputChannels()),
                data.size()).iterator().next().features();
        INDArray output = graph.feedForward(images, false).get(layer)
                .get(NDArrayIndex.all(), NDArrayIndex.point(channel), NDArrayIndex.all(), NDArrayIndex.all());
        double mean = output.meanNumber().doubleValue();
        double variance = output.varNumber().doubleValue();
        org.deeplearning4j.nn.api.Layer bn = graph.getLayer(layer + "_bn");
        INDArray runningMean = bn.getParam("mean").dup();
        runningMean.putScalar(channel, mean);
        bn.setParam("mean", runningMean);
        if (bn.paramTable().containsKey("var")) {
            INDArray runningVariance = bn.getParam("var").dup();
            runningVariance.putScalar(channel, variance);
            bn.setParam("var", runningVariance);
        } else {
            INDArray log10Std = bn.getParam("log10stdev").dup();
            log10Std.putScalar(channel, 0.5 * Math.log10(variance));
            bn.setParam("log10stdev", log10Std);
        }
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
        AttentionGraph attention = AttentionGraph.build(model, ChannelGraph.of(model), AttentionMethod.SE,
                ScoringSettings.DEFAULTS.withGateSparsity(0));
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
     * SE, CBAM, SACA and SBCA give every channel gate parameters of its own. With the gate sparsity
     * penalty, a channel the loss does not need - multiplied by zero downstream, or never firing -
     * sinks below the starting gate 0.5 at the rate the penalty alone sets, while the channels the
     * network uses are held up by the loss: the useless ones score lowest.
     */
    @ParameterizedTest
    @EnumSource(value = AttentionMethod.class, names = {"SE", "CBAM", "SACA", "SBCA"})
    void uselessChannelsScoreLowest(AttentionMethod method) {
        double[] values = score(method, crippled, LAYER, ScoringSettings.DEFAULTS);
        int[] useless = IntStream.concat(Arrays.stream(USELESS), IntStream.of(NEVER_FIRES)).toArray();
        double highestUseless = Arrays.stream(useless).mapToDouble(c -> values[c]).max().orElseThrow();
        double lowestUsed = IntStream.range(0, values.length).filter(c -> Arrays.stream(useless).noneMatch(u -> u == c))
                .mapToDouble(c -> values[c]).min().orElseThrow();
        assertTrue(highestUseless < 0.5, method + " useless channels did not sink: " + Arrays.toString(values));
        assertTrue(highestUseless < lowestUsed, method + " useless channels " + Arrays.toString(useless)
                + " do not score lowest: " + Arrays.toString(values));
    }

    /**
     * A limit of gates that start at 0.5, recorded so that a change of the scheme is noticed: a filter
     * replaced by noise that fires as strongly as before is NOT ranked low. Every gate starting at 0.5
     * halves every activation of the frozen network, so the modules first learn to restore signal, and
     * a firing noise channel helps with that: its gate rises above the useless channels' (see
     * docs/method.md; gates starting at the identity rank noise low but pruned worse on real data).
     */
    @Test
    void aFiringNoiseChannelIsNotRankedLow() {
        double[] values = score(AttentionMethod.SE, noisy, LAYER, ScoringSettings.DEFAULTS);
        assertTrue(values[NOISE] > 0.5, "noise channel gate " + values[NOISE] + " in " + Arrays.toString(values));
    }

    /**
     * Why the penalty is there: on the segmentation loss alone, a channel multiplied by zero downstream
     * gets no gradient and keeps the starting gate 0.5 exactly, level with channels the network uses
     * a little.
     */
    @Test
    void withoutSparsityChannelsMultipliedByZeroDownstreamKeepTheStartingGate() {
        double[] values = score(AttentionMethod.SE, crippled, LAYER, ScoringSettings.DEFAULTS.withGateSparsity(0));
        for (int c : USELESS) {
            assertEquals(0.5, values[c], 1e-7, "useless channel " + c + " in " + Arrays.toString(values));
        }
        long moved = IntStream.range(0, values.length).filter(c -> Math.abs(values[c] - 0.5) > 1e-4).count();
        assertTrue(moved >= values.length / 2, "modules learned too little: " + Arrays.toString(values));
    }

    /**
     * ECA has no per-channel parameters: its gate is a function of the channel's (and, with kernels
     * wider than 1, its neighbours') mean activation, so it cannot see that a normally active channel is
     * ignored downstream, and the gate sparsity penalty does not apply to it. What it can see is a
     * channel that never fires (activation always 0): on a 4-channel layer (kernel 1) that channel
     * must score lowest.
     */
    @Test
    void ecaRanksAChannelThatNeverFiresLowest() {
        double[] values = score(AttentionMethod.ECA, dead, DEAD_LAYER, ScoringSettings.DEFAULTS);
        assertTrue(IntStream.range(0, values.length).filter(c -> c != DEAD).allMatch(c -> values[c] > values[DEAD]),
                "ECA does not rank the dead channel " + DEAD + " lowest: " + Arrays.toString(values));
    }

    /**
     * SBCA revised (beta starts at 1): on a trained network it ranks filters differently from SE in
     * some layer, and its beta moves; the per-layer report says both and is written beside the scores.
     * Measured on this network (3 module epochs, 15 steps): at the default learning rate 1e-3 every
     * layer's correlation was still 1 (with W2 starting at 0 under Adam, a gate first moves by the sign
     * of its channel's loss gradient, whatever the descriptor: docs/method.md); at 1e-2 the lowest was
     * 0.79 and beta moved by up to 0.12; at 1e-3 with 10 epochs the lowest was 0.80.
     */
    @Test
    void sbcaRanksFiltersDifferentlyFromSe() throws java.io.IOException {
        ChannelGraph channels = ChannelGraph.of(crippled);
        ScoringSettings settings = new ScoringSettings(3, 1e-2, 8, 16, new int[] {1, 2, 4}, 32,
                ScoringSettings.DEFAULT_GATE_SPARSITY, 42);
        ScoringRequest request = new ScoringRequest(crippled, channels, data, settings, Progress.NONE);
        AttentionScorer.Learned sbca = new AttentionScorer(AttentionMethod.SBCA).scoreAndLearn(request);
        ScoreTable se = new AttentionScorer(AttentionMethod.SE).score(request);
        SbcaReport report = SbcaReport.of(sbca.scores(), se, sbca.sbcaBeta());

        assertEquals(channels.prunableLayers(), report.layers().stream().map(SbcaReport.Layer::layer).toList());
        double lowest = report.layers().stream().mapToDouble(SbcaReport.Layer::spearman).filter(r -> !Double.isNaN(r))
                .min().orElseThrow();
        double furthest = report.layers().stream().mapToDouble(l -> Math.abs(l.betaMoved())).max().orElseThrow();
        assertTrue(lowest < SBCA_SE_MAX_CORRELATION, "SBCA ranks every layer as SE does: " + report);
        assertTrue(furthest > 0.01, "beta hardly moved: " + report);
        for (SbcaReport.Layer layer : report.layers()) {
            assertEquals(layer.beta() - 1, layer.betaMoved(), 1e-12);
        }

        Path file = SbcaReport.besideScores(dir.resolve("sbca.csv"));
        assertEquals("sbca.sbca-vs-se.json", file.getFileName().toString());
        report.write(file);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        assertEquals(1.0, json.get("initial_beta").asDouble());
        assertEquals(report.layers().size(), json.get("layers").size());
        assertTrue(json.get("layers").get(0).has("beta_moved"), json.toString());
    }

    private static double[] score(AttentionMethod method, SegmentationModel model, String layer, ScoringSettings settings) {
        ScoreTable scores = new AttentionScorer(method).score(new ScoringRequest(model, ChannelGraph.of(model), data,
                settings, Progress.NONE));
        return scores.scores(layer);
    }
}

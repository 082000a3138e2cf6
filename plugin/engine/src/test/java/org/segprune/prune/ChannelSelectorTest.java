package org.segprune.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.segprune.graph.ChannelGraph;
import org.segprune.graph.ChannelGroup;
import org.segprune.model.Architectures;
import org.segprune.model.ModelInfo;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.score.ScoreTable;
import org.segprune.util.SegPruneException;

/**
 * Channel selection (METHOD.md "Pruning") on a U-Net of depth 2, base 4, one input channel, 32x32:
 * filters per level 4 / 8 / 16 (bottleneck). Its trainable parameters by hand (3x3 convs have no bias,
 * every conv has a batch norm with gamma and beta; transposed convs and the head have a bias):
 * enc0 9*1*4 + 9*4*4 = 180, enc1 9*4*8 + 9*8*8 = 864, bottleneck 9*8*16 + 9*16*16 = 3456,
 * up1 4*16*8 + 8 = 520, dec1 9*16*8 + 9*8*8 = 1728, up0 4*8*4 + 4 = 132, dec0 9*8*4 + 9*4*4 = 432,
 * head 4 + 1 = 5, batch norms 2 * (4+4+8+8+16+16+8+8+4+4) = 160: total 7477.
 */
class ChannelSelectorTest {

    static final long BASE_PARAMS = 7477;

    static final Map<String, Integer> FILTERS = new LinkedHashMap<>();

    static {
        FILTERS.put("enc0_conv1", 4);
        FILTERS.put("enc0_conv2", 4);
        FILTERS.put("enc1_conv1", 8);
        FILTERS.put("enc1_conv2", 8);
        FILTERS.put("bottleneck_conv1", 16);
        FILTERS.put("bottleneck_conv2", 16);
        FILTERS.put("up1", 8);
        FILTERS.put("dec1_conv1", 8);
        FILTERS.put("dec1_conv2", 8);
        FILTERS.put("up0", 4);
        FILTERS.put("dec0_conv1", 4);
        FILTERS.put("dec0_conv2", 4);
    }

    private static SegmentationModel model;
    private static ChannelGraph graph;

    @BeforeAll
    static void build() {
        Dl4jRuntime.init();
        model = Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 21));
        graph = ChannelGraph.of(model);
    }

    /** Ascending scores c + 1 per layer, except the given overrides. */
    private static ScoreTable scores(Map<String, double[]> overrides) {
        return scores("hand", overrides);
    }

    private static ScoreTable scores(String method, Map<String, double[]> overrides) {
        Map<String, double[]> scores = new LinkedHashMap<>();
        FILTERS.forEach((layer, n) -> {
            double[] values = new double[n];
            for (int c = 0; c < n; c++) {
                values[c] = c + 1;
            }
            scores.put(layer, overrides.getOrDefault(layer, values));
        });
        return new ScoreTable(method, scores);
    }

    private static int[] kept(Map<Integer, int[]> selection, String layer) {
        return selection.get(graph.groupOf(layer).id());
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    @Test
    @DisplayName("local ratio 0.3 removes round(0.3 C) lowest filters per layer: 4 -> 3, 8 -> 6, 16 -> 11")
    void localRatioRemovesRoundedShareOfEveryLayer() {
        ScoreTable table = scores(Map.of("enc0_conv1", new double[] {0.5, 0.1, 0.9, 0.3}, "up0", new double[] {4, 3, 2, 1}));
        Map<Integer, int[]> selection = ChannelSelector.select(graph, table, PruneSettings.ratio(0.3, 1));

        assertArrayEquals(new int[] {0, 2, 3}, kept(selection, "enc0_conv1")); // lowest 0.1 (filter 1) removed
        assertArrayEquals(new int[] {0, 1, 2}, kept(selection, "up0")); // lowest 1 (filter 3) removed
        assertArrayEquals(new int[] {1, 2, 3}, kept(selection, "dec0_conv2")); // round(1.2) = 1: filter 0
        assertArrayEquals(range(2, 8), kept(selection, "enc1_conv1")); // round(2.4) = 2: filters 0, 1
        assertArrayEquals(range(5, 16), kept(selection, "bottleneck_conv2")); // round(4.8) = 5: filters 0..4
        assertEquals(12, selection.size(), "one entry per prunable group");
    }

    @Test
    @DisplayName("local ratio: the plan lists per layer the channels before and after, and parameters by hand")
    void localRatioPlanCountsAndParams() {
        Pruner.Result result = Pruner.prune(model, scores(Map.of()), PruneSettings.ratio(0.3, 1));
        PrunePlan plan = result.plan();
        Map<Integer, Integer> after = Map.of(4, 3, 8, 6, 16, 11); // C -> C - round(0.3 C)
        assertEquals(List.copyOf(FILTERS.keySet()), plan.layers().stream().map(PrunePlan.LayerPlan::layer).toList());
        for (PrunePlan.LayerPlan layer : plan.layers()) {
            assertEquals(FILTERS.get(layer.layer()), layer.channelsBefore(), layer.layer());
            assertEquals(after.get(layer.channelsBefore()), layer.channelsAfter(), layer.layer());
            assertEquals(layer.channelsAfter(), layer.kept().length, layer.layer());
            // the pruned network really has that many filters
            assertEquals(layer.channelsAfter(), result.model().graph().getLayer(layer.layer()).getParam("W")
                    .size(layer.layer().startsWith("up") ? 1 : 0), layer.layer());
        }
        assertEquals(BASE_PARAMS, plan.paramsBefore());
        // channels 3 / 6 / 11: enc0 27 + 81, enc1 162 + 324, bottleneck 594 + 1089, up1 4*11*6 + 6 = 270,
        // dec1 9*12*6 + 9*6*6 = 648 + 324, up0 4*6*3 + 3 = 75, dec0 9*6*3 + 9*3*3 = 162 + 81, head 3 + 1,
        // batch norms 2 * (3+3+6+6+11+11+6+6+3+3) = 116: 3957
        assertEquals(3957, plan.paramsAfter());
        assertEquals(3957.0 / 7477.0, plan.paramsFraction(), 1e-12);
        assertEquals("ratio", plan.mode());
        assertEquals("hand", plan.method());
    }

    @Test
    @DisplayName("min-channels is respected: ratio 0.9 keeps max(min, C - round(0.9 C)) filters")
    void minChannelsRespectedLocally() {
        Map<Integer, int[]> two = ChannelSelector.select(graph, scores(Map.of()), PruneSettings.ratio(0.9, 2));
        for (String layer : FILTERS.keySet()) {
            // 4 - round(3.6) = 0, 8 - round(7.2) = 1, 16 - round(14.4) = 2: all raised to 2
            assertEquals(2, kept(two, layer).length, layer);
        }
        assertArrayEquals(new int[] {14, 15}, kept(two, "bottleneck_conv1"));
        Map<Integer, int[]> one = ChannelSelector.select(graph, scores(Map.of()), PruneSettings.ratio(0.9, 1));
        assertEquals(1, kept(one, "enc0_conv1").length); // max(1, 0)
        assertEquals(1, kept(one, "enc1_conv1").length); // max(1, 1)
        assertEquals(2, kept(one, "bottleneck_conv1").length); // max(1, 2)
    }

    @Test
    @DisplayName("a global budget of 30% ends at or below 30% of the parameters, within one filter's worth of it")
    void globalBudgetReachedClosely() {
        Pruner.Result result = Pruner.prune(model, scores(Map.of("enc1_conv2", new double[] {8, 1, 7, 2, 6, 3, 5, 4})),
                PruneSettings.keepParams(0.3, 1));
        PrunePlan plan = result.plan();
        double target = 0.3 * BASE_PARAMS; // 2243.1
        assertEquals(BASE_PARAMS, plan.paramsBefore());
        assertTrue(plan.paramsAfter() <= target, "after " + plan.paramsAfter() + " > target " + target);
        // The most one filter can cost is 290 parameters (an 8-channel filter of enc1_conv2: its own 3x3x8 weights and
        // 2 batch-norm parameters, plus one input channel of bottleneck_conv1 (9*16) and of dec1_conv1 (9*8)).
        assertTrue(plan.paramsAfter() > target - 290, "after " + plan.paramsAfter() + " is more than one filter below " + target);
        assertEquals(plan.paramsAfter() / (double) BASE_PARAMS, plan.paramsFraction(), 1e-12);
        assertEquals("keep-params", plan.mode());
        for (PrunePlan.LayerPlan layer : plan.layers()) {
            assertTrue(layer.channelsAfter() >= 1, layer.layer());
        }
        // the pruned network has exactly the planned trainable parameters (+ the running statistics of its batch norms)
        ChannelGraph pruned = ChannelGraph.of(result.model());
        assertEquals(plan.paramsAfter(), pruned.totals(pruned.currentChannels()).trainableParams());
    }

    /** Every layer scores c + 1 except bottleneck_conv1, whose 16 scores are all tiny: about 0.01. */
    private static ScoreTable lowLayerScores(String method) {
        double[] low = new double[16];
        for (int c = 0; c < low.length; c++) {
            low[c] = 0.010 + 0.0001 * c;
        }
        return scores(method, Map.of("bottleneck_conv1", low));
    }

    @Test
    @DisplayName("score scale: raw scores empty a layer whose scores are all low; dividing by the layer maximum hides it")
    void scoreScaleDecidesWhetherALowLayerGoesFirst() {
        PruneSettings budget = PruneSettings.keepParams(0.5, 1);
        int raw = kept(ChannelSelector.select(graph, lowLayerScores("hand"), budget.withScoreScale(PruneSettings.ScoreScale.RAW)),
                "bottleneck_conv1").length;
        int divided = kept(ChannelSelector.select(graph, lowLayerScores("hand"),
                budget.withScoreScale(PruneSettings.ScoreScale.LAYER_MAX)), "bottleneck_conv1").length;
        assertEquals(1, raw, "raw: the low layer is pruned to the minimum first");
        assertEquals(16, divided, "layer maximum: the low layer's scores become 0.985-1 and it keeps every filter");

        // auto: per-channel attention gates are compared raw; ECA, magnitude and unknown methods divide by the layer maximum
        assertEquals(1, kept(ChannelSelector.select(graph, lowLayerScores("se"), budget), "bottleneck_conv1").length);
        assertEquals(1, kept(ChannelSelector.select(graph, lowLayerScores("sbca"), budget), "bottleneck_conv1").length);
        assertEquals(16, kept(ChannelSelector.select(graph, lowLayerScores("eca"), budget), "bottleneck_conv1").length);
        assertEquals(16, kept(ChannelSelector.select(graph, lowLayerScores("l1"), budget), "bottleneck_conv1").length);
        assertEquals(16, kept(ChannelSelector.select(graph, lowLayerScores("unknown"), budget), "bottleneck_conv1").length);
        assertEquals("raw", Pruner.prune(model, lowLayerScores("se"), budget).plan().scoreScale());
        assertEquals("layer-max", Pruner.prune(model, lowLayerScores("se"),
                budget.withScoreScale(PruneSettings.ScoreScale.LAYER_MAX)).plan().scoreScale());
    }

    @Test
    @DisplayName("a global budget keeps min-channels filters in every layer")
    void minChannelsRespectedGlobally() {
        // floor with 2 channels everywhere is 493 parameters (6.6%), so 10% is reachable
        Map<Integer, int[]> selection = ChannelSelector.select(graph, scores(Map.of()), PruneSettings.keepParams(0.1, 2));
        int atMinimum = 0;
        for (String layer : FILTERS.keySet()) {
            assertTrue(kept(selection, layer).length >= 2, layer);
            atMinimum += kept(selection, layer).length == 2 ? 1 : 0;
        }
        assertTrue(atMinimum > 0, "no layer reached the minimum: the budget did not bite");
    }

    @Test
    @DisplayName("an unreachable budget (keep-params 0.0001) fails, saying whole layers would have to go")
    void unreachableBudgetRejected() {
        // one channel everywhere still leaves 140 of 7477 parameters = 1.87%
        SegPruneException e = assertThrows(SegPruneException.class,
                () -> ChannelSelector.select(graph, scores(Map.of()), PruneSettings.keepParams(0.0001, 1)));
        assertTrue(e.getMessage().contains("whole layers"), e.getMessage());
        assertTrue(e.getMessage().contains("1.87%"), e.getMessage());
    }

    @Test
    @DisplayName("scores without one of the model's layers are rejected, naming the layer")
    void missingLayerRejected() {
        Map<String, double[]> partial = new LinkedHashMap<>();
        FILTERS.forEach((layer, n) -> {
            if (!layer.equals("dec0_conv2")) {
                partial.put(layer, new double[n]);
            }
        });
        SegPruneException e = assertThrows(SegPruneException.class,
                () -> ChannelSelector.select(graph, new ScoreTable("l1", partial), PruneSettings.ratio(0.5, 1)));
        assertTrue(e.getMessage().contains("'dec0_conv2'"), e.getMessage());
    }

    @Test
    @DisplayName("scores with the wrong number of filters for a layer are rejected, naming the layer and both counts")
    void wrongFilterCountRejected() {
        ScoreTable table = scores(Map.of("enc1_conv1", new double[] {1, 2, 3, 4, 5, 6, 7}));
        SegPruneException e = assertThrows(SegPruneException.class,
                () -> ChannelSelector.select(graph, table, PruneSettings.keepParams(0.5, 1)));
        assertTrue(e.getMessage().contains("'enc1_conv1' has 8 filters but the scores give 7"), e.getMessage());
    }

    @Test
    @DisplayName("coupled producers (element-wise add) form one group; their scores are averaged before selection")
    void coupledProducersAveraged() {
        // input 1x8x8 -> a: conv3x3 1->4, b: conv3x3 1->4 -> add -> head conv1x1 4->1 -> loss
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(8, 8, 1))
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(), "in")
                .addLayer("b", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(), "in")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a", "b")
                .addLayer("head", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.IDENTITY).build(), "add")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID).build(),
                        "head")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        ChannelGraph residual = ChannelGraph.of(new SegmentationModel(net, new ModelInfo("hand", 8, 1, List.of())));
        ChannelGroup group = residual.groupOf("a");
        assertNotNull(group);
        assertEquals(group, residual.groupOf("b"));
        assertEquals(List.of("a", "b"), group.producers());

        // a alone would drop filter 0, b alone filter 1; the means are 2.5, 2.5, 2.4, 4 -> filter 2 goes
        Map<String, double[]> scores = new LinkedHashMap<>();
        scores.put("a", new double[] {1, 4, 2.4, 4});
        scores.put("b", new double[] {4, 1, 2.4, 4});
        Map<Integer, int[]> selection = ChannelSelector.select(residual, new ScoreTable("hand", scores),
                PruneSettings.ratio(0.25, 1));
        assertEquals(1, selection.size());
        assertArrayEquals(new int[] {0, 1, 3}, selection.get(group.id()));
    }
}

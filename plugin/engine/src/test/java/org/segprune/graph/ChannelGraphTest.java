package org.segprune.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.segprune.graph.ChannelGraph.Segment;
import org.segprune.model.Architectures;
import org.segprune.model.ModelInfo;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;

/** The channel dependency graph: prunability, concatenation layouts, parameter and MAC totals. */
class ChannelGraphTest {

    private static final List<String> PRODUCERS = List.of("enc0_conv1", "enc0_conv2", "enc1_conv1", "enc1_conv2",
            "bottleneck_conv1", "bottleneck_conv2", "up1", "dec1_conv1", "dec1_conv2", "up0", "dec0_conv1", "dec0_conv2");

    private static SegmentationModel unet;
    private static ChannelGraph graph;

    @BeforeAll
    static void build() {
        Dl4jRuntime.init();
        unet = Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 31));
        graph = ChannelGraph.of(unet);
    }

    @Test
    @DisplayName("U-Net: every encoder/decoder conv and transposed conv is prunable, in topological order")
    void convsAndTransposedConvsArePrunable() {
        assertEquals(PRODUCERS, graph.prunableLayers());
        for (String layer : PRODUCERS) {
            assertTrue(graph.groupOf(layer).prunable(), layer);
            assertEquals(List.of(layer), graph.groupOf(layer).producers(), layer);
        }
        assertEquals(12, graph.prunableGroups().size());
    }

    @Test
    @DisplayName("U-Net: the head conv is not prunable (it feeds the network output)")
    void headIsNotPrunable() {
        ChannelGroup head = graph.groupOf("head");
        assertFalse(head.prunable());
        assertEquals(1, head.channels());
        assertTrue(head.reason().contains("network output"), head.reason());
        assertFalse(graph.prunableLayers().contains("head"));
    }

    @Test
    @DisplayName("U-Net: the network input's channels are not prunable")
    void inputIsNotPrunable() {
        List<Segment> input = graph.layout("input");
        assertEquals(1, input.size());
        assertEquals(1, input.get(0).channels());
        ChannelGroup group = graph.group(input.get(0).group());
        assertFalse(group.prunable());
        assertTrue(group.reason().contains("network input"), group.reason());
        // and the first conv reads it
        assertEquals(input, graph.inputLayout("enc0_conv1"));
    }

    @Test
    @DisplayName("U-Net: batch norm, ReLU and pooling are no producers; they pass their input's channels through")
    void channelwiseLayersPassChannelsThrough() {
        for (String vertex : List.of("enc0_conv1_bn", "enc0_conv1_relu", "pool0", "output")) {
            assertNull(graph.groupOf(vertex), vertex);
        }
        List<Segment> conv = graph.layout("enc0_conv2");
        assertEquals(conv, graph.layout("enc0_conv2_bn"));
        assertEquals(conv, graph.layout("enc0_conv2_relu"));
        assertEquals(conv, graph.layout("pool0"));
    }

    @Test
    @DisplayName("U-Net: a concatenation has two segments, the skip first and the upsampled path second")
    void concatenationLayouts() {
        int skip0 = graph.groupOf("enc0_conv2").id();
        int up0 = graph.groupOf("up0").id();
        assertNotEquals(skip0, up0);
        assertEquals(List.of(new Segment(skip0, 4), new Segment(up0, 4)), graph.layout("concat0"));
        assertEquals(List.of(new Segment(graph.groupOf("enc1_conv2").id(), 8), new Segment(graph.groupOf("up1").id(), 8)),
                graph.layout("concat1"));
        assertEquals(graph.layout("concat0"), graph.inputLayout("dec0_conv1"));
    }

    @Test
    @DisplayName("U-Net: kept channels of a concatenation are offset by the skip's full width")
    void keptIndicesThroughConcatenation() {
        int skip0 = graph.groupOf("enc0_conv2").id();
        int up0 = graph.groupOf("up0").id();
        int[] kept = graph.keptIndices(graph.layout("concat0"), Map.of(skip0, new int[] {1, 3}, up0, new int[] {0, 2}));
        // skip occupies channels 0..3, up 4..7: skip keeps 1 and 3, up keeps 0 and 2 -> 4 and 6
        assertEquals(List.of(1, 3, 4, 6), java.util.Arrays.stream(kept).boxed().toList());
    }

    @Test
    @DisplayName("U-Net: totals equal DL4J's parameter count and the hand count (7477 trainable + 160 statistics)")
    void unetTotalsMatchDl4jAndHandCount() {
        ChannelGraph.Totals totals = graph.totals(graph.currentChannels());
        assertEquals(unet.graph().numParams(), totals.paramsWithStatistics());
        // see ChannelSelectorTest for the per-layer sum
        assertEquals(7477, totals.trainableParams());
        assertEquals(160, totals.statisticParams());
        assertEquals(7637, totals.paramsWithStatistics());
        // MACs kH*kW*Cin*Cout*Hout*Wout (transposed: on the input grid):
        // enc0 9*1*4*1024 + 9*4*4*1024 = 36864 + 147456; enc1 (16x16) 9*4*8*256 + 9*8*8*256 = 73728 + 147456;
        // bottleneck (8x8) 9*8*16*64 + 9*16*16*64 = 73728 + 147456; up1 4*16*8*64 = 32768;
        // dec1 9*16*8*256 + 9*8*8*256 = 294912 + 147456; up0 4*8*4*256 = 32768;
        // dec0 9*8*4*1024 + 9*4*4*1024 = 294912 + 147456; head 4*1*1024 = 4096
        assertEquals(1_581_056L, totals.macs());
    }

    static SegmentationModel handModel(ComputationGraphConfiguration conf, int size, int channels) {
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return new SegmentationModel(net, new ModelInfo("hand", size, channels, List.of()));
    }

    static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).convolutionMode(ConvolutionMode.Same);
    }

    /** input 3x8x8 -> conv1 3x3 3->5 (bias) -> BN -> ReLU -> conv2 1x1 5->2 (bias) -> loss. */
    private static SegmentationModel twoConvs() {
        return handModel(base().graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(5).activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().build(), "conv1")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn")
                .addLayer("conv2", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.IDENTITY).build(), "relu")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID).build(),
                        "conv2")
                .setOutputs("out").build(), 8, 3);
    }

    @Test
    @DisplayName("hand 2-conv graph: params 9*3*5+5 + 2*5 + 5*2+2 = 162 trainable, 10 statistics, MACs 9280")
    void twoConvGraphTotalsByHand() {
        SegmentationModel model = twoConvs();
        ChannelGraph g = ChannelGraph.of(model);
        assertEquals(List.of("conv1"), g.prunableLayers());
        ChannelGraph.Totals totals = g.totals(g.currentChannels());
        assertEquals(162, totals.trainableParams()); // conv1 135 + 5, BN gamma/beta 10, conv2 10 + 2
        assertEquals(10, totals.statisticParams()); // BN mean and variance
        assertEquals(172, totals.paramsWithStatistics());
        assertEquals(172, model.graph().numParams());
        assertEquals(9 * 3 * 5 * 64 + 5 * 2 * 64, totals.macs()); // 8640 + 640
    }

    @Test
    @DisplayName("hand 2-conv graph: totals for conv1 cut to 3 channels follow the formula (98 trainable, 6 stats)")
    void twoConvGraphTotalsForFewerChannels() {
        ChannelGraph g = ChannelGraph.of(twoConvs());
        Map<Integer, Integer> channels = g.currentChannels();
        channels.put(g.groupOf("conv1").id(), 3);
        ChannelGraph.Totals totals = g.totals(channels);
        assertEquals(9 * 3 * 3 + 3 + 2 * 3 + 3 * 2 + 2, totals.trainableParams()); // 84 + 6 + 8 = 98
        assertEquals(6, totals.statisticParams());
        assertEquals(9 * 3 * 3 * 64 + 3 * 2 * 64, totals.macs()); // 5184 + 384
    }

    @Test
    @DisplayName("hand transposed-conv graph: 2x2 stride-2 transposed conv counts params and MACs on its input grid")
    void transposedConvTotalsByHand() {
        // input 2x4x4 -> up: transposed 2x2 stride 2, 2->3 (bias) -> 8x8 -> head 1x1 3->1 (bias) -> loss
        SegmentationModel model = handModel(base().graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(4, 4, 2))
                .addLayer("up", new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(3).activation(Activation.IDENTITY).build(),
                        "in")
                .addLayer("head", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.IDENTITY).build(), "up")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID).build(),
                        "head")
                .setOutputs("out").build(), 4, 2);
        ChannelGraph g = ChannelGraph.of(model);
        assertEquals(List.of("up"), g.prunableLayers());
        ChannelGraph.Totals totals = g.totals(g.currentChannels());
        assertEquals(4 * 2 * 3 + 3 + 3 + 1, totals.trainableParams()); // 27 + 4 = 31
        assertEquals(31, model.graph().numParams());
        assertEquals(4 * 2 * 3 * 16 + 3 * 64, totals.macs()); // 384 on the 4x4 input grid + 192
    }

    @Test
    @DisplayName("an unsupported layer (separable conv) is opaque: its producer is not prunable, its params still count")
    void unsupportedLayerIsOpaque() {
        SegmentationModel model = handModel(base().graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(8, 8, 1))
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(), "in")
                .addLayer("sep", new SeparableConvolution2D.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(), "a")
                .addLayer("head", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.IDENTITY).build(), "sep")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID).build(),
                        "head")
                .setOutputs("out").build(), 8, 1);
        ChannelGraph g = ChannelGraph.of(model);
        assertFalse(g.groupOf("a").prunable());
        assertTrue(g.groupOf("a").reason().contains("'sep'"), g.groupOf("a").reason());
        assertEquals(new HashSet<>(), new HashSet<>(g.prunableLayers()));
        // a 9*1*4 + 4 = 40, sep depthwise 9*4 + pointwise 4*4 + bias 4 = 56, head 4 + 1 = 5
        assertEquals(101, g.totals(g.currentChannels()).trainableParams());
        assertEquals(101, model.graph().numParams());
    }
}

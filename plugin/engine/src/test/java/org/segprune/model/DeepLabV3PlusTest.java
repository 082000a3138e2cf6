package org.segprune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.testutil.TinyModels;
import org.segprune.util.SegPruneException;

/** DeepLabV3+: structure, channel graph, training steps and save/load. Tiny sizes (input 32, base 4). */
class DeepLabV3PlusTest {

    @BeforeAll
    static void fastPath() {
        Dl4jRuntime.init();
    }

    private static SegmentationModel tiny(int depth, long seed) {
        return Architectures.build(new ModelSpec("deeplabv3plus", 32, 1, depth, 4, seed));
    }

    private static ConvolutionLayer conv(ComputationGraph graph, String name) {
        return (ConvolutionLayer) ((LayerVertex) graph.getConfiguration().getVertices().get(name)).getLayerConf().getLayer();
    }

    @Test
    void registeredAndBuildsBothOutputStrides() {
        assertTrue(Architectures.names().contains("deeplabv3plus"));
        for (int depth : new int[] {4, 3}) {
            SegmentationModel model = tiny(depth, 1);
            assertEquals("deeplabv3plus", model.info().architecture());
            INDArray out = model.graph().outputSingle(false, Nd4j.rand(DataType.FLOAT, 2, 1, 32, 32));
            assertArrayEquals(new long[] {2, 1, 32, 32}, out.shape());
            assertTrue(out.minNumber().doubleValue() > 0 && out.maxNumber().doubleValue() < 1, "sigmoid output");
            ChannelGraph graph = ChannelGraph.of(model);
            int outputStride = depth == 4 ? 16 : 8;
            int feature = 32 / outputStride;
            assertEquals(InputTypeSize.of(graph, "layer4_2_relu"), feature, "encoder output at stride " + outputStride);
            assertEquals(InputTypeSize.of(graph, "layer1_2_relu"), 8, "low-level features at stride 4");
            assertEquals(InputTypeSize.of(graph, "aspp_pool_broadcast"), feature);
            assertEquals(InputTypeSize.of(graph, "aspp_up"), 8);
            int rateScale = 16 / outputStride;
            for (int rate : DeepLabV3PlusBuilder.DEFAULT_RATES) {
                ConvolutionLayer branch = conv(model.graph(), "aspp_rate" + rate * rateScale);
                assertArrayEquals(new int[] {rate * rateScale, rate * rateScale}, branch.getDilation());
            }
            assertArrayEquals(new int[] {outputStride == 16 ? 2 : 4, outputStride == 16 ? 2 : 4},
                    conv(model.graph(), "layer4_1_conv1").getDilation());
        }
    }

    @Test
    void widthsFollowTheBase() {
        SegmentationModel model = Architectures.build(new ModelSpec("deeplabv3plus", 32, 3, 4, 8, 2));
        ComputationGraph graph = model.graph();
        assertEquals(8, conv(graph, "stem").getNOut());
        assertEquals(8, conv(graph, "layer1_2_conv2").getNOut());
        assertEquals(64, conv(graph, "layer4_2_conv2").getNOut());
        assertEquals(32, conv(graph, "aspp_1x1").getNOut());
        assertEquals(32 * 5, conv(graph, "aspp_proj").getNIn());
        assertEquals(6, conv(graph, "low_level").getNOut());
        assertEquals(32 + 6, conv(graph, "decoder_conv1").getNIn());
        assertEquals(3, conv(graph, "stem").getNIn());
        assertEquals(1, conv(graph, "head").getNOut());
        assertTrue(conv(graph, "head").hasBias());
        assertFalse(conv(graph, "aspp_rate6").hasBias());
    }

    @Test
    void otherDepthsAreRejected() {
        SegPruneException e = assertThrows(SegPruneException.class,
                () -> Architectures.build(new ModelSpec("deeplabv3plus", 64, 1, 5, 4, 1)));
        assertTrue(e.getMessage().contains("output stride"), e.getMessage());
    }

    @Test
    void channelGraphCouplesResidualsAndStacksConcatenations() {
        SegmentationModel model = tiny(4, 3);
        ChannelGraph graph = ChannelGraph.of(model);

        // the head (and the bilinear resize after it) feed the output: not prunable
        ChannelGroup head = graph.groupOf("head");
        assertFalse(head.prunable());
        assertFalse(graph.prunableLayers().contains("head"));
        assertEquals(graph.layout("head"), graph.layout("head_up"), "the bilinear resize passes channels through");

        // residual adds couple: stage 1 = block 1's conv2 + projection + block 2's conv2 (identity shortcut)
        assertEquals(Set.of("layer1_1_conv2", "layer1_1_proj", "layer1_2_conv2"),
                new HashSet<>(graph.groupOf("layer1_1_conv2").producers()));
        for (int stage = 1; stage <= 4; stage++) {
            ChannelGroup group = graph.groupOf("layer" + stage + "_1_conv2");
            assertTrue(group.prunable(), "stage " + stage);
            assertEquals(3, group.producers().size(), "stage " + stage + " " + group.producers());
            assertEquals(group, graph.groupOf("layer" + stage + "_2_conv2"));
            assertEquals(group, graph.groupOf("layer" + stage + "_1_proj"));
        }
        // the first conv of each block is its own group
        assertEquals(List.of("layer2_1_conv1"), graph.groupOf("layer2_1_conv1").producers());
        assertTrue(graph.groups().stream().anyMatch(g -> g.prunable() && g.producers().size() > 1));

        // ASPP concatenation: 1x1, three rates, pooling branch; each its own prunable group, in order
        List<ChannelGraph.Segment> aspp = graph.layout("aspp_concat");
        List<String> branches = List.of("aspp_1x1", "aspp_rate6", "aspp_rate12", "aspp_rate18", "aspp_pool_conv");
        assertEquals(branches.size(), aspp.size());
        for (int i = 0; i < branches.size(); i++) {
            ChannelGroup group = graph.groupOf(branches.get(i));
            assertTrue(group.prunable(), branches.get(i));
            assertEquals(group.id(), aspp.get(i).group(), branches.get(i));
            assertEquals(16, aspp.get(i).channels());
        }
        assertEquals(graph.layout("aspp_pool_conv_relu"), graph.layout("aspp_pool_broadcast"));
        // the pooling branch reads the encoder's coupled group through the global pooling
        assertEquals(graph.layout("layer4_2_relu"), graph.inputLayout("aspp_pool_conv"));

        // decoder concatenation: [bilinear-resized ASPP projection, reduced low-level features]
        List<ChannelGraph.Segment> decoder = graph.layout("decoder_concat");
        assertEquals(2, decoder.size());
        assertEquals(graph.groupOf("aspp_proj").id(), decoder.get(0).group());
        assertEquals(graph.groupOf("low_level").id(), decoder.get(1).group());
        assertEquals(graph.layout("aspp_proj"), graph.layout("aspp_up"));
        assertEquals(16 + 3, decoder.stream().mapToInt(ChannelGraph.Segment::channels).sum());

        // nothing in the network is opaque: every group but the input's and the head's is prunable
        for (ChannelGroup group : graph.groups()) {
            if (!group.prunable()) {
                assertTrue(group.id() == head.id() || group.producers().isEmpty(), group + " " + group.reason());
            }
        }
        // the counts agree with DL4J's own
        assertEquals(model.graph().numParams(), graph.totals(graph.currentChannels()).paramsWithStatistics());
    }

    @Test
    void fitStepsTrainWeightsBeforeTheBilinearResizes() {
        SegmentationModel model = tiny(4, 4);
        ComputationGraph graph = model.graph();
        INDArray features = Nd4j.rand(DataType.FLOAT, 2, 1, 32, 32);
        INDArray labels = Nd4j.rand(DataType.FLOAT, 2, 1, 32, 32).gt(0.5).castTo(DataType.FLOAT);
        INDArray head = graph.getLayer("head").getParam("W").dup();
        INDArray aspp = graph.getLayer("aspp_proj").getParam("W").dup();
        INDArray stem = graph.getLayer("stem").getParam("W").dup();
        for (int i = 0; i < 3; i++) {
            graph.fit(new DataSet(features, labels));
        }
        assertNotEquals(head, graph.getLayer("head").getParam("W"));
        assertTrue(graph.getLayer("aspp_proj").getParam("W").sub(aspp).amaxNumber().doubleValue() > 1e-5,
                "the ASPP (before two bilinear resizes) learns");
        assertTrue(graph.getLayer("stem").getParam("W").sub(stem).amaxNumber().doubleValue() > 1e-5, "the stem learns");
        assertArrayEquals(new long[] {2, 1, 32, 32}, graph.outputSingle(false, features).shape());
        assertTrue(Double.isFinite(graph.score()));
    }

    @Test
    void saveAndLoadIsExact(@TempDir Path dir) {
        SegmentationModel model = tiny(3, 5);
        TinyModels.randomiseBatchNorms(model.graph(), 5);
        Path file = dir.resolve("deeplab.zip");
        ModelIO.save(model, file, false);
        SegmentationModel loaded = ModelIO.load(file);
        assertEquals(model.info(), loaded.info());
        assertEquals(model.graph().params(), loaded.graph().params());
        assertEquals(model.graph().getConfiguration().toJson(), loaded.graph().getConfiguration().toJson());
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 1, 32, 32);
        INDArray expected = model.graph().outputSingle(false, input);
        INDArray actual = loaded.graph().outputSingle(false, input);
        assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue(), "bit-exact outputs after load");
    }

    /** Spatial size of a vertex's output at the model's input size. */
    private static final class InputTypeSize {
        static long of(ChannelGraph graph, String vertex) {
            return ((org.deeplearning4j.nn.conf.inputs.InputType.InputTypeConvolutional) graph.outputType(vertex)).getHeight();
        }
    }
}

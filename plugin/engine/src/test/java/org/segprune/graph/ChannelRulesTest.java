package org.segprune.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.graph.StackVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.segprune.graph.ChannelRule.Treatment;
import org.segprune.model.BilinearResize;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.score.attention.ChannelGateVertex;

/** Every rule of the registry, what an unknown layer or vertex gets, and registering a new type. */
class ChannelRulesTest {

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.init();
    }

    /** values 0, 1, 2, ... in a c-order array of the given shape. */
    private static INDArray counting(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Nd4j.arange(n).castTo(DataType.FLOAT).reshape('c', shape);
    }

    private static ConvolutionLayer conv(int kernel, boolean bias) {
        return new ConvolutionLayer.Builder(kernel, kernel).nIn(2).nOut(3).hasBias(bias).build();
    }

    @Test
    @DisplayName("convolution: produces filters on W's axis 0, counts k*k*in*out (+out) params and MACs on the output grid")
    void convolutionRule() {
        ConvolutionLayer layer = conv(3, true);
        ChannelRule rule = ChannelRules.of(layer);
        assertEquals(Treatment.PRODUCE, rule.treatment());
        assertNull(rule.opaqueReason());
        assertEquals(0, rule.filterAxis());
        assertEquals(9 * 2 * 3 + 3, rule.trainableParams(2, 3));
        assertEquals(9 * 2 * 3, ChannelRules.of(conv(3, false)).trainableParams(2, 3));
        assertEquals(0, rule.statisticParams(2, 3));
        assertEquals(9 * 2 * 3 * 25, rule.macs(2, 3, 100, 25));
        assertTrue(rule.acceptsFold());
        assertFalse(rule.elementwiseInPlace());
        assertFalse(rule.foldsIntoProducer());

        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("W", counting(3, 2, 1, 1)); // W[o][i] = 2o + i
        params.put("b", Nd4j.create(new float[] {10, 11, 12}, new long[] {1, 3}));
        Map<String, INDArray> sliced = rule.slice(params, new int[] {1}, new int[] {0, 2});
        assertEquals(Nd4j.create(new float[] {1, 5}, new long[] {2, 1, 1, 1}), sliced.get("W"));
        assertEquals(Nd4j.create(new float[] {10, 12}, new long[] {1, 2}), sliced.get("b"));

        Map<String, INDArray> silenced = rule.silenced(params, List.of(1));
        assertEquals(Nd4j.create(new float[] {0, 1, 0, 0, 4, 5}, new long[] {3, 2, 1, 1}), silenced.get("W"));
        assertEquals(Nd4j.create(new float[] {10, 0, 12}, new long[] {1, 3}), silenced.get("b"));

        rule.resize(5, 7);
        assertEquals(5, layer.getNIn());
        assertEquals(7, layer.getNOut());
        ConvolutionLayer noBias = conv(1, false);
        ChannelRules.of(noBias).enableBias();
        assertTrue(noBias.hasBias());
    }

    @Test
    @DisplayName("transposed convolution: filters on W's axis 1 ([in, out, kh, kw]), MACs on the input grid")
    void transposedConvolutionRule() {
        Deconvolution2D layer = new Deconvolution2D.Builder(2, 2).stride(2, 2).nIn(2).nOut(3).build();
        ChannelRule rule = ChannelRules.of(layer);
        assertEquals(Treatment.PRODUCE, rule.treatment());
        assertEquals(1, rule.filterAxis());
        assertEquals(4 * 2 * 3 + 3, rule.trainableParams(2, 3));
        assertEquals(4 * 2 * 3 * 16, rule.macs(2, 3, 16, 64));
        Map<String, INDArray> params = Map.of("W", counting(2, 3, 1, 1)); // W[i][o] = 3i + o
        assertEquals(Nd4j.create(new float[] {3, 5}, new long[] {1, 2, 1, 1}),
                rule.slice(params, new int[] {1}, new int[] {0, 2}).get("W"));
        assertEquals(Nd4j.create(new float[] {0, 0, 2, 3, 0, 5}, new long[] {2, 3, 1, 1}),
                rule.silenced(params, List.of(1)).get("W"));
    }

    @Test
    @DisplayName("depthwise convolution (multiplier 1): channel-wise, W [kh, kw, in, 1] cut on axis 2; multiplier 2 is opaque")
    void depthwiseConvolutionRule() {
        DepthwiseConvolution2D layer = new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(1).nIn(3).nOut(3).build();
        ChannelRule rule = ChannelRules.of(layer);
        assertEquals(Treatment.CHANNELWISE, rule.treatment());
        assertEquals(2, rule.filterAxis());
        assertEquals(9 * 3 + 3, rule.trainableParams(3, 3));
        assertEquals(9 * 3 * 16, rule.macs(3, 3, 16, 16));
        assertFalse(rule.elementwiseInPlace(), "a spatial kernel is not in place");
        assertTrue(rule.acceptsFold());
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("W", counting(1, 2, 3, 1)); // W[0][k][c][0] = 3k + c
        params.put("b", Nd4j.create(new float[] {10, 11, 12}, new long[] {1, 3}));
        Map<String, INDArray> sliced = rule.slice(params, new int[] {0, 2}, new int[] {0, 2});
        assertEquals(Nd4j.create(new float[] {0, 2, 3, 5}, new long[] {1, 2, 2, 1}), sliced.get("W"));
        assertEquals(Nd4j.create(new float[] {10, 12}, new long[] {1, 2}), sliced.get("b"));
        assertEquals(Nd4j.create(new float[] {0, 0, 2, 3, 0, 5}, new long[] {1, 2, 3, 1}), rule.silenced(params, List.of(1)).get("W"));
        rule.resize(2, 2);
        assertEquals(2, layer.getNIn());
        assertEquals(2, layer.getNOut());
        ChannelRule doubled = ChannelRules.of(new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(2).nIn(3).nOut(6).build());
        assertEquals(Treatment.OPAQUE, doubled.treatment());
        assertEquals("depthwise convolution with depth multiplier 2 is not supported", doubled.opaqueReason());
    }

    @Test
    @DisplayName("a channels-last convolution is opaque, with the reason")
    void channelsLastConvolutionIsOpaque() {
        ConvolutionLayer layer = new ConvolutionLayer.Builder(3, 3).nIn(2).nOut(3).dataFormat(CNN2DFormat.NHWC).build();
        ChannelRule rule = ChannelRules.of(layer);
        assertEquals(Treatment.OPAQUE, rule.treatment());
        assertTrue(rule.opaqueReason().contains("channels-last"), rule.opaqueReason());
    }

    @Test
    @DisplayName("batch norm: channel-wise, 2n trainable (0 when locked) + 2n statistics, silenced by gamma and beta, folds")
    void batchNormRule() {
        BatchNormalization layer = new BatchNormalization.Builder().nIn(3).nOut(3).eps(0).build();
        ChannelRule rule = ChannelRules.of(layer);
        assertEquals(Treatment.CHANNELWISE, rule.treatment());
        assertEquals(6, rule.trainableParams(3, 3));
        assertEquals(6, rule.statisticParams(3, 3));
        assertEquals(0, ChannelRules.of(new BatchNormalization.Builder().lockGammaBeta(true).build()).trainableParams(3, 3));
        assertTrue(rule.elementwiseInPlace());
        assertTrue(rule.foldsIntoProducer());
        assertFalse(rule.acceptsFold());

        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("gamma", Nd4j.create(new float[] {1, 2, 3}, new long[] {1, 3}));
        params.put("beta", Nd4j.create(new float[] {4, 5, 6}, new long[] {1, 3}));
        params.put("mean", Nd4j.create(new float[] {7, 8, 9}, new long[] {1, 3}));
        params.put("log10stdev", Nd4j.create(new float[] {0, 1, 0}, new long[] {1, 3}));
        Map<String, INDArray> sliced = rule.slice(params, new int[] {0, 2}, new int[] {0, 2});
        assertEquals(Nd4j.create(new float[] {1, 3}, new long[] {1, 2}), sliced.get("gamma"));
        assertEquals(Nd4j.create(new float[] {7, 9}, new long[] {1, 2}), sliced.get("mean"));
        Map<String, INDArray> silenced = rule.silenced(params, List.of(1));
        assertEquals(Nd4j.create(new float[] {1, 0, 3}, new long[] {1, 3}), silenced.get("gamma"));
        assertEquals(Nd4j.create(new float[] {4, 0, 6}, new long[] {1, 3}), silenced.get("beta"));
        assertEquals(params.get("mean"), silenced.get("mean"), "statistics stay");

        // conv W [3 filters, 1 input, 1, 1] = 1, 1, 1, b = 1: W' = gamma / std, b' = (b - mean) gamma / std + beta
        Map<String, INDArray> producer = Map.of("W", Nd4j.ones(DataType.FLOAT, 3, 1, 1, 1), "b", Nd4j.ones(DataType.FLOAT, 1, 3));
        Map<String, INDArray> folded = rule.foldInto(producer, params, 0);
        assertEquals(Nd4j.create(new float[] {1, 0.2f, 3}, new long[] {3, 1, 1, 1}), folded.get("W"));
        assertEquals(Nd4j.create(new float[] {-2, 3.6f, -18}, new long[] {1, 3}), folded.get("b"));
        // DL4J adds eps to the variance when it normalises, log-std form too: std = sqrt(10^(2 l) + eps)
        BatchNormalization withEps = new BatchNormalization.Builder().nIn(3).nOut(3).eps(0.21).build();
        INDArray foldedWeights = ChannelRules.of(withEps).foldInto(producer, params, 0).get("W");
        assertEquals(1 / 1.1, foldedWeights.getDouble(0), 1e-6);
        assertEquals(2 / Math.sqrt(100.21), foldedWeights.getDouble(1), 1e-6);
    }

    @Test
    @DisplayName("pass-through layers and vertices keep channels; only activation and dropout work in place")
    void passThroughRules() {
        List<Layer> inPlace = List.of(new ActivationLayer.Builder().activation(Activation.RELU).build(),
                new DropoutLayer.Builder(0.5).build());
        List<Layer> regrid = List.of(new SubsamplingLayer.Builder(2, 2).build(), new Upsampling2D.Builder(2).build(),
                new ZeroPaddingLayer.Builder(1, 1).build(), new Cropping2D(1, 1), new GlobalPoolingLayer.Builder().build(),
                new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT).build(), BilinearResize.toSize(8, 8));
        for (Layer layer : inPlace) {
            assertEquals(Treatment.PASS_THROUGH, ChannelRules.of(layer).treatment(), layer.getClass().getSimpleName());
            assertTrue(ChannelRules.of(layer).elementwiseInPlace(), layer.getClass().getSimpleName());
        }
        for (Layer layer : regrid) {
            assertEquals(Treatment.PASS_THROUGH, ChannelRules.of(layer).treatment(), layer.getClass().getSimpleName());
            assertFalse(ChannelRules.of(layer).elementwiseInPlace(), layer.getClass().getSimpleName());
            assertEquals(0, ChannelRules.of(layer).trainableParams(4, 4));
        }
        for (var vertex : List.of(new ScaleVertex(2), new ShiftVertex(1), new L2NormalizeVertex())) {
            assertEquals(Treatment.PASS_THROUGH, ChannelRules.of(vertex).treatment(), vertex.getClass().getSimpleName());
        }
    }

    @Test
    @DisplayName("merge concatenates on the channel axis; element-wise add/subtract/product/average couple, max is opaque")
    void mergeAndElementWiseRules() {
        assertEquals(Treatment.CONCATENATE, ChannelRules.of(new MergeVertex()).treatment());
        MergeVertex lastAxis = new MergeVertex();
        lastAxis.setMergeAxis(3);
        assertEquals(Treatment.OPAQUE, ChannelRules.of(lastAxis).treatment());
        assertTrue(ChannelRules.of(lastAxis).opaqueReason().contains("axis 3"), ChannelRules.of(lastAxis).opaqueReason());
        for (ElementWiseVertex.Op op : List.of(ElementWiseVertex.Op.Add, ElementWiseVertex.Op.Subtract,
                ElementWiseVertex.Op.Product, ElementWiseVertex.Op.Average)) {
            assertEquals(Treatment.COUPLE, ChannelRules.of(new ElementWiseVertex(op)).treatment(), op.name());
        }
        ChannelRule max = ChannelRules.of(new ElementWiseVertex(ElementWiseVertex.Op.Max));
        assertEquals(Treatment.OPAQUE, max.treatment());
        assertEquals("element-wise Max", max.opaqueReason());
    }

    @Test
    @DisplayName("unknown layers and vertices are opaque with the reason; an opaque layer's params still count")
    void unknownTypesAreOpaqueWithAReason() {
        SeparableConvolution2D separable = new SeparableConvolution2D.Builder(3, 3).nIn(4).nOut(4).build();
        ChannelRule rule = ChannelRules.of(separable);
        assertEquals(Treatment.OPAQUE, rule.treatment());
        assertEquals("layer type SeparableConvolution2D is not supported", rule.opaqueReason());
        assertEquals(9 * 4 + 4 * 4 + 4, rule.trainableParams(4, 4));
        assertEquals("layer type LocalResponseNormalization is not supported",
                ChannelRules.of(new LocalResponseNormalization.Builder().build()).opaqueReason());
        assertEquals("vertex type StackVertex is not supported", ChannelRules.of(new StackVertex()).opaqueReason());
        assertEquals(0, ChannelRules.of(new StackVertex()).trainableParams(4, 4));
    }

    @Test
    @DisplayName("a layer reading through an input preprocessor is opaque, naming the preprocessor")
    void preprocessedLayerIsOpaque() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(4, 4, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(1, 1).nOut(3).build(), "in")
                .addLayer("dense", new DenseLayer.Builder().nOut(2).build(), "conv")
                .addLayer("out", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nOut(2).build(), "dense")
                .setOutputs("out").build();
        ChannelRule rule = ChannelRules.of(conf.getVertices().get("dense"));
        assertEquals(Treatment.OPAQUE, rule.treatment());
        assertTrue(rule.opaqueReason().startsWith("input preprocessor CnnToFeedForwardPreProcessor"), rule.opaqueReason());
        assertEquals(Treatment.PRODUCE, ChannelRules.of(conf.getVertices().get("conv")).treatment());
    }

    @Test
    @DisplayName("the channel graph blocks what feeds an opaque layer and says why, naming the vertex")
    void channelGraphReportsTheOpaqueReason() {
        ChannelGraph graph = ChannelGraph.of(ChannelGraphTest.handModel(ChannelGraphTest.base().graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(8, 8, 1))
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(), "in")
                .addLayer("lrn", new LocalResponseNormalization.Builder().build(), "a")
                .addLayer("head", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.IDENTITY).build(), "lrn")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID).build(),
                        "head")
                .setOutputs("out").build(), 8, 1));
        ChannelGroup a = graph.groupOf("a");
        assertFalse(a.prunable());
        assertEquals("it feeds 'lrn' (layer type LocalResponseNormalization is not supported)", a.reason());
        assertEquals(List.of(), graph.prunableLayers());
    }

    /** A gate vertex registered only here: how a new vertex type joins the registry. */
    static final class TestGate extends ChannelGateVertex {
        private static final long serialVersionUID = 1L;

        TestGate(int channels) {
            super(channels);
        }

        @Override
        public TestGate clone() {
            return new TestGate(getChannels());
        }
    }

    @Test
    @DisplayName("a registered broadcast-scale vertex couples the gate's producer with the feature map's")
    void registeredBroadcastScaleCouplesGateAndMap() {
        ChannelRules.vertex(TestGate.class, vertex -> () -> Treatment.BROADCAST_SCALE);
        ChannelGraph graph = ChannelGraph.of(ChannelGraphTest.handModel(ChannelGraphTest.base().graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(8, 8, 1))
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(), "in")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).collapseDimensions(false).build(), "a")
                .addLayer("g", new ConvolutionLayer.Builder(1, 1).nOut(4).activation(Activation.SIGMOID).build(), "pool")
                .addVertex("gate", new TestGate(4), "a", "g")
                .addLayer("head", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.IDENTITY).build(), "gate")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID).build(),
                        "head")
                .setOutputs("out").build(), 8, 1));
        ChannelGroup group = graph.groupOf("a");
        assertTrue(group.prunable(), String.valueOf(group.reason()));
        assertEquals(Set.of("a", "g"), Set.copyOf(group.producers()));
        assertEquals(group, graph.groupOf("g"));
        assertEquals(graph.layout("a"), graph.layout("gate"));
    }
}

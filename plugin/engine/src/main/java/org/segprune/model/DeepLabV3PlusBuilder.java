package org.segprune.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.segprune.util.SegPruneException;

/**
 * DeepLabV3+ (Chen et al. 2018) with a small ResNet-style encoder, for binary segmentation.
 * <ul>
 * <li>Encoder: stem conv3x3 stride 2, then four stages of two basic residual blocks (conv3x3-BN-ReLU,
 * conv3x3-BN, added to the shortcut, ReLU; a 1x1 conv-BN projection shortcut where the width or the
 * stride changes) with widths base, 2 base, 4 base, 8 base (base 64 gives ResNet-18's widths). Stage 1
 * ends at output stride 4 (the low-level features). Output stride 16 (depth 4): stages 2 and 3 stride
 * 2, stage 4 dilation 2. Output stride 8 (depth 3): stage 2 strides, stage 3 dilation 2, stage 4
 * dilation 4.</li>
 * <li>ASPP on the encoder output, every branch 4 base wide (base 64 gives the paper's 256): 1x1
 * conv-BN-ReLU; one dilated conv3x3-BN-ReLU per rate (6, 12, 18 at output stride 16, doubled at output
 * stride 8 as in the paper); image pooling (global average pool, 1x1 conv-BN-ReLU, broadcast back with
 * a nearest upsampling by the feature size); concatenation; 1x1 conv-BN-ReLU projection.</li>
 * <li>Decoder: the ASPP output bilinearly resized to the low-level size; the low-level features reduced
 * by a 1x1 conv-BN-ReLU to 3/4 base channels (48 at base 64, as the paper); concatenation [ASPP,
 * low-level]; two conv3x3-BN-ReLU 4 base wide; 1x1 head with bias; bilinear resize to the input size;
 * sigmoid with the BCE + dice loss.</li>
 * </ul>
 * {@link ModelSpec} fields: {@code depth} picks the output stride (4 = OS 16, 3 = OS 8; other depths are
 * rejected), {@code baseFilters} the widths above. Convolutions before a batch norm have no bias. The
 * paper's dropout in the ASPP projection and the decoder is left out (deterministic pruning tests).
 */
public final class DeepLabV3PlusBuilder {

    public static final String NAME = "deeplabv3plus";
    public static final String INPUT = UNetBuilder.INPUT;
    public static final String HEAD = UNetBuilder.HEAD;
    public static final String OUTPUT = UNetBuilder.OUTPUT;
    /** ASPP rates at output stride 16 (doubled at output stride 8). */
    public static final int[] DEFAULT_RATES = {6, 12, 18};
    /** Residual blocks per encoder stage. */
    public static final int BLOCKS_PER_STAGE = 2;

    private DeepLabV3PlusBuilder() {
    }

    /** Output stride for a spec's depth: 4 -> 16, 3 -> 8. */
    public static int outputStride(int depth) {
        return switch (depth) {
            case 4 -> 16;
            case 3 -> 8;
            default -> throw new SegPruneException(
                    "deeplabv3plus takes depth 4 (output stride 16) or 3 (output stride 8), got depth " + depth);
        };
    }

    public static SegmentationModel build(ModelSpec spec) {
        return build(spec, DEFAULT_RATES);
    }

    /** Builds with the given ASPP rates at output stride 16 (doubled at output stride 8). */
    public static SegmentationModel build(ModelSpec spec, int[] ratesAtOs16) {
        int outputStride = outputStride(spec.depth());
        int[] rates = Arrays.stream(ratesAtOs16).map(r -> r * 16 / outputStride).toArray();
        if (rates.length == 0 || Arrays.stream(rates).anyMatch(r -> r < 1) || Arrays.stream(rates).distinct().count() != rates.length) {
            throw new SegPruneException("ASPP rates must be distinct positive numbers, got " + Arrays.toString(ratesAtOs16));
        }
        int base = spec.baseFilters();
        int size = spec.inputSize();
        int asppWidth = 4 * base;
        int lowLevelWidth = Math.max(1, 3 * base / 4);
        int lowLevelSize = size / 4;
        int featureSize = size / outputStride;

        ComputationGraphConfiguration.GraphBuilder g = UNetBuilder.baseConfiguration(spec.seed())
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(size, size, spec.inputChannels()));

        // encoder
        String previous = convBn(g, "stem", INPUT, base, 3, 2, 1, true);
        int width = base;
        int[] strides = outputStride == 16 ? new int[] {2, 2, 2, 1} : new int[] {2, 2, 1, 1};
        int[] dilations = outputStride == 16 ? new int[] {1, 1, 1, 2} : new int[] {1, 1, 2, 4};
        String lowLevel = null;
        for (int stage = 0; stage < 4; stage++) {
            int stageWidth = base << stage;
            for (int block = 0; block < BLOCKS_PER_STAGE; block++) {
                int stride = block == 0 ? strides[stage] : 1;
                previous = residualBlock(g, "layer" + (stage + 1) + "_" + (block + 1), previous, width, stageWidth, stride,
                        dilations[stage]);
                width = stageWidth;
            }
            if (stage == 0) {
                lowLevel = previous;
            }
        }

        // ASPP
        String[] branches = new String[rates.length + 2];
        branches[0] = UNetBuilder.convBnRelu(g, "aspp_1x1", previous, asppWidth, 1, 1);
        for (int i = 0; i < rates.length; i++) {
            branches[i + 1] = UNetBuilder.convBnRelu(g, "aspp_rate" + rates[i], previous, asppWidth, 3, rates[i]);
        }
        g.addLayer("aspp_pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).collapseDimensions(false).build(), previous);
        String pooled = UNetBuilder.convBnRelu(g, "aspp_pool_conv", "aspp_pool", asppWidth, 1, 1);
        g.addLayer("aspp_pool_broadcast", new Upsampling2D.Builder(featureSize).build(), pooled);
        branches[rates.length + 1] = "aspp_pool_broadcast";
        g.addVertex("aspp_concat", new MergeVertex(), branches);
        String aspp = UNetBuilder.convBnRelu(g, "aspp_proj", "aspp_concat", asppWidth, 1, 1);

        // decoder
        g.addLayer("aspp_up", BilinearResize.toSize(lowLevelSize, lowLevelSize), aspp);
        String reduced = UNetBuilder.convBnRelu(g, "low_level", lowLevel, lowLevelWidth, 1, 1);
        g.addVertex("decoder_concat", new MergeVertex(), "aspp_up", reduced);
        previous = UNetBuilder.convBnRelu(g, "decoder_conv1", "decoder_concat", asppWidth, 3, 1);
        previous = UNetBuilder.convBnRelu(g, "decoder_conv2", previous, asppWidth, 3, 1);

        // head: 1x1 conv, bilinear back to the input size, sigmoid or softmax + loss
        g.addLayer(HEAD, new ConvolutionLayer.Builder(1, 1).nOut(Heads.channels(spec)).activation(Activation.IDENTITY).build(),
                previous);
        g.addLayer("head_up", BilinearResize.toSize(size, size), HEAD);
        g.addLayer(OUTPUT, Heads.output(spec), "head_up");
        g.setOutputs(OUTPUT);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        String rateList = Arrays.stream(rates).mapToObj(Integer::toString).collect(Collectors.joining("/"));
        return new SegmentationModel(graph, Heads.info(NAME, spec, String.format(Locale.ROOT,
                "built %s depth %d (output stride %d, ASPP rates %s) base %d input %dx%dx%d seed %d", NAME, spec.depth(),
                outputStride, rateList, base, spec.inputChannels(), size, size, spec.seed())));
    }

    /**
     * A basic residual block: conv3x3(stride)-BN-ReLU, conv3x3-BN, plus the input (or its 1x1
     * conv-BN projection when width or stride change), ReLU. Returns the ReLU's name.
     */
    private static String residualBlock(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int inWidth,
            int width, int stride, int dilation) {
        String first = convBn(g, name + "_conv1", input, width, 3, stride, dilation, true);
        String second = convBn(g, name + "_conv2", first, width, 3, 1, dilation, false);
        String shortcut = input;
        if (stride != 1 || inWidth != width) {
            shortcut = convBn(g, name + "_proj", input, width, 1, stride, 1, false);
        }
        g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), second, shortcut);
        g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_add");
        return name + "_relu";
    }

    /** A bias-free convolution with stride and dilation, batch norm, and optionally ReLU; returns the last vertex. */
    private static String convBn(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int filters, int kernel,
            int stride, int dilation, boolean relu) {
        if (stride == 1 && relu) {
            return UNetBuilder.convBnRelu(g, name, input, filters, kernel, dilation);
        }
        g.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).dilation(dilation, dilation)
                .nOut(filters).hasBias(false).activation(Activation.IDENTITY).build(), input);
        g.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name);
        if (!relu) {
            return name + "_bn";
        }
        g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_bn");
        return name + "_relu";
    }
}

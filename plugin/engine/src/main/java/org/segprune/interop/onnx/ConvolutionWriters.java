package org.segprune.interop.onnx;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Convolutions, transposed convolutions and pooling. Padding is written explicitly ({@code pads}, never
 * {@code auto_pad}) from the layer's input and output size: DL4J's {@link ConvolutionMode#Same} puts the smaller half
 * of an odd total padding before (top, left), as ONNX's SAME_UPPER does.
 */
final class ConvolutionWriters {

    private ConvolutionWriters() {
    }

    static String convolution(VertexCall call) {
        ConvolutionLayer conf = (ConvolutionLayer) call.layer();
        INDArray weights = call.params().get("W");
        long group = 1;
        if (conf instanceof DepthwiseConvolution2D depthwise) {
            // DL4J [kH, kW, nIn, multiplier] -> ONNX [nIn * multiplier, 1, kH, kW]; output channel c * multiplier + m
            long[] s = weights.shape();
            weights = weights.permute(2, 3, 0, 1).dup('c').reshape('c', s[2] * s[3], 1, s[0], s[1]);
            group = s[2];
            if (depthwise.getDepthMultiplier() != s[3]) {
                throw call.unsupported("its weights do not match its depth multiplier");
            }
        }
        long[] pads = pads(call, conf.getConvolutionMode(), conf.getKernelSize(), conf.getStride(), conf.getDilation(),
                conf.getPadding());
        List<OnnxGraph.Attribute> attributes = new ArrayList<>(List.of(OnnxGraph.ints("kernel_shape", longs(conf.getKernelSize())),
                OnnxGraph.ints("strides", longs(conf.getStride())), OnnxGraph.ints("dilations", longs(conf.getDilation())),
                OnnxGraph.ints("pads", pads), OnnxGraph.integer("group", group)));
        return weighted(call, "Conv", weights, 0, conf.getActivationFn(), attributes);
    }

    static String deconvolution(VertexCall call) {
        Deconvolution2D conf = (Deconvolution2D) call.layer();
        long[] pads;
        long[] outputPadding = {0, 0};
        if (conf.getConvolutionMode() == ConvolutionMode.Same) {
            // DL4J: output = input * stride. ONNX: output = stride (in - 1) + outputPadding + (k - 1) d + 1 - pads
            pads = new long[4];
            long[] in = call.inputSize();
            long[] out = call.outputSize();
            for (int axis = 0; axis < 2; axis++) {
                long effective = (conf.getKernelSize()[axis] - 1L) * conf.getDilation()[axis] + 1;
                long total = conf.getStride()[axis] * (in[axis] - 1) + effective - out[axis];
                if (total < 0) {
                    outputPadding[axis] = -total;
                } else {
                    pads[axis] = total / 2;
                    pads[axis + 2] = total - total / 2;
                }
            }
        } else if (conf.getConvolutionMode() == ConvolutionMode.Truncate || conf.getConvolutionMode() == ConvolutionMode.Strict) {
            int[] p = conf.getPadding();
            pads = new long[] {p[0], p[1], p[0], p[1]};
        } else {
            throw call.unsupported("convolution mode " + conf.getConvolutionMode() + " is not exported");
        }
        List<OnnxGraph.Attribute> attributes = new ArrayList<>(List.of(OnnxGraph.ints("kernel_shape", longs(conf.getKernelSize())),
                OnnxGraph.ints("strides", longs(conf.getStride())), OnnxGraph.ints("dilations", longs(conf.getDilation())),
                OnnxGraph.ints("pads", pads)));
        if (outputPadding[0] != 0 || outputPadding[1] != 0) {
            attributes.add(OnnxGraph.ints("output_padding", outputPadding));
        }
        // DL4J's [nIn, nOut, kH, kW] is ONNX ConvTranspose's layout
        return weighted(call, "ConvTranspose", call.params().get("W"), 1, conf.getActivationFn(), attributes);
    }

    /** Writes a Conv or ConvTranspose with its bias, folding the batch norm after it in when planned, then the activation. */
    private static String weighted(VertexCall call, String op, INDArray weights, int outputAxis, IActivation activation,
            List<OnnxGraph.Attribute> attributes) {
        INDArray bias = call.params().get("b");
        if (call.foldedBatchNorm() != null) {
            INDArray[] folded = BatchNormFolding.fold(weights, bias, outputAxis, call.foldedBatchNorm().stats());
            weights = folded[0];
            bias = folded[1];
        }
        List<String> inputs = new ArrayList<>(List.of(call.input(), call.onnx().floats(call.name() + ".weight", weights)));
        if (bias != null) {
            inputs.add(call.onnx().floats(call.name() + ".bias", bias.reshape(-1)));
        }
        boolean linear = Activations.isIdentity(activation);
        String output = call.onnx().node(op, inputs, linear ? call.outputName() : call.temporary("linear"),
                attributes.toArray(OnnxGraph.Attribute[]::new));
        return linear ? output : Activations.write(call, activation, output, call.outputName(), false);
    }

    static String pooling(VertexCall call) {
        SubsamplingLayer conf = (SubsamplingLayer) call.layer();
        if (conf.getDilation() != null && (conf.getDilation()[0] != 1 || conf.getDilation()[1] != 1)) {
            throw call.unsupported("dilated pooling is not exported");
        }
        long[] pads = pads(call, conf.getConvolutionMode(), conf.getKernelSize(), conf.getStride(), new int[] {1, 1},
                conf.getPadding());
        OnnxGraph.Attribute kernel = OnnxGraph.ints("kernel_shape", longs(conf.getKernelSize()));
        OnnxGraph.Attribute strides = OnnxGraph.ints("strides", longs(conf.getStride()));
        OnnxGraph.Attribute padding = OnnxGraph.ints("pads", pads);
        if (conf.getPoolingType() == PoolingType.MAX) {
            return call.onnx().node("MaxPool", List.of(call.input()), call.outputName(), kernel, strides, padding);
        }
        if (conf.getPoolingType() == PoolingType.AVG) {
            return call.onnx().node("AveragePool", List.of(call.input()), call.outputName(), kernel, strides, padding,
                    OnnxGraph.integer("count_include_pad", conf.isAvgPoolIncludePadInDivisor() ? 1 : 0));
        }
        throw call.unsupported("pooling type " + conf.getPoolingType() + " is not exported (max and average are)");
    }

    /** ONNX pads [top, left, bottom, right] for a DL4J convolution or pooling layer. */
    private static long[] pads(VertexCall call, ConvolutionMode mode, int[] kernel, int[] stride, int[] dilation, int[] padding) {
        if (mode == ConvolutionMode.Same) {
            long[] in = call.inputSize();
            long[] out = call.outputSize();
            long[] pads = new long[4];
            for (int axis = 0; axis < 2; axis++) {
                long effective = (kernel[axis] - 1L) * dilation[axis] + 1;
                long total = Math.max(0, (out[axis] - 1) * stride[axis] + effective - in[axis]);
                pads[axis] = total / 2;
                pads[axis + 2] = total - total / 2;
            }
            return pads;
        }
        if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
            return new long[] {padding[0], padding[1], padding[0], padding[1]};
        }
        throw call.unsupported("convolution mode " + mode + " is not exported");
    }

    static long[] longs(int[] values) {
        long[] result = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }
}

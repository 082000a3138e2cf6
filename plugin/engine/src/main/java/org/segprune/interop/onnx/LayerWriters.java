package org.segprune.interop.onnx;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.graph.BatchNormStats;
import org.segprune.graph.ChannelRules;
import org.segprune.model.BilinearResize;
import org.segprune.model.DilatedDepthwiseConvolution2D;
import org.segprune.model.ChannelPRelu;
import org.segprune.model.SpatialGate;
import org.segprune.model.InstanceNormalization;

/**
 * The DL4J layer and vertex types the exporter writes, by exact class (a subclass may change the semantics, so it
 * is refused rather than guessed), and the writers of the types without parameters.
 */
final class LayerWriters {

    /** Writers by layer configuration class. */
    static final Map<Class<?>, VertexWriter> LAYERS = Map.ofEntries(
            Map.entry(ConvolutionLayer.class, ConvolutionWriters::convolution),
            Map.entry(DepthwiseConvolution2D.class, ConvolutionWriters::convolution),
            Map.entry(DilatedDepthwiseConvolution2D.class, ConvolutionWriters::convolution),
            Map.entry(Deconvolution2D.class, ConvolutionWriters::deconvolution),
            Map.entry(SubsamplingLayer.class, ConvolutionWriters::pooling),
            Map.entry(BatchNormalization.class, LayerWriters::batchNorm),
            Map.entry(InstanceNormalization.class, LayerWriters::instanceNorm),
            Map.entry(ChannelPRelu.class, LayerWriters::prelu),
            Map.entry(ActivationLayer.class, LayerWriters::activation),
            Map.entry(DropoutLayer.class, call -> call.input()),
            Map.entry(CnnLossLayer.class, LayerWriters::lossActivation),
            Map.entry(GlobalPoolingLayer.class, LayerWriters::globalPooling),
            Map.entry(Upsampling2D.class, LayerWriters::nearestUpsampling),
            Map.entry(BilinearResize.class, LayerWriters::bilinearResize),
            Map.entry(ZeroPaddingLayer.class, LayerWriters::zeroPadding),
            Map.entry(Cropping2D.class, LayerWriters::cropping));

    /** Writers of the vertices that are not layers, by class. */
    static final Map<Class<?>, VertexWriter> VERTICES = Map.of(
            MergeVertex.class, LayerWriters::concat,
            ElementWiseVertex.class, LayerWriters::elementWise,
            SpatialGate.class, call -> call.onnx().node("Mul", call.inputs(), call.outputName()),
            ScaleVertex.class, call -> call.onnx().node("Mul", List.of(call.input(), call.onnx().floats(call.name() + ".scale",
                    (float) ((ScaleVertex) call.vertex()).getScaleFactor())), call.outputName()),
            ShiftVertex.class, call -> call.onnx().node("Add", List.of(call.input(), call.onnx().floats(call.name() + ".shift",
                    (float) ((ShiftVertex) call.vertex()).getShiftFactor())), call.outputName()));

    private LayerWriters() {
    }

    /** The writer of a vertex, or null when the exporter has none. */
    static VertexWriter of(GraphVertex vertex) {
        org.deeplearning4j.nn.conf.layers.Layer layer = ChannelRules.layerOf(vertex);
        return layer != null ? LAYERS.get(layer.getClass()) : VERTICES.get(vertex.getClass());
    }

    /** The data format of a layer the exporter writes, or null for a layer without one. */
    static CNN2DFormat dataFormat(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer instanceof ConvolutionLayer convolution) {
            return convolution.getCnn2dDataFormat();
        }
        if (layer instanceof SubsamplingLayer pooling) {
            return pooling.getCnn2dDataFormat();
        }
        if (layer instanceof BatchNormalization batchNorm) {
            return batchNorm.getCnn2DFormat();
        }
        if (layer instanceof Upsampling2D upsampling) {
            return upsampling.getFormat();
        }
        if (layer instanceof CnnLossLayer loss) {
            return loss.getFormat();
        }
        if (layer instanceof ZeroPaddingLayer padding) {
            return padding.getDataFormat();
        }
        return layer instanceof Cropping2D cropping ? cropping.getDataFormat() : null;
    }

    private static String batchNorm(VertexCall call) {
        BatchNormalization conf = (BatchNormalization) call.layer();
        BatchNormStats stats = BatchNormStats.of(conf, call.params());
        OnnxGraph onnx = call.onnx();
        // DL4J M2.1 never applies a batch norm layer's activation: nor does the export
        return onnx.node("BatchNormalization", List.of(call.input(),
                onnx.floats(call.name() + ".scale", Nd4j.createFromArray(stats.gamma())),
                onnx.floats(call.name() + ".bias", Nd4j.createFromArray(stats.beta())),
                onnx.floats(call.name() + ".mean", Nd4j.createFromArray(stats.mean())),
                onnx.floats(call.name() + ".var", Nd4j.createFromArray(stats.var()))), call.outputName(),
                OnnxGraph.real("epsilon", stats.eps()));
    }

    private static String instanceNorm(VertexCall call) {
        InstanceNormalization conf = (InstanceNormalization) call.layer();
        OnnxGraph onnx = call.onnx();
        return onnx.node("InstanceNormalization", List.of(call.input(),
                onnx.floats(call.name() + ".scale", call.params().get("gamma").reshape(-1)),
                onnx.floats(call.name() + ".bias", call.params().get("beta").reshape(-1))), call.outputName(),
                OnnxGraph.real("epsilon", conf.getEps()));
    }

    /** Slopes [C, 1, 1] broadcast over an NCHW input, as ONNX's PRelu reads them. */
    private static String prelu(VertexCall call) {
        OnnxGraph onnx = call.onnx();
        INDArray alpha = call.params().get("alpha");
        return onnx.node("PRelu", List.of(call.input(), onnx.floats(call.name() + ".slope", alpha.reshape(alpha.length(), 1, 1))),
                call.outputName());
    }

    private static String activation(VertexCall call) {
        ActivationLayer conf = (ActivationLayer) call.layer();
        return Activations.isIdentity(conf.getActivationFn()) ? call.input()
                : Activations.write(call, conf.getActivationFn(), call.input(), call.outputName(), false);
    }

    /** A loss layer's output is its activation (DL4J applies a softmax over the channels, as here). */
    private static String lossActivation(VertexCall call) {
        CnnLossLayer conf = (CnnLossLayer) call.layer();
        return Activations.isIdentity(conf.getActivationFn()) ? call.input()
                : Activations.write(call, conf.getActivationFn(), call.input(), call.outputName(), true);
    }

    private static String globalPooling(VertexCall call) {
        GlobalPoolingLayer conf = (GlobalPoolingLayer) call.layer();
        int[] dimensions = conf.getPoolingDimensions();
        if (dimensions != null && !(dimensions.length == 2 && dimensions[0] == 2 && dimensions[1] == 3)) {
            throw call.unsupported("it pools over dimensions " + java.util.Arrays.toString(dimensions) + ", not height and width");
        }
        String op = conf.getPoolingType() == PoolingType.AVG ? "GlobalAveragePool"
                : conf.getPoolingType() == PoolingType.MAX ? "GlobalMaxPool" : null;
        if (op == null) {
            throw call.unsupported("pooling type " + conf.getPoolingType() + " is not exported (max and average are)");
        }
        if (!conf.isCollapseDimensions()) {
            return call.onnx().node(op, List.of(call.input()), call.outputName());
        }
        String pooled = call.onnx().node(op, List.of(call.input()), call.temporary("pooled"));
        return call.onnx().node("Flatten", List.of(pooled), call.outputName(), OnnxGraph.integer("axis", 1));
    }

    /** DL4J's nearest-neighbour upsampling by integer factors: output pixel o reads input floor(o / factor). */
    private static String nearestUpsampling(VertexCall call) {
        Upsampling2D conf = (Upsampling2D) call.layer();
        int[] size = conf.getSize();
        String scales = call.onnx().floats(call.name() + ".scales", 1f, 1f, size[0], size[size.length > 1 ? 1 : 0]);
        return call.onnx().node("Resize", List.of(call.input(), "", scales), call.outputName(), OnnxGraph.text("mode", "nearest"),
                OnnxGraph.text("coordinate_transformation_mode", "asymmetric"), OnnxGraph.text("nearest_mode", "floor"));
    }

    /**
     * SegPrune's bilinear resize is ONNX's linear Resize with the same coordinate mode (half-pixel centres for the
     * built-in models, align_corners or asymmetric for imported ones; source clamped to the image). A
     * fixed target size goes in as scales when float32 scales give exactly that size, otherwise as sizes built from
     * the input's batch size and channels, so that the batch size stays free.
     */
    private static String bilinearResize(VertexCall call) {
        OnnxGraph onnx = call.onnx();
        long[] in = call.inputSize();
        long[] out = call.outputSize();
        float scaleH = (float) out[0] / in[0];
        float scaleW = (float) out[1] / in[1];
        List<String> inputs;
        if ((long) (in[0] * scaleH) == out[0] && (long) (in[1] * scaleW) == out[1]) {
            inputs = List.of(call.input(), "", onnx.floats(call.name() + ".scales", 1f, 1f, scaleH, scaleW));
        } else {
            String shape = onnx.node("Shape", List.of(call.input()), call.temporary("shape"));
            String batchAndChannels = onnx.node("Slice", List.of(shape, onnx.longs(call.name() + ".start", 0),
                    onnx.longs(call.name() + ".end", 2)), call.temporary("batch_channels"));
            String sizes = onnx.node("Concat", List.of(batchAndChannels, onnx.longs(call.name() + ".size", out[0], out[1])),
                    call.temporary("sizes"), OnnxGraph.integer("axis", 0));
            inputs = List.of(call.input(), "", "", sizes);
        }
        return onnx.node("Resize", inputs, call.outputName(), OnnxGraph.text("mode", "linear"),
                OnnxGraph.text("coordinate_transformation_mode", ((BilinearResize) call.layer()).getCoordinates()));
    }

    private static String zeroPadding(VertexCall call) {
        ZeroPaddingLayer conf = (ZeroPaddingLayer) call.layer();
        int[] p = conf.getPadding(); // top, bottom, left, right
        String pads = call.onnx().longs(call.name() + ".pads", 0, 0, p[0], p[2], 0, 0, p[1], p[3]);
        return call.onnx().node("Pad", List.of(call.input(), pads), call.outputName(), OnnxGraph.text("mode", "constant"));
    }

    private static String cropping(VertexCall call) {
        Cropping2D conf = (Cropping2D) call.layer();
        int[] c = conf.getCropping(); // top, bottom, left, right
        long[] in = call.inputSize();
        OnnxGraph onnx = call.onnx();
        return onnx.node("Slice", List.of(call.input(), onnx.longs(call.name() + ".start", c[0], c[2]),
                onnx.longs(call.name() + ".end", in[0] - c[1], in[1] - c[3]), onnx.longs(call.name() + ".axes", 2, 3)),
                call.outputName());
    }

    private static String concat(VertexCall call) {
        for (InputType type : call.inputTypes()) {
            if (!(type instanceof InputType.InputTypeConvolutional)) {
                throw call.unsupported("it concatenates " + type + ", not images");
            }
        }
        return call.onnx().node("Concat", call.inputs(), call.outputName(), OnnxGraph.integer("axis", 1));
    }

    private static String elementWise(VertexCall call) {
        ElementWiseVertex.Op op = ((ElementWiseVertex) call.vertex()).getOp();
        OnnxGraph onnx = call.onnx();
        List<String> inputs = call.inputs();
        return switch (op) {
            case Add -> onnx.node(inputs.size() == 2 ? "Add" : "Sum", inputs, call.outputName());
            case Subtract -> onnx.node("Sub", inputs, call.outputName());
            case Average -> onnx.node("Mean", inputs, call.outputName());
            case Max -> onnx.node("Max", inputs, call.outputName());
            case Product -> {
                String product = inputs.get(0);
                for (int i = 1; i < inputs.size(); i++) {
                    product = onnx.node("Mul", List.of(product, inputs.get(i)),
                            i == inputs.size() - 1 ? call.outputName() : call.temporary("product"));
                }
                yield product;
            }
            default -> throw call.unsupported("element-wise operation " + op + " is not exported");
        };
    }
}

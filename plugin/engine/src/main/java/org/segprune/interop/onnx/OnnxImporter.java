package org.segprune.interop.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import onnx.Onnx;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationMish;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;
import org.segprune.model.BilinearResize;
import org.segprune.model.DilatedDepthwiseConvolution2D;
import org.segprune.model.ChannelPRelu;
import org.segprune.model.InstanceNormalization;
import org.segprune.model.ClipActivation;
import org.segprune.model.HardSigmoidActivation;
import org.segprune.model.HardSwishActivation;
import org.segprune.model.ModelInfo;
import org.segprune.model.SegmentationModel;
import org.segprune.model.SpatialGate;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.train.BceDiceLoss;
import org.segprune.util.SegPruneException;

/**
 * Reads an ONNX image-to-image network (opsets 9 to 23) into a DL4J ComputationGraph of DL4J's own
 * layers (convolutions, batch norms, activations, pooling, merge and element-wise vertices), so that
 * SegPrune's channel graph can prune it and DL4J can train it. The input size must be fixed (by the
 * model or by {@code inputSize}); shape arithmetic is evaluated for it. The network's last activation
 * becomes the activation of a {@link CnnLossLayer} output, so the imported graph's output equals the
 * ONNX model's. Anything outside the supported set ends with a one-line error naming the node.
 */
public final class OnnxImporter {

    /** Highest and lowest default-domain opset the importer reads. */
    public static final int MIN_OPSET = 9;
    public static final int MAX_OPSET = 23;
    /** ONNX's Selu defaults, which are DL4J's fixed SELU constants. */
    private static final double SELU_ALPHA = 1.67326319217681884765625;
    private static final double SELU_GAMMA = 1.05070102214813232421875;

    private static final String INPUT = "input";

    /** A runtime tensor: the DL4J vertex that computes it and its NCHW shape (batch 1); perm is a pending Transpose. */
    private record Value(String vertex, long[] shape, int[] perm) {
        Value(String vertex, long[] shape) {
            this(vertex, shape, null);
        }
    }

    private final Path file;
    private final String format;
    private final String step;
    private final boolean imageToImage;
    private final Onnx.GraphProto graph;
    private final Optional<ModelInfo> writtenInfo;
    private final int opset;
    private final Map<String, Onnx.TensorProto> initializers = new HashMap<>();
    private final Map<String, Tensor> constants = new HashMap<>();
    private final Map<String, Value> values = new HashMap<>();
    private final Set<String> vertexNames = new HashSet<>();
    /** Set when the network's first operation divides the image by 255 (Keras's Rescaling): it wants raw pixels. */
    private String selfScaling;
    private final Map<String, Map<String, INDArray>> parameters = new HashMap<>();
    private ComputationGraphConfiguration.GraphBuilder builder;
    private String finalActivationOutput;
    private String outputKind = ModelInfo.OUTPUT_LOGITS;
    private String outputVertex;

    private OnnxImporter(Path file, Onnx.ModelProto model, String format, String step, boolean imageToImage) {
        this.file = file;
        this.format = format;
        this.imageToImage = imageToImage;
        this.graph = model.getGraph();
        this.writtenInfo = OnnxMetadata.read(model);
        this.opset = defaultOpset(model);
        this.step = step != null ? step : "imported from ONNX '" + file.getFileName() + "' (opset " + opset + ")";
    }

    /**
     * Imports an ONNX file. {@code inputSize} is used when the model's input height and width are not
     * fixed (0: the model must fix them).
     */
    public static SegmentationModel read(Path file, int inputSize) {
        return read(file, inputSize, true);
    }

    /**
     * As {@link #read(Path, int)}; without {@code imageToImage} any fixed NCHW input and output shape is
     * accepted (ONNX's per-operator conformance models have non-square inputs and strided outputs).
     */
    static SegmentationModel read(Path file, int inputSize, boolean imageToImage) {
        Dl4jRuntime.init();
        Onnx.ModelProto model;
        try {
            model = Onnx.ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new SegPruneException("'" + file + "' is not a readable ONNX model: " + oneLine(e.getMessage()));
        } catch (IOException e) {
            throw new SegPruneException("cannot read model '" + file + "': " + e.getMessage(), e);
        }
        try {
            return new OnnxImporter(file, model, "onnx", null, imageToImage).build(inputSize);
        } catch (OnnxFormatException e) {
            throw new SegPruneException("cannot import ONNX model '" + file + "': " + e.getMessage(), e);
        }
    }

    /**
     * Imports a model that another importer translated into ONNX in memory (Keras): every rule of the ONNX import
     * applies. {@code format} goes into the model information ({@code info} shows it), {@code step} is its provenance
     * entry; errors are {@link OnnxFormatException}s for the caller to word with {@code file}'s name.
     */
    public static SegmentationModel read(Onnx.ModelProto model, Path file, String format, String step, int inputSize) {
        Dl4jRuntime.init();
        return new OnnxImporter(file, model, format, step, true).build(inputSize);
    }

    private static String oneLine(String message) {
        return message == null ? "corrupt protobuf" : message.replaceAll("\\s+", " ").trim();
    }

    private static int defaultOpset(Onnx.ModelProto model) {
        for (Onnx.OperatorSetIdProto set : model.getOpsetImportList()) {
            if (set.getDomain().isEmpty() || set.getDomain().equals("ai.onnx")) {
                return (int) set.getVersion();
            }
        }
        return -1;
    }

    private SegmentationModel build(int requestedSize) {
        if (!graph.isInitialized() || graph.getNodeCount() == 0) {
            throw new OnnxFormatException("the file holds no graph (truncated, or not an ONNX model)");
        }
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new OnnxFormatException("opset " + opset + " is not supported (SegPrune reads opsets " + MIN_OPSET + " to "
                    + MAX_OPSET + ")");
        }
        for (Onnx.TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        Onnx.ValueInfoProto input = singleInput();
        long[] inputShape = inputShape(input, requestedSize);
        int channels = (int) inputShape[1];
        int size = (int) inputShape[2];
        int width = (int) inputShape[3];
        if (graph.getOutputCount() != 1) {
            throw new OnnxFormatException("it has " + graph.getOutputCount()
                    + " outputs; SegPrune needs an image-to-image network with one output");
        }
        builder = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(1e-3))
                .convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(size, width, channels));
        vertexNames.add(INPUT);
        values.put(input.getName(), new Value(INPUT, new long[] {1, channels, size, width}));
        finalActivationOutput = findFinalActivation();
        for (Onnx.NodeProto proto : graph.getNodeList()) {
            convert(new Node(proto));
        }
        String outputName = graph.getOutput(0).getName();
        Value output = values.get(outputName);
        if (output == null) {
            throw new OnnxFormatException("its output '" + outputName + "' is a constant or is not computed by any node");
        }
        if (output.perm() != null) {
            throw new OnnxFormatException("its output is transposed to " + Arrays.toString(output.perm())
                    + "; SegPrune needs an NCHW output");
        }
        if (imageToImage && (output.shape().length != 4 || output.shape()[2] != size || output.shape()[3] != size)) {
            throw new OnnxFormatException("it is not an image-to-image network: output shape " + Arrays.toString(output.shape())
                    + " for input " + Arrays.toString(inputShape));
        }
        if (outputVertex == null) {
            outputVertex = addLayer("output", new CnnLossLayer.Builder().lossFunction(new LossMSE())
                    .activation(Activation.IDENTITY).build(), output.vertex());
        }
        builder.setOutputs(outputVertex);
        ComputationGraph network = new ComputationGraph(builder.build());
        network.init();
        parameters.forEach((vertex, params) -> params.forEach((key, value) -> {
            INDArray target = network.getLayer(vertex).getParam(key);
            if (target.length() != value.length()) {
                throw new OnnxFormatException("parameter " + key + " of '" + vertex + "' has " + value.length()
                        + " values, the layer needs " + target.length());
            }
            network.getLayer(vertex).setParam(key, value.reshape(target.shape()).castTo(target.dataType()));
        }));
        // A file SegPrune wrote carries its model information (preprocessing, head, history): no flags needed.
        ModelInfo info = writtenInfo.filter(written -> written.inputSize() == size
                && written.inputChannels() == channels).map(written -> written.with(step))
                .orElseGet(() -> {
                    ModelInfo imported = ModelInfo.imported(format, size, channels, outputKind, (int) output.shape()[1], step);
                    // scaling 0-255 images again would feed the network values 255 times too small
                    return selfScaling == null ? imported : imported.withPreprocessing(null, ModelInfo.NO_NORMALIZATION, null)
                            .with("the network scales its 0-255 input itself (" + selfScaling + "): normalisation 'none'");
                });
        return new SegmentationModel(network, info);
    }

    private Onnx.ValueInfoProto singleInput() {
        List<Onnx.ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(i -> !initializers.containsKey(i.getName())).toList();
        if (inputs.size() != 1) {
            throw new OnnxFormatException("it has " + inputs.size() + " inputs; SegPrune needs exactly one image input");
        }
        return inputs.get(0);
    }

    private long[] inputShape(Onnx.ValueInfoProto input, int requestedSize) {
        Onnx.TypeProto.Tensor type = input.getType().getTensorType();
        if (type.getElemType() != Tensor.FLOAT) {
            throw new OnnxFormatException("its input '" + input.getName() + "' has element type " + type.getElemType()
                    + "; SegPrune needs a float32 image input");
        }
        if (!type.hasShape() || type.getShape().getDimCount() != 4) {
            throw new OnnxFormatException("its input '" + input.getName() + "' is not a 4-D NCHW image tensor");
        }
        long[] dims = new long[4];
        for (int i = 0; i < 4; i++) {
            Onnx.TensorShapeProto.Dimension d = type.getShape().getDim(i);
            dims[i] = d.hasDimValue() ? d.getDimValue() : -1;
        }
        if (imageToImage && dims[1] != 1 && dims[1] != 3) {
            throw new OnnxFormatException("its input has " + (dims[1] < 0 ? "a variable number of" : String.valueOf(dims[1]))
                    + " channels; SegPrune reads grey (1) or colour (3) images");
        }
        if (dims[2] < 0 || dims[3] < 0) {
            if (requestedSize <= 0) {
                throw new OnnxFormatException("its input height and width are not fixed; give the input size (--input-size N)");
            }
            dims[2] = requestedSize;
            dims[3] = requestedSize;
        }
        if (imageToImage && dims[2] != dims[3]) {
            throw new OnnxFormatException("its input is " + dims[2] + "x" + dims[3] + "; SegPrune needs a square input");
        }
        dims[0] = 1;
        return dims;
    }

    /** The output of the activation that ends the network (looking through Identity, Dropout and Transpose), or null. */
    private String findFinalActivation() {
        Map<String, Onnx.NodeProto> producer = new HashMap<>();
        for (Onnx.NodeProto node : graph.getNodeList()) {
            for (String output : node.getOutputList()) {
                producer.put(output, node);
            }
        }
        String name = graph.getOutput(0).getName();
        while (producer.containsKey(name)) {
            Onnx.NodeProto node = producer.get(name);
            switch (node.getOpType()) {
                case "Identity", "Dropout", "Transpose" -> name = node.getInput(0);
                case "Sigmoid", "Softmax" -> {
                    return name;
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- nodes

    private void convert(Node node) {
        if (node.op().equals("Constant")) {
            constants.put(node.output(0), constantNode(node));
            return;
        }
        if (node.op().equals("Shape")) {
            Value v = runtime(node, 0);
            long[] shape = v.shape();
            int start = (int) node.integer("start", 0);
            int end = (int) node.integer("end", shape.length);
            start = start < 0 ? start + shape.length : start;
            end = end < 0 ? end + shape.length : Math.min(end, shape.length);
            constants.put(node.output(0), Tensor.ints(Arrays.copyOfRange(shape, start, end)));
            return;
        }
        if (ConstantFolding.FOLDABLE.contains(node.op()) && allConstant(node)) {
            List<Tensor> in = new ArrayList<>();
            for (int i = 0; i < node.inputCount(); i++) {
                in.add(node.input(i).isEmpty() ? null : constant(node, i));
            }
            constants.put(node.output(0), ConstantFolding.fold(node, in, opset));
            return;
        }
        switch (node.op()) {
            case "Conv" -> conv(node);
            case "ConvTranspose" -> convTranspose(node);
            case "BatchNormalization" -> batchNorm(node);
            case "InstanceNormalization" -> instanceNorm(node);
            case "PRelu" -> prelu(node);
            case "Relu" -> activation(node, Activation.RELU.getActivationFunction());
            case "LeakyRelu" -> activation(node, new ActivationLReLU(node.real("alpha", 0.01)));
            case "Sigmoid" -> activation(node, Activation.SIGMOID.getActivationFunction());
            case "HardSigmoid" -> activation(node, new HardSigmoidActivation(node.real("alpha", 0.2), node.real("beta", 0.5)));
            case "HardSwish" -> activation(node, new HardSwishActivation());
            case "Tanh" -> activation(node, new ActivationTanH());
            case "Elu" -> activation(node, new ActivationELU(node.real("alpha", 1.0)));
            case "Selu" -> selu(node);
            case "Softplus" -> activation(node, new ActivationSoftPlus());
            case "Mish" -> activation(node, new ActivationMish());
            case "Clip" -> clip(node);
            case "Softmax" -> softmax(node);
            case "MaxPool" -> pool(node, PoolingType.MAX);
            case "AveragePool" -> pool(node, PoolingType.AVG);
            case "GlobalAveragePool" -> globalPool(node, PoolingType.AVG);
            case "GlobalMaxPool" -> globalPool(node, PoolingType.MAX);
            case "ReduceMean" -> reduceToGlobalPool(node, PoolingType.AVG);
            case "ReduceMax" -> reduceToGlobalPool(node, PoolingType.MAX);
            case "Concat" -> concat(node);
            case "Add" -> elementWise(node, ElementWiseVertex.Op.Add);
            case "Mul" -> elementWise(node, ElementWiseVertex.Op.Product);
            case "Sub" -> elementWise(node, ElementWiseVertex.Op.Subtract);
            case "Div" -> elementWise(node, null);
            case "Resize", "Upsample" -> resize(node);
            case "Identity", "Dropout" -> values.put(node.output(0), runtime(node, 0));
            case "Transpose" -> transpose(node);
            case "Pad" -> pad(node);
            default -> throw node.unsupported("operator " + node.op() + " is not supported (supported: " + SUPPORTED + ")");
        }
    }

    static final String SUPPORTED = "Conv, ConvTranspose, BatchNormalization, InstanceNormalization, Relu, LeakyRelu, PRelu, "
            + "Sigmoid, HardSigmoid, HardSwish, Tanh, Elu, Selu, Softplus, Mish, "
            + "Softmax, Clip, MaxPool, AveragePool, GlobalAveragePool, GlobalMaxPool, ReduceMean and ReduceMax over height and "
            + "width, Concat, Add, Sub, Mul, Div (by a constant), Resize, Upsample, "
            + "Identity, Dropout, Pad, and Shape, Gather, Slice, Concat, Cast, Unsqueeze, Squeeze, Constant on constants";

    private Tensor constantNode(Node node) {
        if (node.attribute("value") != null) {
            return Tensor.decode(node.attribute("value").getT(), node.describe());
        }
        if (node.has("value_float")) {
            return Tensor.of(new long[0], new double[] {node.real("value_float", 0)}, false);
        }
        if (node.has("value_int")) {
            return Tensor.of(new long[0], new double[] {node.integer("value_int", 0)}, true);
        }
        if (node.has("value_ints")) {
            return Tensor.ints(node.integers("value_ints", new long[0]));
        }
        if (node.has("value_floats")) {
            double[] v = node.reals("value_floats");
            return Tensor.of(new long[] {v.length}, v, false);
        }
        throw node.unsupported("a Constant without a numeric value");
    }

    private boolean isConstant(String name) {
        return constants.containsKey(name) || initializers.containsKey(name);
    }

    private boolean allConstant(Node node) {
        for (int i = 0; i < node.inputCount(); i++) {
            if (!node.input(i).isEmpty() && !isConstant(node.input(i))) {
                return false;
            }
        }
        return true;
    }

    private Tensor constant(Node node, int i) {
        String name = node.input(i);
        Tensor t = constants.get(name);
        if (t == null && initializers.containsKey(name)) {
            t = Tensor.decode(initializers.get(name), "tensor '" + name + "'");
            constants.put(name, t);
        }
        if (t == null) {
            throw node.unsupported("input " + i + " ('" + name + "') must be a constant for a fixed input size");
        }
        return t;
    }

    /** A constant input if present, else null. */
    private Tensor optionalConstant(Node node, int i) {
        return node.input(i).isEmpty() ? null : constant(node, i);
    }

    private Value runtime(Node node, int i) {
        Value v = values.get(node.input(i));
        if (v == null) {
            if (isConstant(node.input(i))) {
                throw node.unsupported("input '" + node.input(i) + "' is a constant where SegPrune needs an image tensor");
            }
            throw node.unsupported("input '" + node.input(i) + "' is not computed by any earlier node");
        }
        if (v.perm() != null && !node.op().equals("Softmax") && !node.op().equals("Transpose")
                && !node.op().equals("Identity") && !node.op().equals("Dropout")) {
            throw node.unsupported("its input is transposed; SegPrune supports Transpose only around a Softmax");
        }
        return v;
    }

    private String vertexName(Node node) {
        String base = node.name().replaceAll("[^A-Za-z0-9_.-]+", "_").replaceAll("^_+|_+$", "");
        if (base.isEmpty()) {
            base = node.op().toLowerCase();
        }
        String name = base;
        for (int i = 2; vertexNames.contains(name); i++) {
            name = base + "_" + i;
        }
        vertexNames.add(name);
        return name;
    }

    private String addLayer(String name, Layer layer, String... inputs) {
        builder.addLayer(name, layer, inputs);
        vertexNames.add(name);
        return name;
    }

    private void put(Node node, String vertex, long... shape) {
        values.put(node.output(0), new Value(vertex, shape));
    }

    /** ONNX pads [top, left, bottom, right]: DL4J padding when symmetric, else a zero-padding layer first. */
    private String padded(String input, long[] pads, String name) {
        if (pads[0] == pads[2] && pads[1] == pads[3]) {
            return input;
        }
        return addLayer(name + "_pad", new ZeroPaddingLayer.Builder((int) pads[0], (int) pads[2], (int) pads[1],
                (int) pads[3]).build(), input);
    }

    private long[] explicitPads(Node node, long[] in, long[] kernel, long[] strides, long[] dilations) {
        String autoPad = node.text("auto_pad", "NOTSET");
        long[] pads = node.integers("pads", new long[4]);
        if (autoPad.equals("SAME_UPPER") || autoPad.equals("SAME_LOWER")) {
            pads = new long[4];
            for (int a = 0; a < 2; a++) {
                long out = (in[2 + a] + strides[a] - 1) / strides[a];
                long total = Math.max(0, (out - 1) * strides[a] + dilations[a] * (kernel[a] - 1) + 1 - in[2 + a]);
                long small = total / 2;
                pads[a] = autoPad.equals("SAME_UPPER") ? small : total - small;
                pads[a + 2] = total - pads[a];
            }
        } else if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
            throw node.unsupported("auto_pad " + autoPad);
        }
        if (pads.length != 4) {
            throw node.unsupported("it is not a 2-D operation (pads " + Arrays.toString(pads) + ")");
        }
        return pads;
    }

    private static long outSize(long in, long padTotal, long kernel, long stride, long dilation, boolean ceil) {
        long span = in + padTotal - dilation * (kernel - 1) - 1;
        return (ceil ? Math.floorDiv(span + stride - 1, stride) : Math.floorDiv(span, stride)) + 1;
    }

    private static int[] ints(long... v) {
        return Arrays.stream(v).mapToInt(x -> (int) x).toArray();
    }

    private void conv(Node node) {
        Value x = runtime(node, 0);
        Tensor w = constant(node, 1);
        Tensor b = node.inputCount() > 2 ? optionalConstant(node, 2) : null;
        if (w.shape().length != 4) {
            throw node.unsupported("only 2-D convolutions are supported (weight shape " + Arrays.toString(w.shape()) + ")");
        }
        long out = w.shape()[0];
        long in = x.shape()[1];
        long group = node.integer("group", 1);
        long[] kernel = {w.shape()[2], w.shape()[3]};
        long[] strides = node.integers("strides", new long[] {1, 1});
        long[] dilations = node.integers("dilations", new long[] {1, 1});
        long[] pads = explicitPads(node, x.shape(), kernel, strides, dilations);
        String name = vertexName(node);
        String source = padded(x.vertex(), pads, name);
        boolean symmetric = pads[0] == pads[2] && pads[1] == pads[3];
        int[] padding = symmetric ? ints(pads[0], pads[1]) : new int[] {0, 0};
        Map<String, INDArray> params = new HashMap<>();
        if (group == 1) {
            if (w.shape()[1] != in) {
                throw node.unsupported("weight expects " + w.shape()[1] + " input channels, the input has " + in);
            }
            addLayer(name, new ConvolutionLayer.Builder(ints(kernel)).stride(ints(strides)).dilation(ints(dilations))
                    .padding(padding).nIn(in).nOut(out).hasBias(b != null).activation(Activation.IDENTITY).build(), source);
            params.put("W", w.toArray());
        } else if (group == in && w.shape()[1] == 1 && out % in == 0) {
            int multiplier = (int) (out / in);
            DepthwiseConvolution2D.Builder depthwise = new DepthwiseConvolution2D.Builder(ints(kernel)).stride(ints(strides))
                    .dilation(ints(dilations)).padding(padding).depthMultiplier(multiplier).nIn(in).nOut(out)
                    .hasBias(b != null).activation(Activation.IDENTITY);
            boolean dilated = Arrays.stream(dilations).anyMatch(d -> d > 1);
            addLayer(name, dilated ? new DilatedDepthwiseConvolution2D(depthwise) : depthwise.build(), source);
            // ONNX [in*m, 1, kH, kW] with output channel c*m + j  ->  DL4J [kH, kW, in, m]
            params.put("W", w.toArray(in, multiplier, kernel[0], kernel[1]).permute(2, 3, 0, 1).dup('c'));
        } else {
            throw node.unsupported("group " + group + " (only 1 or depthwise, group = input channels) is supported");
        }
        if (b != null) {
            params.put("b", b.toArray());
        }
        parameters.put(name, params);
        put(node, name, 1, out, outSize(x.shape()[2], pads[0] + pads[2], kernel[0], strides[0], dilations[0], false),
                outSize(x.shape()[3], pads[1] + pads[3], kernel[1], strides[1], dilations[1], false));
    }

    private void convTranspose(Node node) {
        Value x = runtime(node, 0);
        Tensor w = constant(node, 1);
        Tensor b = node.inputCount() > 2 ? optionalConstant(node, 2) : null;
        if (w.shape().length != 4 || node.integer("group", 1) != 1) {
            throw node.unsupported("only 2-D transposed convolutions with group 1 are supported");
        }
        if (node.has("output_shape")) {
            throw node.unsupported("output_shape is not supported (give pads and output_padding)");
        }
        long[] outputPadding = node.integers("output_padding", new long[2]);
        String autoPad = node.text("auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
            throw node.unsupported("auto_pad " + autoPad + " is not supported");
        }
        long in = w.shape()[0];
        long out = w.shape()[1];
        long[] kernel = {w.shape()[2], w.shape()[3]};
        long[] strides = node.integers("strides", new long[] {1, 1});
        long[] dilations = node.integers("dilations", new long[] {1, 1});
        long[] pads = node.integers("pads", new long[4]);
        String name = vertexName(node);
        addLayer(name, new Deconvolution2D.Builder(ints(kernel)).stride(ints(strides)).dilation(ints(dilations))
                .padding(0, 0).nIn(in).nOut(out).hasBias(b != null).activation(Activation.IDENTITY).build(), x.vertex());
        Map<String, INDArray> params = new HashMap<>();
        params.put("W", w.toArray());
        if (b != null) {
            params.put("b", b.toArray());
        }
        parameters.put(name, params);
        long h = (x.shape()[2] - 1) * strides[0] + dilations[0] * (kernel[0] - 1) + 1;
        long wd = (x.shape()[3] - 1) * strides[1] + dilations[1] * (kernel[1] - 1) + 1;
        // ONNX's pads of a transposed convolution crop its full output; output_padding gives back that many rows
        // and columns at the end (PyTorch's k3 s2 p1 op1 doubles the size): within the full output they are
        // computed values, beyond it they would be bias only, which DL4J cannot add
        long[] crop = {pads[0], pads[2] - outputPadding[0], pads[1], pads[3] - outputPadding[1]};
        if (Arrays.stream(crop).anyMatch(p -> p < 0)) {
            throw node.unsupported("output_padding " + Arrays.toString(outputPadding) + " larger than the end pads "
                    + pads[2] + ", " + pads[3] + " is not supported");
        }
        String result = name;
        if (Arrays.stream(crop).anyMatch(p -> p != 0)) {
            result = addLayer(name + "_crop", new Cropping2D.Builder((int) crop[0], (int) crop[1], (int) crop[2], (int) crop[3])
                    .build(), name);
        }
        put(node, result, 1, out, h - crop[0] - crop[1], wd - crop[2] - crop[3]);
    }

    private void batchNorm(Node node) {
        Value x = runtime(node, 0);
        long c = x.shape()[1];
        double eps = node.real("epsilon", 1e-5);
        Tensor var = constant(node, 4);
        double[] log10std = new double[var.size()];
        for (int i = 0; i < log10std.length; i++) {
            // DL4J keeps log10 of the standard deviation and adds eps itself
            log10std[i] = 0.5 * Math.log10(Math.max(var.values()[i], 1e-30));
        }
        String name = vertexName(node);
        addLayer(name, new BatchNormalization.Builder().nIn(c).nOut(c).eps(eps).build(), x.vertex());
        Map<String, INDArray> params = new HashMap<>();
        params.put("gamma", constant(node, 1).toArray());
        params.put("beta", constant(node, 2).toArray());
        params.put("mean", constant(node, 3).toArray());
        params.put("log10stdev", Tensor.of(var.shape(), log10std, false).toArray());
        parameters.put(name, params);
        put(node, name, x.shape());
    }

    private void instanceNorm(Node node) {
        Value x = runtime(node, 0);
        long c = x.shape()[1];
        String name = vertexName(node);
        addLayer(name, new InstanceNormalization(c, node.real("epsilon", 1e-5)), x.vertex());
        Map<String, INDArray> params = new HashMap<>();
        params.put("gamma", constant(node, 1).toArray().reshape(1, c));
        params.put("beta", constant(node, 2).toArray().reshape(1, c));
        parameters.put(name, params);
        put(node, name, x.shape());
    }

    /**
     * PReLU, slopes shared over height and width ({@link ChannelPRelu}). One slope for all channels (PyTorch's
     * default {@code nn.PReLU()}) becomes one slope per channel, all equal: the same function, C - 1 more parameters,
     * and fine-tuning may then let them differ.
     */
    private void prelu(Node node) {
        Value x = runtime(node, 0);
        Tensor slope = constant(node, 1);
        long[] shape = x.shape();
        long c = shape[1];
        if (slope.size() != 1 && slope.size() != c) {
            throw node.unsupported("a slope of shape " + Arrays.toString(slope.shape()) + " (one per channel or one for all "
                    + "is supported)");
        }
        INDArray slopes = slope.size() == c ? slope.toArray().reshape(c, 1, 1)
                : Nd4j.valueArrayOf(new long[] {c, 1, 1}, slope.values()[0], DataType.FLOAT);
        String name = vertexName(node);
        addLayer(name, new ChannelPRelu(c), x.vertex());
        parameters.put(name, Map.of("alpha", slopes.reshape(1, c)));
        put(node, name, shape);
    }

    private void activation(Node node, IActivation function) {
        Value x = runtime(node, 0);
        String name = vertexName(node);
        if (node.output(0).equals(finalActivationOutput) && node.op().equals("Sigmoid")) {
            outputVertex = addLayer(name, new CnnLossLayer.Builder().lossFunction(new BceDiceLoss())
                    .activation(Activation.SIGMOID).build(), x.vertex());
            outputKind = ModelInfo.OUTPUT_SIGMOID;
        } else {
            addLayer(name, new ActivationLayer.Builder().activation(function).build(), x.vertex());
        }
        put(node, name, x.shape());
    }

    private void clip(Node node) {
        double min;
        double max;
        if (opset < 11) {
            min = node.real("min", Double.NEGATIVE_INFINITY);
            max = node.real("max", Double.POSITIVE_INFINITY);
        } else {
            Tensor low = node.inputCount() > 1 ? optionalConstant(node, 1) : null;
            Tensor high = node.inputCount() > 2 ? optionalConstant(node, 2) : null;
            min = low == null ? Double.NEGATIVE_INFINITY : low.scalar();
            max = high == null ? Double.POSITIVE_INFINITY : high.scalar();
        }
        activation(node, min == 0 && max == 6 ? Activation.RELU6.getActivationFunction() : new ClipActivation(min, max));
    }

    private void softmax(Node node) {
        Value x = runtime(node, 0);
        int rank = x.shape().length;
        int axis = (int) node.integer("axis", opset >= 13 ? -1 : 1);
        axis = axis < 0 ? axis + rank : axis;
        int[] perm = x.perm() == null ? new int[] {0, 1, 2, 3} : x.perm();
        // before opset 13 Softmax runs over all axes from 'axis' on; it is a channel softmax only if that is the channel
        boolean overChannels = perm[axis] == 1 && (opset >= 13 || axis == rank - 1 || allOnes(x.shape(), axis + 1));
        if (!overChannels) {
            throw node.unsupported("Softmax over an axis other than the channels is not supported");
        }
        if (!node.output(0).equals(finalActivationOutput)) {
            throw node.unsupported("Softmax is supported only as the network's last operation");
        }
        outputVertex = addLayer(vertexName(node), new CnnLossLayer.Builder().lossFunction(new LossMCXENT())
                .activation(Activation.SOFTMAX).build(), x.vertex());
        outputKind = ModelInfo.OUTPUT_SOFTMAX;
        values.put(node.output(0), new Value(outputVertex, x.shape(), x.perm()));
    }

    private static boolean allOnes(long[] shape, int from) {
        for (int i = from; i < shape.length; i++) {
            if (shape[i] != 1) {
                return false;
            }
        }
        return true;
    }

    private void transpose(Node node) {
        Value x = runtime(node, 0);
        long[] p = node.integers("perm", new long[] {3, 2, 1, 0});
        int[] current = x.perm() == null ? new int[] {0, 1, 2, 3} : x.perm();
        int[] composed = new int[p.length];
        long[] shape = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            composed[i] = current[(int) p[i]];
            shape[i] = x.shape()[(int) p[i]];
        }
        boolean identity = true;
        for (int i = 0; i < composed.length; i++) {
            identity &= composed[i] == i;
        }
        values.put(node.output(0), new Value(x.vertex(), shape, identity ? null : composed));
    }

    private void pool(Node node, PoolingType type) {
        Value x = runtime(node, 0);
        long[] kernel = node.integers("kernel_shape", null);
        if (kernel == null || kernel.length != 2) {
            throw node.unsupported("only 2-D pooling is supported");
        }
        long[] strides = node.integers("strides", new long[] {1, 1});
        long[] dilations = node.integers("dilations", new long[] {1, 1});
        long[] pads = explicitPads(node, x.shape(), kernel, strides, dilations);
        if (Arrays.stream(dilations).anyMatch(d -> d != 1)) {
            throw node.unsupported("dilated pooling is not supported");
        }
        boolean ceil = node.integer("ceil_mode", 0) == 1;
        long outH = outSize(x.shape()[2], pads[0] + pads[2], kernel[0], strides[0], dilations[0], ceil);
        long outW = outSize(x.shape()[3], pads[1] + pads[3], kernel[1], strides[1], dilations[1], ceil);
        boolean includePad = node.integer("count_include_pad", 0) == 1;
        SubsamplingLayer.Builder layer = new SubsamplingLayer.Builder(type).kernelSize(ints(kernel)).stride(ints(strides))
                .avgPoolIncludePadInDivisor(includePad);
        boolean truncateFits = pads[0] == pads[2] && pads[1] == pads[3]
                && outH == outSize(x.shape()[2], 2 * pads[0], kernel[0], strides[0], dilations[0], false)
                && outW == outSize(x.shape()[3], 2 * pads[1], kernel[1], strides[1], dilations[1], false);
        if (truncateFits) {
            layer.padding(ints(pads[0], pads[1])).convolutionMode(ConvolutionMode.Truncate);
        } else if (sameModeFits(x.shape(), kernel, strides, dilations, pads, outH, outW) && !includePad) {
            // DL4J's Same mode pads at the bottom and right, which is where ceil_mode's extra windows reach
            layer.convolutionMode(ConvolutionMode.Same);
        } else {
            throw node.unsupported("pads " + Arrays.toString(pads) + " with ceil_mode " + (ceil ? 1 : 0)
                    + " cannot be expressed with DL4J's pooling");
        }
        String name = vertexName(node);
        addLayer(name, layer.build(), x.vertex());
        put(node, name, 1, x.shape()[1], outH, outW);
    }

    private static boolean sameModeFits(long[] in, long[] kernel, long[] strides, long[] dilations, long[] pads, long outH,
            long outW) {
        long[] out = {outH, outW};
        for (int a = 0; a < 2; a++) {
            long sameOut = (in[2 + a] + strides[a] - 1) / strides[a];
            long total = Math.max(0, (sameOut - 1) * strides[a] + dilations[a] * (kernel[a] - 1) + 1 - in[2 + a]);
            if (sameOut != out[a] || total / 2 != pads[a]) {
                return false;
            }
        }
        return true;
    }

    private void globalPool(Node node, PoolingType type) {
        Value x = runtime(node, 0);
        String name = vertexName(node);
        addLayer(name, new GlobalPoolingLayer.Builder(type).collapseDimensions(false).build(), x.vertex());
        put(node, name, 1, x.shape()[1], 1, 1);
    }

    /**
     * ReduceMean/ReduceMax over height and width keeping the dimensions: a global pool, as timm's squeeze-excitation
     * ({@code x.mean((2, 3), keepdim=True)}) exports it. The axes are an attribute before opset 18, an input from then on.
     */
    private void reduceToGlobalPool(Node node, PoolingType type) {
        Value x = runtime(node, 0);
        long[] axes = opset >= 18 ? (node.inputCount() > 1 && !node.input(1).isEmpty() ? constant(node, 1).longs() : null)
                : node.integers("axes", null);
        long keepdims = node.integer("keepdims", 1);
        long[] normalised = axes == null ? null
                : Arrays.stream(axes).map(a -> a < 0 ? a + x.shape().length : a).sorted().toArray();
        if (normalised == null || !Arrays.equals(normalised, new long[] {2, 3}) || keepdims != 1) {
            throw node.unsupported("a reduction over axes " + (axes == null ? "all" : Arrays.toString(axes)) + " with keepdims "
                    + keepdims + " (only over height and width, axes 2 and 3, keeping them: a global pool)");
        }
        globalPool(node, type);
    }

    /** DL4J's SELU has the standard constants, ONNX's defaults; a Selu with other ones has no DL4J counterpart. */
    private void selu(Node node) {
        double alpha = node.real("alpha", SELU_ALPHA);
        double gamma = node.real("gamma", SELU_GAMMA);
        if (Math.abs(alpha - SELU_ALPHA) > 1e-6 || Math.abs(gamma - SELU_GAMMA) > 1e-6) {
            throw node.unsupported("Selu with alpha " + alpha + " and gamma " + gamma + " (only the standard constants "
                    + SELU_ALPHA + " and " + SELU_GAMMA + ")");
        }
        activation(node, new ActivationSELU());
    }

    private void concat(Node node) {
        List<String> inputs = new ArrayList<>();
        long channels = 0;
        Value first = null;
        for (int i = 0; i < node.inputCount(); i++) {
            Value v = runtime(node, i);
            first = first == null ? v : first;
            if (v.shape()[2] != first.shape()[2] || v.shape()[3] != first.shape()[3]) {
                throw node.unsupported("inputs of different sizes cannot be concatenated");
            }
            inputs.add(v.vertex());
            channels += v.shape()[1];
        }
        long axis = node.integer("axis", 1);
        if (axis != 1 && axis != -3) {
            throw node.unsupported("Concat of image tensors along axis " + axis + " (only channels, axis 1)");
        }
        String name = vertexName(node);
        builder.addVertex(name, new MergeVertex(), inputs.toArray(String[]::new));
        put(node, name, 1, channels, first.shape()[2], first.shape()[3]);
    }

    /**
     * Add, Sub, Mul or Div: with a constant operand {@link #withConstant}; of two image tensors the DL4J vertex {@code op}
     * (null for Div: DL4J has no vertex dividing two tensors).
     */
    private void elementWise(Node node, ElementWiseVertex.Op op) {
        if (node.inputCount() != 2) {
            throw node.unsupported("needs two inputs");
        }
        String name = vertexName(node);
        for (int constantSide = 0; constantSide < 2; constantSide++) {
            if (isConstant(node.input(constantSide))) {
                withConstant(node, name, constant(node, constantSide), runtime(node, 1 - constantSide), constantSide == 0);
                return;
            }
        }
        if (op == null) {
            throw node.unsupported("a division of two image tensors is not supported (only by a constant)");
        }
        Value a = runtime(node, 0);
        Value b = runtime(node, 1);
        if (op == ElementWiseVertex.Op.Product && a.shape()[1] != b.shape()[1] && (a.shape()[1] == 1 || b.shape()[1] == 1)) {
            spatialGate(node, name, b.shape()[1] == 1 ? a : b, b.shape()[1] == 1 ? b : a);
            return;
        }
        if (a.shape()[1] != b.shape()[1]) {
            throw node.unsupported("operands with " + a.shape()[1] + " and " + b.shape()[1] + " channels");
        }
        String left = broadcast(node, a, b, name + "_broadcast0");
        String right = broadcast(node, b, a, name + "_broadcast1");
        builder.addVertex(name, new ElementWiseVertex(op), left, right);
        put(node, name, 1, a.shape()[1], Math.max(a.shape()[2], b.shape()[2]), Math.max(a.shape()[3], b.shape()[3]));
    }

    /**
     * An image tensor and a constant, e.g. a normalisation built into the model ({@code (x - mean) / std}, Keras's
     * Rescaling): a scalar becomes a shift or scale vertex; one value per channel ([C, 1, 1] or [1, C, 1, 1]; a
     * constant of [C] would broadcast over the width), and a constant minus the tensor, a 1x1 depthwise convolution
     * computing {@code scale * x + shift} per channel.
     */
    private void withConstant(Node node, String name, Tensor c, Value x, boolean constantFirst) {
        String op = node.op();
        if (op.equals("Div") && constantFirst) {
            throw node.unsupported("a constant divided by an image tensor is not supported");
        }
        long channels = x.shape()[1];
        if (c.size() == 1 && !(op.equals("Sub") && constantFirst)) {
            double v = c.scalar();
            if (x.vertex().equals(INPUT) && (op.equals("Mul") && Math.abs(v * 255 - 1) < 1e-4
                    || op.equals("Div") && Math.abs(v - 255) < 1e-3)) {
                selfScaling = "'" + node.name() + "': " + op + " by " + v;
            }
            builder.addVertex(name, switch (op) {
                case "Add" -> new ShiftVertex(v);
                case "Sub" -> new ShiftVertex(-v);
                case "Mul" -> new ScaleVertex(v);
                default -> new ScaleVertex(1 / v);
            }, x.vertex());
            put(node, name, x.shape());
            return;
        }
        long[] shape = c.shape();
        int rank = shape.length;
        boolean perChannel = c.size() == channels && rank >= 3 && shape[rank - 3] == channels && shape[rank - 1] == 1
                && shape[rank - 2] == 1;
        if (c.size() != 1 && !perChannel) {
            throw node.unsupported("a constant operand of shape " + Arrays.toString(shape) + " (only a scalar or one value per "
                    + "channel, [" + channels + ", 1, 1]) is not supported");
        }
        double[] scale = new double[(int) channels];
        double[] shift = new double[(int) channels];
        for (int i = 0; i < channels; i++) {
            double v = c.size() == 1 ? c.scalar() : c.values()[i];
            scale[i] = switch (op) {
                case "Mul" -> v;
                case "Div" -> 1 / v;
                case "Sub" -> constantFirst ? -1 : 1;
                default -> 1;
            };
            shift[i] = switch (op) {
                case "Add" -> v;
                case "Sub" -> constantFirst ? v : -v;
                default -> 0;
            };
        }
        addLayer(name, new DepthwiseConvolution2D.Builder(1, 1).depthMultiplier(1).nIn(channels).nOut(channels).hasBias(true)
                .activation(Activation.IDENTITY).build(), x.vertex());
        // DL4J's depthwise weights are [kH, kW, in, multiplier]
        parameters.put(name, Map.of("W", Nd4j.create(scale).castTo(DataType.FLOAT).reshape(1, 1, channels, 1),
                "b", Nd4j.create(shift).castTo(DataType.FLOAT)));
        put(node, name, x.shape());
    }

    /** A feature map times a one-channel map of the same size (Attention U-Net's gates): one gate for all channels. */
    private void spatialGate(Node node, String name, Value map, Value gate) {
        if (map.shape()[2] != gate.shape()[2] || map.shape()[3] != gate.shape()[3]) {
            throw node.unsupported("a " + map.shape()[2] + "x" + map.shape()[3] + " feature map times a one-channel map of "
                    + gate.shape()[2] + "x" + gate.shape()[3] + " pixels (the sizes must match)");
        }
        builder.addVertex(name, new SpatialGate(), map.vertex(), gate.vertex());
        put(node, name, map.shape());
    }

    /** A per-channel [N, C, 1, 1] operand (a channel gate) repeated over the other operand's height and width. */
    private String broadcast(Node node, Value v, Value other, String name) {
        if (v.shape()[2] == other.shape()[2] && v.shape()[3] == other.shape()[3]) {
            return v.vertex();
        }
        if (v.shape()[2] == 1 && v.shape()[3] == 1) {
            return addLayer(name, new Upsampling2D.Builder().size(ints(other.shape()[2], other.shape()[3])).build(), v.vertex());
        }
        if (other.shape()[2] == 1 && other.shape()[3] == 1) {
            return v.vertex();
        }
        throw node.unsupported("operands of sizes " + v.shape()[2] + "x" + v.shape()[3] + " and " + other.shape()[2] + "x"
                + other.shape()[3] + " cannot be broadcast");
    }

    private void resize(Node node) {
        Value x = runtime(node, 0);
        String mode = node.text("mode", "nearest");
        long[] size = resizedSize(node, x);
        String coordinates = node.op().equals("Upsample") || opset < 11 ? "asymmetric"
                : node.text("coordinate_transformation_mode", "half_pixel");
        String name = vertexName(node);
        if (mode.equals("nearest")) {
            String rounding = node.op().equals("Upsample") || opset < 11 ? "floor" : node.text("nearest_mode", "round_prefer_floor");
            // for an integer factor f, output pixel o must read input floor(o / f): asymmetric coordinates
            // o / f need floor rounding, half-pixel ones (o + 0.5) / f - 0.5 need rounding to the nearest
            boolean exact = coordinates.equals("asymmetric") ? rounding.equals("floor")
                    : (coordinates.equals("half_pixel") || coordinates.equals("pytorch_half_pixel")) && rounding.startsWith("round");
            if (!exact || size[0] % x.shape()[2] != 0 || size[1] % x.shape()[3] != 0) {
                throw node.unsupported("nearest resizing from " + x.shape()[2] + "x" + x.shape()[3] + " to " + size[0] + "x"
                        + size[1] + " with " + coordinates + " coordinates and " + rounding + " rounding (only integer upscaling that "
                        + "picks pixel floor(o / factor))");
            }
            // for integer factors asymmetric, half_pixel and pytorch_half_pixel all pick input pixel floor(o / factor)
            addLayer(name, new Upsampling2D.Builder().size(ints(size[0] / x.shape()[2], size[1] / x.shape()[3])).build(),
                    x.vertex());
        } else if (mode.equals("linear") || mode.equals("bilinear")) {
            String mapped = switch (coordinates) {
                case "half_pixel", "pytorch_half_pixel" -> BilinearResize.HALF_PIXEL;
                case "align_corners" -> BilinearResize.ALIGN_CORNERS;
                case "asymmetric" -> BilinearResize.ASYMMETRIC;
                default -> throw node.unsupported("coordinate_transformation_mode " + coordinates + " is not supported");
            };
            if (node.integer("antialias", 0) != 0 && (size[0] < x.shape()[2] || size[1] < x.shape()[3])) {
                throw node.unsupported("antialiased downscaling is not supported");
            }
            addLayer(name, BilinearResize.toSize((int) size[0], (int) size[1], mapped), x.vertex());
        } else {
            throw node.unsupported("resize mode " + mode + " is not supported (nearest and linear are)");
        }
        put(node, name, 1, x.shape()[1], size[0], size[1]);
    }

    /** The output height and width of a Resize/Upsample from its sizes or scales (attribute or input). */
    private long[] resizedSize(Node node, Value x) {
        Tensor sizes = null;
        Tensor scales = null;
        if (node.op().equals("Upsample")) {
            scales = node.has("scales") ? Tensor.of(new long[] {4}, node.reals("scales"), false) : constant(node, 1);
        } else if (opset < 11) {
            scales = constant(node, 1);
        } else {
            scales = node.inputCount() > 2 ? optionalConstant(node, 2) : null;
            sizes = node.inputCount() > 3 ? optionalConstant(node, 3) : null;
        }
        long[] axes = node.integers("axes", new long[] {0, 1, 2, 3});
        long[] full = x.shape().clone();
        if (sizes != null && sizes.size() > 0) {
            // opset 19: "not_larger"/"not_smaller" would keep the aspect ratio instead of reaching the sizes
            String policy = node.text("keep_aspect_ratio_policy", "stretch");
            if (!policy.equals("stretch")) {
                throw node.unsupported("keep_aspect_ratio_policy " + policy + " is not supported (stretch is)");
            }
            for (int i = 0; i < axes.length && i < sizes.size(); i++) {
                full[(int) (axes[i] < 0 ? axes[i] + 4 : axes[i])] = sizes.longAt(i);
            }
        } else if (scales != null && scales.size() > 0) {
            for (int i = 0; i < axes.length && i < scales.size(); i++) {
                int a = (int) (axes[i] < 0 ? axes[i] + 4 : axes[i]);
                double exact = x.shape()[a] * scales.values()[i];
                full[a] = (long) Math.floor(exact + 1e-9);
                // the coordinate mapping uses the scale itself: only when it is out / in do size-based matrices match
                if (Math.abs(exact - full[a]) > 1e-6) {
                    throw node.unsupported("scale " + scales.values()[i] + " does not map " + x.shape()[a]
                            + " pixels to a whole number; give sizes instead of scales");
                }
            }
        } else {
            throw node.unsupported("neither scales nor sizes are given");
        }
        if (full[0] != x.shape()[0] || full[1] != x.shape()[1]) {
            throw node.unsupported("resizing the batch or channel axis is not supported");
        }
        return new long[] {full[2], full[3]};
    }

    /** Opset 18's Pad may pad only the given axes: its pads as the begin and end pads of all four axes. */
    private static long[] padsOfAllAxes(Node node, long[] pads, long[] axes) {
        if (pads.length != 2 * axes.length) {
            throw node.unsupported(pads.length + " pads for " + axes.length + " axes");
        }
        long[] all = new long[8];
        for (int i = 0; i < axes.length; i++) {
            int axis = (int) (axes[i] < 0 ? axes[i] + 4 : axes[i]);
            all[axis] = pads[i];
            all[axis + 4] = pads[i + axes.length];
        }
        return all;
    }

    private void pad(Node node) {
        Value x = runtime(node, 0);
        String mode = node.text("mode", "constant");
        long[] pads = opset < 11 ? node.integers("pads", new long[8]) : constant(node, 1).longs();
        if (opset >= 18 && node.inputCount() > 3 && !node.input(3).isEmpty()) {
            pads = padsOfAllAxes(node, pads, constant(node, 3).longs());
        }
        double value = opset < 11 ? node.real("value", 0) : node.inputCount() > 2 && !node.input(2).isEmpty()
                ? constant(node, 2).scalar() : 0;
        if (pads.length != 8 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0) {
            throw node.unsupported("only padding of height and width is supported (pads " + Arrays.toString(pads) + ")");
        }
        if (Arrays.stream(pads).allMatch(p -> p == 0)) {
            values.put(node.output(0), x);
            return;
        }
        if (!mode.equals("constant") || value != 0 || Arrays.stream(pads).anyMatch(p -> p < 0)) {
            throw node.unsupported("only zero padding (mode constant, value 0) is supported");
        }
        String name = vertexName(node);
        addLayer(name, new ZeroPaddingLayer.Builder((int) pads[2], (int) pads[6], (int) pads[3], (int) pads[7]).build(),
                x.vertex());
        put(node, name, 1, x.shape()[1], x.shape()[2] + pads[2] + pads[6], x.shape()[3] + pads[3] + pads[7]);
    }
}

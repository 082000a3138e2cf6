package org.segprune.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.interop.keras.KerasImporter.KerasFormatException;
import org.segprune.interop.onnx.OnnxGraph;
import org.segprune.interop.onnx.OnnxGraph.Attribute;

/**
 * Translates a Keras 2 model ({@code model_config} JSON and its weights) into an ONNX graph in NCHW, opset 13.
 * Keras computes channels-last (NHWC) with kernels stored [kH, kW, in, out]; the graph computes the same function on
 * NCHW tensors, with kernels transposed to ONNX's [out, in, kH, kW]. Channel axes (-1 or 3 in NHWC) become axis 1.
 * Every ONNX node and tensor is named after its Keras layer, so the ONNX importer's messages name the layer.
 */
final class KerasTranslator {

    /** A weight array as stored: its shape and its values in C order. */
    record Array(int[] shape, float[] values) {
        INDArray nd() {
            long[] dims = new long[shape.length];
            for (int i = 0; i < shape.length; i++) {
                dims[i] = shape[i];
            }
            return Nd4j.create(values, dims, 'c');
        }
    }

    /** Reads a dataset of {@code model_weights} by its path inside that group. */
    interface Weights {
        Array read(String path);
    }

    /** The {@code weight_names} attribute of a layer's group in {@code model_weights}. */
    interface WeightNames {
        String[] of(String layer);
    }

    record Result(Onnx.ModelProto model, String provenance) {
    }

    static final String SUPPORTED = "InputLayer, Conv2D, Conv2DTranspose, DepthwiseConv2D, SeparableConv2D, "
            + "BatchNormalization, Activation, ReLU, LeakyReLU, ELU, Softmax, MaxPooling2D, AveragePooling2D, UpSampling2D, "
            + "ZeroPadding2D, Concatenate, Add, Multiply, Rescaling, Dropout, SpatialDropout2D, GaussianNoise, GaussianDropout";
    static final String ACTIVATIONS = "linear, relu, sigmoid, softmax, hard_sigmoid, tanh, elu, selu, softplus, swish";
    private static final Set<String> IDENTITY_LAYERS = Set.of("Dropout", "SpatialDropout2D", "GaussianNoise",
            "GaussianDropout", "AlphaDropout", "ActivityRegularization");

    private final JsonNode config;
    private final String kerasVersion;
    private final String fileName;
    private final Weights weights;
    private final WeightNames weightNames;
    private final OnnxGraph onnx = new OnnxGraph();
    /** Keras layer name -> the ONNX tensor holding its output. */
    private final Map<String, String> outputs = new HashMap<>();
    private final String bilinearCoordinates;
    private String inputName;

    KerasTranslator(JsonNode config, String kerasVersion, String fileName, Weights weights, WeightNames weightNames) {
        this.config = config;
        this.kerasVersion = kerasVersion;
        this.fileName = fileName;
        this.weights = weights;
        this.weightNames = weightNames;
        this.bilinearCoordinates = bilinearCoordinates(kerasVersion);
    }

    /**
     * The ONNX coordinate mode of Keras's bilinear UpSampling2D: Keras from 2.3 on (and tf.keras of TensorFlow 2) resizes
     * with TF 2's {@code tf.image.resize}, which samples pixel centres (half_pixel); Keras 2.0 to 2.2 called TF 1's
     * {@code resize_bilinear} without half-pixel centres (asymmetric).
     */
    static String bilinearCoordinates(String kerasVersion) {
        String[] parts = kerasVersion.split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major == 2 && minor < 3 ? "asymmetric" : "half_pixel";
        } catch (NumberFormatException e) {
            return "half_pixel";
        }
    }

    Result translate() {
        String className = config.path("class_name").asText();
        JsonNode body = config.path("config");
        List<KerasLayer> layers = switch (className) {
            case "Sequential" -> sequential(body);
            case "Model", "Functional" -> functional(body);
            default -> throw new KerasFormatException("its model class " + className + " is neither a functional Model nor "
                    + "a Sequential model");
        };
        for (KerasLayer layer : layers) {
            outputs.put(layer.name(), layer(layer));
        }
        String last = className.equals("Sequential") ? layers.get(layers.size() - 1).name() : singleEnd(body, "output_layers");
        String output = outputs.get(last);
        if (output == null || output.equals(inputName)) {
            throw new KerasFormatException("its output layer '" + last + "' computes nothing from the input");
        }
        onnx.output(Onnx.ValueInfoProto.newBuilder().setName(output).setType(Onnx.TypeProto.newBuilder().setTensorType(
                Onnx.TypeProto.Tensor.newBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT.getNumber()))).build());
        Onnx.ModelProto model = Onnx.ModelProto.newBuilder()
                .setIrVersion(7)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setProducerName("SegPrune Keras translator")
                .setGraph(onnx.build(body.path("name").asText("keras")))
                .build();
        String step = "imported from Keras '" + fileName + "' (Keras " + kerasVersion + ", channels-last converted to NCHW"
                + (usesBilinear ? ", bilinear UpSampling2D as " + bilinearCoordinates + " linear resize" : "") + ")";
        return new Result(model, step);
    }

    private boolean usesBilinear;

    // ---------------------------------------------------------------- model structure

    /** One Keras layer: its class, name, configuration and the names of the layers whose outputs it reads. */
    record KerasLayer(String className, String name, JsonNode config, List<String> inbound) {
        String describe() {
            return "layer '" + name + "' (" + className + ")";
        }
    }

    private List<KerasLayer> sequential(JsonNode body) {
        // Keras 2.2 stores a Sequential's config as the list of layers, later versions as {"name", "layers"}
        JsonNode list = body.isArray() ? body : body.path("layers");
        if (!list.isArray() || list.isEmpty()) {
            throw new KerasFormatException("its Sequential model has no layers");
        }
        List<KerasLayer> layers = new ArrayList<>();
        String previous = null;
        for (JsonNode entry : list) {
            String cls = entry.path("class_name").asText();
            JsonNode conf = entry.path("config");
            String name = conf.path("name").asText(cls.toLowerCase() + "_" + layers.size());
            if (previous == null) {
                // the input: an InputLayer, or the batch_input_shape the first layer declares
                JsonNode shape = conf.path("batch_input_shape").isMissingNode() ? conf.path("batch_shape") : conf.path("batch_input_shape");
                previous = cls.equals("InputLayer") ? name : "input";
                layers.add(new KerasLayer("InputLayer", previous, inputConfig(shape, name), List.of()));
                if (cls.equals("InputLayer")) {
                    continue;
                }
            }
            layers.add(new KerasLayer(cls, name, conf, List.of(previous)));
            previous = name;
        }
        return layers;
    }

    private static JsonNode inputConfig(JsonNode shape, String layer) {
        if (!shape.isArray()) {
            throw new KerasFormatException("its first layer '" + layer + "' declares no batch_input_shape (an unbuilt model)");
        }
        com.fasterxml.jackson.databind.node.ObjectNode node = org.segprune.util.Json.MAPPER.createObjectNode();
        node.set("batch_input_shape", shape);
        return node;
    }

    private List<KerasLayer> functional(JsonNode body) {
        singleEnd(body, "input_layers");
        List<KerasLayer> layers = new ArrayList<>();
        for (JsonNode entry : body.path("layers")) {
            String cls = entry.path("class_name").asText();
            String name = entry.path("name").asText(entry.path("config").path("name").asText());
            JsonNode nodes = entry.path("inbound_nodes");
            List<String> inbound = new ArrayList<>();
            if (nodes.size() > 1) {
                throw new KerasFormatException("layer '" + name + "' (" + cls + ") is applied " + nodes.size()
                        + " times; shared layers are not supported");
            }
            if (nodes.size() == 1) {
                JsonNode node = nodes.get(0);
                if (!node.isArray()) {
                    throw new KerasFormatException("layer '" + name + "' (" + cls + ") has inbound nodes in a format other than "
                            + "Keras 2's (a Keras 3 model?)");
                }
                for (JsonNode source : node) {
                    if (source.get(1).asInt() != 0 || source.get(2).asInt() != 0) {
                        throw new KerasFormatException("layer '" + name + "' (" + cls + ") reads output " + source.get(2).asInt()
                                + " of call " + source.get(1).asInt() + " of '" + source.get(0).asText()
                                + "'; only single-output, single-call layers are supported");
                    }
                    inbound.add(source.get(0).asText());
                }
            }
            layers.add(new KerasLayer(cls, name, entry.path("config"), inbound));
        }
        if (layers.isEmpty()) {
            throw new KerasFormatException("its model has no layers");
        }
        return layers;
    }

    /** The single layer named in {@code input_layers} or {@code output_layers}. */
    private static String singleEnd(JsonNode body, String key) {
        JsonNode ends = body.path(key);
        // a single end may be stored as [name, 0, 0] instead of [[name, 0, 0]]
        if (ends.isArray() && !ends.isEmpty() && ends.get(0).isTextual()) {
            return ends.get(0).asText();
        }
        if (!ends.isArray() || ends.size() != 1) {
            throw new KerasFormatException("it has " + ends.size() + " " + key.replace("_layers", "s")
                    + "; SegPrune needs an image-to-image network with one input and one output");
        }
        return ends.get(0).get(0).asText();
    }

    // ---------------------------------------------------------------- layers

    /** Adds a layer's nodes; returns the tensor holding its output. */
    private String layer(KerasLayer layer) {
        JsonNode c = layer.config();
        if (!c.path("data_format").asText("channels_last").equals("channels_last")) {
            throw unsupported(layer, "data_format " + c.path("data_format").asText() + " (only channels_last)");
        }
        if (IDENTITY_LAYERS.contains(layer.className())) {
            return input(layer, 0);
        }
        return switch (layer.className()) {
            case "InputLayer" -> input(layer);
            case "Conv2D", "Convolution2D" -> conv(layer);
            case "Conv2DTranspose", "Deconvolution2D" -> convTranspose(layer);
            case "DepthwiseConv2D" -> depthwise(layer);
            case "SeparableConv2D", "SeparableConvolution2D" -> separable(layer);
            case "BatchNormalization" -> batchNorm(layer);
            case "Activation" -> activation(layer, c.path("activation"), input(layer, 0), layer.name());
            case "ReLU" -> relu(layer);
            case "ELU" -> onnx.node("Elu", List.of(input(layer, 0)), layer.name(), OnnxGraph.real("alpha",
                    c.path("alpha").asDouble(1.0)));
            case "LeakyReLU" -> onnx.node("LeakyRelu", List.of(input(layer, 0)), layer.name(),
                    OnnxGraph.real("alpha", c.path("alpha").asDouble(c.path("negative_slope").asDouble(0.3))));
            case "Softmax" -> {
                channelAxis(layer, c.path("axis"));
                yield onnx.node("Softmax", List.of(input(layer, 0)), layer.name(), OnnxGraph.integer("axis", 1));
            }
            case "MaxPooling2D", "MaxPool2D" -> pool(layer, "MaxPool");
            case "AveragePooling2D", "AvgPool2D" -> pool(layer, "AveragePool");
            case "UpSampling2D" -> upsampling(layer);
            case "ZeroPadding2D" -> zeroPadding(layer);
            case "Concatenate" -> {
                channelAxis(layer, c.path("axis"));
                yield onnx.node("Concat", inputs(layer), layer.name(), OnnxGraph.integer("axis", 1));
            }
            case "Rescaling" -> rescaling(layer);
            case "Add" -> chain(layer, "Add");
            case "Multiply" -> chain(layer, "Mul");
            default -> throw unsupported(layer, "this layer type is not supported (supported: " + SUPPORTED + ")");
        };
    }

    private KerasFormatException unsupported(KerasLayer layer, String why) {
        return new KerasFormatException(layer.describe() + ": " + why);
    }

    private String input(KerasLayer layer) {
        if (inputName != null) {
            throw unsupported(layer, "a second input; SegPrune needs an image-to-image network with one input");
        }
        JsonNode shape = layer.config().path("batch_input_shape");
        if (shape.isMissingNode()) {
            shape = layer.config().path("batch_shape");
        }
        if (!shape.isArray() || shape.size() != 4) {
            throw unsupported(layer, "input shape " + shape + " is not an image batch [batch, height, width, channels]");
        }
        if (shape.get(3).isNull()) {
            throw unsupported(layer, "the number of input channels is not fixed");
        }
        Onnx.TensorShapeProto.Builder dims = Onnx.TensorShapeProto.newBuilder()
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(shape.get(3).asLong()));
        for (int axis : new int[] {1, 2}) {
            dims.addDim(shape.get(axis).isNull() ? Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam(axis == 1 ? "height" : "width")
                    : Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(shape.get(axis).asLong()));
        }
        inputName = layer.name();
        onnx.reserve(inputName);
        onnx.input(Onnx.ValueInfoProto.newBuilder().setName(inputName).setType(Onnx.TypeProto.newBuilder().setTensorType(
                Onnx.TypeProto.Tensor.newBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT.getNumber()).setShape(dims)))
                .build());
        return inputName;
    }

    private String input(KerasLayer layer, int index) {
        if (layer.inbound().size() <= index) {
            throw unsupported(layer, "it reads no input");
        }
        if (layer.inbound().size() > 1 && index == 0 && !Set.of("Add", "Multiply", "Concatenate").contains(layer.className())) {
            throw unsupported(layer, "it reads " + layer.inbound().size() + " inputs, the layer takes one");
        }
        String source = layer.inbound().get(index);
        String tensor = outputs.get(source);
        if (tensor == null) {
            throw unsupported(layer, "its input '" + source + "' is not computed by an earlier layer");
        }
        return tensor;
    }

    private List<String> inputs(KerasLayer layer) {
        List<String> in = new ArrayList<>();
        for (int i = 0; i < layer.inbound().size(); i++) {
            in.add(input(layer, i));
        }
        if (in.size() < 2) {
            throw unsupported(layer, "it merges " + in.size() + " input; it needs at least two");
        }
        return in;
    }

    private String chain(KerasLayer layer, String op) {
        List<String> in = inputs(layer);
        String result = in.get(0);
        for (int i = 1; i < in.size(); i++) {
            result = onnx.node(op, List.of(result, in.get(i)), i == in.size() - 1 ? layer.name() : onnx.unique(layer.name() + "/" + op));
        }
        return result;
    }

    private void channelAxis(KerasLayer layer, JsonNode axis) {
        JsonNode value = axis.isArray() && axis.size() == 1 ? axis.get(0) : axis;
        if (!value.isInt() || (value.asInt() != -1 && value.asInt() != 3)) {
            throw unsupported(layer, "axis " + axis + " is not the channel axis (-1 or 3)");
        }
    }

    /** A layer's weights by role (the name's last part without ":0": kernel, bias, gamma, ...). */
    private Map<String, Array> weightsOf(KerasLayer layer) {
        Map<String, Array> byRole = new LinkedHashMap<>();
        for (String name : weightNames.of(layer.name())) {
            String last = name.substring(name.lastIndexOf('/') + 1);
            String role = last.contains(":") ? last.substring(0, last.indexOf(':')) : last;
            byRole.put(role, weights.read(layer.name() + "/" + name));
        }
        return byRole;
    }

    private static Array required(KerasLayer layer, Map<String, Array> weights, String role) {
        Array a = weights.get(role);
        if (a == null) {
            throw new KerasFormatException(layer.describe() + ": its weight '" + role + "' is missing from model_weights "
                    + "(found " + weights.keySet() + ")");
        }
        return a;
    }

    private static long[] pair(KerasLayer layer, String key, long fallback) {
        JsonNode v = layer.config().path(key);
        if (v.isMissingNode() || v.isNull()) {
            return new long[] {fallback, fallback};
        }
        if (v.isInt()) {
            return new long[] {v.asLong(), v.asLong()};
        }
        if (!v.isArray() || v.size() != 2) {
            throw new KerasFormatException(layer.describe() + ": " + key + " " + v + " is not a pair of integers");
        }
        return new long[] {v.get(0).asLong(), v.get(1).asLong()};
    }

    private String padding(KerasLayer layer) {
        String padding = layer.config().path("padding").asText("valid");
        return switch (padding) {
            case "same" -> "SAME_UPPER"; // TensorFlow's SAME puts the odd pixel of padding after (bottom, right)
            case "valid" -> "VALID";
            default -> throw unsupported(layer, "padding " + padding + " is not supported (same and valid are)");
        };
    }

    private String conv(KerasLayer layer) {
        if (layer.config().path("groups").asInt(1) != 1) {
            throw unsupported(layer, "grouped convolution (groups " + layer.config().path("groups").asInt() + ")");
        }
        Map<String, Array> w = weightsOf(layer);
        INDArray kernel = required(layer, w, "kernel").nd(); // [kH, kW, in, out]
        return convNode(layer, "Conv", kernel.permute(3, 2, 0, 1), w.get("bias"), 1, pair(layer, "strides", 1),
                pair(layer, "dilation_rate", 1), layer.config().path("activation"));
    }

    private String convNode(KerasLayer layer, String op, INDArray oihw, Array bias, long group, long[] strides, long[] dilations,
            JsonNode activation) {
        String x = input(layer, 0);
        boolean linear = activationName(activation).equals("linear");
        List<String> in = new ArrayList<>(List.of(x, onnx.floats(layer.name() + "/kernel", oihw.dup('c'))));
        if (bias != null) {
            in.add(onnx.floats(layer.name() + "/bias", bias.nd()));
        }
        onnx.node(op, in, layer.name(), OnnxGraph.ints("kernel_shape", oihw.size(2), oihw.size(3)), OnnxGraph.ints("strides", strides),
                OnnxGraph.ints("dilations", dilations), OnnxGraph.integer("group", group),
                OnnxGraph.text("auto_pad", padding(layer)));
        return linear ? layer.name() : activation(layer, activation, layer.name(), activationOutput(layer, activation));
    }

    /** The tensor of a layer's built-in activation; the layer's own name stays on its convolution (pruning names it). */
    private String activationOutput(KerasLayer layer, JsonNode activation) {
        return onnx.unique(layer.name() + "/" + activationName(activation));
    }

    private String convTranspose(KerasLayer layer) {
        JsonNode c = layer.config();
        if (!c.path("output_padding").isMissingNode() && !c.path("output_padding").isNull()) {
            throw unsupported(layer, "output_padding is not supported");
        }
        long[] dilations = pair(layer, "dilation_rate", 1);
        if (dilations[0] != 1 || dilations[1] != 1) {
            throw unsupported(layer, "dilated transposed convolution is not supported");
        }
        Map<String, Array> w = weightsOf(layer);
        INDArray kernel = required(layer, w, "kernel").nd(); // [kH, kW, out, in]
        INDArray ioHW = kernel.permute(3, 2, 0, 1).dup('c'); // ONNX ConvTranspose: [in, out, kH, kW]
        long[] strides = pair(layer, "strides", 1);
        long[] kernelShape = {kernel.size(0), kernel.size(1)};
        // Keras's output is in * stride (same) or in * stride + max(k - stride, 0) (valid); ONNX's full output is
        // stride * (in - 1) + k, cropped by the pads: begin gets the smaller half, as TensorFlow's SAME does
        long[] pads = new long[4];
        for (int a = 0; a < 2; a++) {
            long total = kernelShape[a] - strides[a];
            if (total < 0) {
                throw unsupported(layer, "kernel " + kernelShape[a] + " smaller than stride " + strides[a] + " needs output padding, "
                        + "which is not supported");
            }
            if (padding(layer).equals("SAME_UPPER")) {
                pads[a] = total / 2;
                pads[a + 2] = total - total / 2;
            }
        }
        String x = input(layer, 0);
        JsonNode activation = c.path("activation");
        boolean linear = activationName(activation).equals("linear");
        List<String> in = new ArrayList<>(List.of(x, onnx.floats(layer.name() + "/kernel", ioHW)));
        if (w.get("bias") != null) {
            in.add(onnx.floats(layer.name() + "/bias", w.get("bias").nd()));
        }
        onnx.node("ConvTranspose", in, layer.name(), OnnxGraph.ints("kernel_shape", kernelShape), OnnxGraph.ints("strides", strides),
                OnnxGraph.ints("pads", pads));
        return linear ? layer.name() : activation(layer, activation, layer.name(), activationOutput(layer, activation));
    }

    /** Keras [kH, kW, in, multiplier] -> ONNX [in * multiplier, 1, kH, kW]; output channel c * multiplier + m. */
    private static INDArray depthwiseKernel(INDArray kernel) {
        return kernel.reshape('c', kernel.size(0), kernel.size(1), kernel.size(2) * kernel.size(3), 1).permute(2, 3, 0, 1);
    }

    private String depthwise(KerasLayer layer) {
        Map<String, Array> w = weightsOf(layer);
        INDArray kernel = required(layer, w, "depthwise_kernel").nd();
        return convNode(layer, "Conv", depthwiseKernel(kernel), w.get("bias"), kernel.size(2), pair(layer, "strides", 1),
                pair(layer, "dilation_rate", 1), layer.config().path("activation"));
    }

    private String separable(KerasLayer layer) {
        Map<String, Array> w = weightsOf(layer);
        INDArray kernel = required(layer, w, "depthwise_kernel").nd();
        INDArray pointwise = required(layer, w, "pointwise_kernel").nd(); // [1, 1, in * multiplier, out]
        String depthwiseOut = onnx.unique(layer.name() + "/depthwise");
        INDArray dw = depthwiseKernel(kernel).dup('c');
        onnx.node("Conv", List.of(input(layer, 0), onnx.floats(layer.name() + "/depthwise_kernel", dw)), depthwiseOut,
                OnnxGraph.ints("kernel_shape", dw.size(2), dw.size(3)), OnnxGraph.ints("strides", pair(layer, "strides", 1)),
                OnnxGraph.ints("dilations", pair(layer, "dilation_rate", 1)), OnnxGraph.integer("group", kernel.size(2)),
                OnnxGraph.text("auto_pad", padding(layer)));
        JsonNode activation = layer.config().path("activation");
        boolean linear = activationName(activation).equals("linear");
        List<String> in = new ArrayList<>(List.of(depthwiseOut, onnx.floats(layer.name() + "/pointwise_kernel",
                pointwise.permute(3, 2, 0, 1).dup('c'))));
        if (w.get("bias") != null) {
            in.add(onnx.floats(layer.name() + "/bias", w.get("bias").nd()));
        }
        onnx.node("Conv", in, layer.name(), OnnxGraph.ints("kernel_shape", 1, 1));
        return linear ? layer.name() : activation(layer, activation, layer.name(), activationOutput(layer, activation));
    }

    private String batchNorm(KerasLayer layer) {
        channelAxis(layer, layer.config().path("axis"));
        Map<String, Array> w = weightsOf(layer);
        Array mean = required(layer, w, "moving_mean");
        Array variance = required(layer, w, "moving_variance");
        int channels = mean.values().length;
        INDArray gamma = layer.config().path("scale").asBoolean(true) ? required(layer, w, "gamma").nd() : Nd4j.ones(channels);
        INDArray beta = layer.config().path("center").asBoolean(true) ? required(layer, w, "beta").nd() : Nd4j.zeros(channels);
        return onnx.node("BatchNormalization", List.of(input(layer, 0), onnx.floats(layer.name() + "/gamma", gamma),
                onnx.floats(layer.name() + "/beta", beta), onnx.floats(layer.name() + "/moving_mean", mean.nd()),
                onnx.floats(layer.name() + "/moving_variance", variance.nd())), layer.name(),
                OnnxGraph.real("epsilon", layer.config().path("epsilon").asDouble(1e-3)));
    }

    private static String activationName(JsonNode activation) {
        if (activation.isMissingNode() || activation.isNull()) {
            return "linear";
        }
        // a serialised activation object ({"class_name": ..., "config": ...}) names a custom or built-in function
        return activation.isTextual() ? activation.asText() : activation.path("class_name").asText(activation.toString());
    }

    private String activation(KerasLayer layer, JsonNode activation, String x, String output) {
        String name = activationName(activation);
        return switch (name) {
            case "linear" -> onnx.node("Identity", List.of(x), output);
            case "relu" -> onnx.node("Relu", List.of(x), output);
            case "sigmoid" -> onnx.node("Sigmoid", List.of(x), output);
            case "softmax" -> onnx.node("Softmax", List.of(x), output, OnnxGraph.integer("axis", 1));
            // Keras 2's hard_sigmoid: clip(0.2 x + 0.5, 0, 1), ONNX's HardSigmoid defaults
            case "hard_sigmoid" -> onnx.node("HardSigmoid", List.of(x), output, OnnxGraph.real("alpha", 0.2),
                    OnnxGraph.real("beta", 0.5));
            case "tanh" -> onnx.node("Tanh", List.of(x), output);
            case "elu" -> onnx.node("Elu", List.of(x), output, OnnxGraph.real("alpha", 1.0));
            // Keras's selu constants are ONNX's defaults
            case "selu" -> onnx.node("Selu", List.of(x), output);
            case "softplus" -> onnx.node("Softplus", List.of(x), output);
            // tf.keras's swish (silu in later versions): x * sigmoid(x)
            case "swish", "silu" -> onnx.node("Mul", List.of(x, onnx.node("Sigmoid", List.of(x), output + "/sigmoid")), output);
            default -> throw unsupported(layer, "activation '" + name + "' is not supported (supported: " + ACTIVATIONS + ")");
        };
    }

    /** Keras's Rescaling (TensorFlow 2.6 and later, the usual first layer of tutorial U-Nets): {@code x * scale + offset}. */
    private String rescaling(KerasLayer layer) {
        JsonNode c = layer.config();
        if (!c.path("scale").isNumber() || !(c.path("offset").isMissingNode() || c.path("offset").isNumber())) {
            throw unsupported(layer, "only a single scale and offset are supported");
        }
        String scaled = onnx.node("Mul", List.of(input(layer, 0), onnx.floats(layer.name() + "/scale",
                (float) c.path("scale").asDouble())), layer.name() + "/scaled");
        return onnx.node("Add", List.of(scaled, onnx.floats(layer.name() + "/offset", (float) c.path("offset").asDouble(0))),
                layer.name());
    }

    private String relu(KerasLayer layer) {
        JsonNode c = layer.config();
        double threshold = c.path("threshold").asDouble(0);
        double slope = c.path("negative_slope").asDouble(0);
        JsonNode max = c.path("max_value");
        String x = input(layer, 0);
        if (threshold != 0) {
            throw unsupported(layer, "threshold " + threshold + " is not supported");
        }
        if (!max.isMissingNode() && !max.isNull()) {
            if (slope != 0) {
                throw unsupported(layer, "max_value together with negative_slope is not supported");
            }
            return onnx.node("Clip", List.of(x, onnx.floats(layer.name() + "/min", 0f),
                    onnx.floats(layer.name() + "/max", (float) max.asDouble())), layer.name());
        }
        return slope != 0 ? onnx.node("LeakyRelu", List.of(x), layer.name(), OnnxGraph.real("alpha", slope))
                : onnx.node("Relu", List.of(x), layer.name());
    }

    private String pool(KerasLayer layer, String op) {
        long[] size = pair(layer, "pool_size", 2);
        long[] strides = pair(layer, "strides", -1);
        if (strides[0] < 0) {
            strides = size; // Keras: strides None means the pool size
        }
        List<Attribute> attributes = new ArrayList<>(List.of(OnnxGraph.ints("kernel_shape", size), OnnxGraph.ints("strides", strides),
                OnnxGraph.text("auto_pad", padding(layer))));
        if (op.equals("AveragePool")) {
            attributes.add(OnnxGraph.integer("count_include_pad", 0)); // TensorFlow averages over the real pixels only
        }
        return onnx.node(op, List.of(input(layer, 0)), layer.name(), attributes.toArray(Attribute[]::new));
    }

    private String upsampling(KerasLayer layer) {
        long[] size = pair(layer, "size", 2);
        String interpolation = layer.config().path("interpolation").asText("nearest");
        String scales = onnx.floats(layer.name() + "/scales", 1f, 1f, size[0], size[1]);
        List<String> in = List.of(input(layer, 0), "", scales);
        return switch (interpolation) {
            case "nearest" -> onnx.node("Resize", in, layer.name(), OnnxGraph.text("mode", "nearest"),
                    OnnxGraph.text("coordinate_transformation_mode", "asymmetric"), OnnxGraph.text("nearest_mode", "floor"));
            case "bilinear" -> {
                usesBilinear = true;
                yield onnx.node("Resize", in, layer.name(), OnnxGraph.text("mode", "linear"),
                        OnnxGraph.text("coordinate_transformation_mode", bilinearCoordinates));
            }
            default -> throw unsupported(layer, "interpolation " + interpolation + " is not supported (nearest and bilinear are)");
        };
    }

    private String zeroPadding(KerasLayer layer) {
        JsonNode p = layer.config().path("padding");
        long top;
        long bottom;
        long left;
        long right;
        if (p.isInt()) {
            top = bottom = left = right = p.asLong();
        } else if (p.isArray() && p.size() == 2 && p.get(0).isInt()) {
            top = bottom = p.get(0).asLong();
            left = right = p.get(1).asLong();
        } else if (p.isArray() && p.size() == 2 && p.get(0).isArray()) {
            top = p.get(0).get(0).asLong();
            bottom = p.get(0).get(1).asLong();
            left = p.get(1).get(0).asLong();
            right = p.get(1).get(1).asLong();
        } else {
            throw unsupported(layer, "padding " + p + " is not understood");
        }
        return onnx.node("Pad", List.of(input(layer, 0), onnx.longs(layer.name() + "/pads", 0, 0, top, left, 0, 0, bottom, right)),
                layer.name(), OnnxGraph.text("mode", "constant"));
    }
}

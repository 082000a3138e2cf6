package org.segprune.interop.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import onnx.Onnx;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.graph.ChannelRules;
import org.segprune.model.ModelInfo;
import org.segprune.model.SegmentationModel;
import org.segprune.util.AtomicFiles;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/**
 * Writes a SegPrune model (a single-input, single-output image-to-image ComputationGraph in NCHW) as an ONNX model,
 * opset {@value #OPSET}: the input keeps its name and gets a free batch size and the model's fixed channels and size,
 * the output is the model's output after its activation (the sigmoid probabilities for SegPrune's heads). Every layer
 * type is checked before anything is written: one the exporter does not know ends with an error naming the layer.
 * SegPrune's {@link ModelInfo} travels in {@code metadata_props} ({@link OnnxMetadata}).
 */
public final class OnnxExporter {

    /** The ONNX operator set written; 13 is the oldest with every op used here in its current form. */
    public static final int OPSET = 13;
    /** IR version 7 goes with opset 13. */
    static final long IR_VERSION = 7;
    public static final String PRODUCER = "SegPrune";

    /** @param foldBatchNorm fold every batch norm that directly follows a convolution into it (else keep the nodes) */
    public record Options(boolean foldBatchNorm) {
        public static final Options DEFAULTS = new Options(true);
    }

    private OnnxExporter() {
    }

    /** Converts the model (nothing is written); the returned model's metadata records the export as a provenance step. */
    public static Onnx.ModelProto convert(SegmentationModel model, Options options, Progress progress) {
        ComputationGraph graph = model.graph();
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new SegPruneException("cannot export the model to ONNX: it has " + conf.getNetworkInputs().size() + " inputs and "
                    + conf.getNetworkOutputs().size() + " outputs, the exporter writes one of each");
        }
        checkSupported(conf);
        String inputName = conf.getNetworkInputs().get(0);
        String outputName = conf.getNetworkOutputs().get(0);
        ModelInfo info = model.info();
        InputType inputType = InputType.convolutional(info.inputSize(), info.inputSize(), info.inputChannels());
        Map<String, InputType> types;
        try {
            types = new HashMap<>(conf.getLayerActivationTypes(false, inputType));
        } catch (RuntimeException e) {
            throw new SegPruneException("cannot export the model to ONNX: DL4J cannot derive its layer shapes for a "
                    + info.inputChannels() + "x" + info.inputSize() + "x" + info.inputSize() + " input: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        types.put(inputName, inputType);
        if (!(types.get(outputName) instanceof InputType.InputTypeConvolutional outputType)) {
            throw new SegPruneException("cannot export the model to ONNX: its output '" + outputName + "' is "
                    + types.get(outputName) + ", not an image (the exporter writes image-to-image networks)");
        }
        Map<String, BatchNormFolding.Folded> folds = options.foldBatchNorm() ? BatchNormFolding.plan(graph) : Map.of();

        OnnxGraph onnx = new OnnxGraph();
        onnx.reserve(inputName);
        onnx.reserve(outputName);
        onnx.input(OnnxGraph.imageTensor(inputName, info.inputChannels(), info.inputSize(), info.inputSize()));
        Map<String, String> tensors = new HashMap<>();
        tensors.put(inputName, inputName);
        List<String> order = conf.getTopologicalOrderStr();
        for (int i = 0; i < order.size(); i++) {
            progress.checkCancelled();
            String name = order.get(i);
            GraphVertex vertex = conf.getVertices().get(name);
            if (vertex == null || tensors.containsKey(name)) {
                continue; // the network input, or a batch norm folded into its convolution
            }
            BatchNormFolding.Folded folded = folds.get(name);
            String producedName = folded != null ? folded.batchNorm() : name;
            List<String> inputs = conf.getVertexInputs().get(name);
            Layer layer = ChannelRules.layerOf(vertex);
            Map<String, INDArray> params = layer == null ? Map.of() : graph.getLayer(name).paramTable();
            VertexCall call = new VertexCall(onnx, name, vertex, layer, params, inputs.stream().map(tensors::get).toList(),
                    inputs.stream().map(types::get).toList(), types.get(producedName), folded,
                    producedName.equals(outputName) ? outputName : onnx.unique(producedName));
            tensors.put(producedName, LayerWriters.of(vertex).write(call));
            progress.report((i + 1.0) / order.size(), "exported " + name);
        }
        String output = tensors.get(outputName);
        if (!output.equals(outputName)) {
            onnx.node("Identity", List.of(output), outputName);
        }
        onnx.output(OnnxGraph.imageTensor(outputName, outputType.getChannels(), outputType.getHeight(), outputType.getWidth()));

        ModelInfo exported = info.with(String.format(Locale.ROOT, "exported to ONNX opset %d, batch norm %s", OPSET,
                options.foldBatchNorm() ? "folded into the convolutions" : "kept"));
        return Onnx.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName(PRODUCER)
                .setDocString("SegPrune " + info.architecture() + " segmentation model")
                .setGraph(onnx.build(info.architecture()))
                .addMetadataProps(OnnxMetadata.entry(exported))
                .build();
    }

    /** Converts and writes the model atomically: nothing is written when a layer cannot be exported. */
    public static void write(SegmentationModel model, Path file, Options options, Progress progress) {
        Onnx.ModelProto onnx = convert(model, options, progress);
        AtomicFiles.writeStream(file, onnx::writeTo);
    }

    /** The distinct op types of an ONNX model, sorted. */
    public static List<String> opTypes(Onnx.ModelProto model) {
        TreeSet<String> ops = new TreeSet<>();
        model.getGraph().getNodeList().forEach(node -> ops.add(node.getOpType()));
        return new ArrayList<>(ops);
    }

    /** Refuses the first vertex without a writer, stored channels-last or with an input preprocessor, before any work. */
    private static void checkSupported(ComputationGraphConfiguration conf) {
        for (String name : conf.getTopologicalOrderStr()) {
            GraphVertex vertex = conf.getVertices().get(name);
            if (vertex == null) {
                continue;
            }
            Layer layer = ChannelRules.layerOf(vertex);
            String type = layer != null ? layer.getClass().getSimpleName() : vertex.getClass().getSimpleName();
            if (LayerWriters.of(vertex) == null) {
                throw new SegPruneException("cannot export layer '" + name + "' (" + type + ") to ONNX: the exporter has no "
                        + "ONNX form for this layer type");
            }
            if (LayerWriters.dataFormat(layer) == CNN2DFormat.NHWC) {
                throw new SegPruneException("cannot export layer '" + name + "' (" + type + ") to ONNX: it is stored channels-last "
                        + "(NHWC); the exporter writes NCHW graphs only");
            }
            if (vertex instanceof LayerVertex layerVertex && layerVertex.getPreProcessor() != null) {
                throw new SegPruneException("cannot export layer '" + name + "' (" + type + ") to ONNX: its input preprocessor "
                        + layerVertex.getPreProcessor().getClass().getSimpleName() + " is not exported");
            }
        }
    }
}

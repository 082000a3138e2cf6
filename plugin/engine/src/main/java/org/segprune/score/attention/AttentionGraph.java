package org.segprune.score.attention;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.segprune.graph.ChannelGraph;
import org.segprune.graph.ChannelGroup;
import org.segprune.graph.ChannelRule;
import org.segprune.graph.ChannelRules;
import org.segprune.model.SegmentationModel;
import org.segprune.score.ScoringSettings;
import org.segprune.util.SegPruneException;

/**
 * The temporary scoring network: a copy of the model whose base weights are frozen and which carries
 * an attention module on the activation every prunable channel group's consumers read. Batch norms
 * are folded into the convolutions before them (a frozen batch norm would still normalise with batch
 * statistics in training mode; DL4J's FrozenLayerWithBackprop cannot wrap it), every other layer with
 * parameters is wrapped in FrozenLayerWithBackprop, so gradients reach earlier modules but only the
 * modules learn. The original model is never changed. Workspaces are off: with SameDiff layers in
 * DL4J M2.1 they sporadically produced NaN gates.
 */
public final class AttentionGraph {

    static final String GATE_PREFIX = "attention_gate_";
    static final String SCALE_PREFIX = "attention_scale_";
    static final String SPARSITY_PREFIX = "attention_sparsity_";

    private final ComputationGraph graph;
    private final Map<Integer, String> gateOfGroup;
    private final Map<String, Integer> sparsityOutputs;

    private AttentionGraph(ComputationGraph graph, Map<Integer, String> gateOfGroup, Map<String, Integer> sparsityOutputs) {
        this.graph = graph;
        this.gateOfGroup = gateOfGroup;
        this.sparsityOutputs = sparsityOutputs;
    }

    public ComputationGraph graph() {
        return graph;
    }

    /** The gate layer scoring each prunable group. */
    public Map<Integer, String> gateOfGroup() {
        return gateOfGroup;
    }

    /**
     * The extra outputs that carry the gate sparsity penalty, with their channel counts, in the graph's
     * output order after the model's own outputs; their labels are zeros.
     */
    public Map<String, Integer> sparsityOutputs() {
        return sparsityOutputs;
    }

    /** Builds the frozen copy; with {@code method == null} no modules are attached (used to test the folding). */
    public static AttentionGraph build(SegmentationModel model, ChannelGraph channels, AttentionMethod method,
            ScoringSettings settings) {
        ComputationGraphConfiguration conf = model.graph().getConfiguration();
        Map<String, List<String>> consumers = consumers(conf);
        Map<String, String> foldedInto = foldableBatchNorms(conf, channels, consumers);
        Map<String, List<Integer>> groupsAtPoint = new LinkedHashMap<>();
        if (method != null) {
            for (ChannelGroup group : channels.prunableGroups()) {
                groupsAtPoint.computeIfAbsent(attentionPoint(conf, channels, consumers, group), k -> new ArrayList<>())
                        .add(group.id());
            }
        }

        ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder()
                .seed(settings.seed()).dataType(DataType.FLOAT).updater(new Adam(settings.learningRate()))
                .convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE)
                .graphBuilder().addInputs(conf.getNetworkInputs())
                .setInputTypes(InputType.convolutional(model.info().inputSize(), model.info().inputSize(),
                        model.info().inputChannels()));
        Map<String, String> source = new HashMap<>();
        conf.getNetworkInputs().forEach(input -> source.put(input, input));
        Map<Integer, String> gateOfGroup = new LinkedHashMap<>();
        Map<String, Integer> sparsityOutputs = new LinkedHashMap<>();
        int moduleIndex = 0;
        for (String vertex : channels.order()) {
            if (conf.getNetworkInputs().contains(vertex)) {
                continue;
            }
            String[] inputs = conf.getVertexInputs().get(vertex).stream().map(source::get).toArray(String[]::new);
            GraphVertex v = conf.getVertices().get(vertex);
            if (foldedInto.containsKey(vertex)) {
                source.put(vertex, inputs[0]);
            } else if (v instanceof LayerVertex layerVertex) {
                Layer layer = layerVertex.getLayerConf().getLayer().clone();
                if (foldedInto.containsValue(vertex)) {
                    ChannelRules.of(layer).enableBias();
                }
                boolean hasParams = model.graph().getLayer(vertex).numParams() > 0 || foldedInto.containsValue(vertex);
                builder.addLayer(vertex, hasParams ? new FrozenLayerWithBackprop(layer) : layer, inputs);
                source.put(vertex, vertex);
            } else {
                builder.addVertex(vertex, v.clone(), inputs);
                source.put(vertex, vertex);
            }
            List<Integer> groups = groupsAtPoint.get(vertex);
            if (groups != null) {
                InputType type = channels.outputType(vertex);
                if (!(type instanceof InputType.InputTypeConvolutional cnn)) {
                    throw new SegPruneException("attention scoring needs a feature map at '" + vertex + "'");
                }
                String gate = GATE_PREFIX + vertex;
                String scale = SCALE_PREFIX + vertex;
                builder.addLayer(gate, new GateLayer(method, (int) cnn.getChannels(), (int) cnn.getHeight(), (int) cnn.getWidth(),
                        settings.reduction(), settings.sacaGrids(), settings.sbcaPool(), settings.seed() * 1_000 + moduleIndex++),
                        source.get(vertex));
                builder.addVertex(scale, new ChannelGateVertex((int) cnn.getChannels()), source.get(vertex), gate);
                source.put(vertex, scale);
                groups.forEach(group -> gateOfGroup.put(group, gate));
                if (settings.gateSparsity() > 0 && method.hasPerChannelGates()) {
                    String penalty = SPARSITY_PREFIX + vertex;
                    builder.addLayer(penalty, gatePenalty((int) cnn.getChannels(), settings.gateSparsity()), gate);
                    sparsityOutputs.put(penalty, (int) cnn.getChannels());
                }
            }
        }
        List<String> outputs = new ArrayList<>(conf.getNetworkOutputs().stream().map(source::get).toList());
        outputs.addAll(sparsityOutputs.keySet());
        builder.setOutputs(outputs.toArray(String[]::new));
        ComputationGraph scoring = new ComputationGraph(builder.build());
        scoring.init();
        copyFrozenParameters(model.graph(), scoring, channels, foldedInto);
        return new AttentionGraph(scoring, gateOfGroup, sparsityOutputs);
    }

    /**
     * lambda * sum_c a_c per image as an L1 loss against a zero label (gates are positive): its gradient
     * lowers every gate by the same amount, which the segmentation loss outweighs only for channels it
     * needs.
     */
    private static LossLayer gatePenalty(int channels, double lambda) {
        return new LossLayer.Builder().activation(Activation.IDENTITY)
                .lossFunction(new LossL1(Nd4j.valueArrayOf(new long[] {1, channels}, lambda, DataType.FLOAT))).build();
    }

    private static Map<String, List<String>> consumers(ComputationGraphConfiguration conf) {
        Map<String, List<String>> consumers = new HashMap<>();
        conf.getVertexInputs().forEach((vertex, inputs) -> inputs.forEach(
                input -> consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(vertex)));
        return consumers;
    }

    /** Batch norm (any layer that folds into its producer) -> the producer it follows, when that producer feeds nothing else. */
    private static Map<String, String> foldableBatchNorms(ComputationGraphConfiguration conf, ChannelGraph channels,
            Map<String, List<String>> consumers) {
        Map<String, String> folded = new LinkedHashMap<>();
        for (String vertex : channels.order()) {
            if (conf.getNetworkInputs().contains(vertex) || !channels.rule(vertex).foldsIntoProducer()) {
                continue;
            }
            String input = conf.getVertexInputs().get(vertex).get(0);
            boolean foldable = !conf.getNetworkInputs().contains(input) && channels.rule(input).acceptsFold()
                    && consumers.getOrDefault(input, List.of()).size() == 1;
            if (!foldable) {
                throw new SegPruneException("attention scoring cannot freeze batch norm '" + vertex
                        + "': it does not directly follow a convolution that feeds only it");
            }
            folded.put(vertex, input);
        }
        return folded;
    }

    /**
     * Where a group's module sits: from its first producer, forward through its batch norm, activation
     * and dropout, and through element-wise vertices that couple the group, while each step has a single
     * consumer. This is the activation the group's consumers read.
     */
    static String attentionPoint(ComputationGraphConfiguration conf, ChannelGraph channels, Map<String, List<String>> consumers,
            ChannelGroup group) {
        String current = group.producers().get(0);
        while (true) {
            List<String> next = consumers.getOrDefault(current, List.of());
            if (next.size() != 1 || conf.getNetworkOutputs().contains(current)) {
                return current;
            }
            String candidate = next.get(0);
            ChannelRule rule = channels.rule(candidate);
            boolean follows = rule.elementwiseInPlace();
            boolean coupled = rule.treatment() == ChannelRule.Treatment.COUPLE && channels.layout(candidate).size() == 1
                    && channels.layout(candidate).get(0).group() == group.id();
            if (!follows && !coupled) {
                return current;
            }
            current = candidate;
        }
    }

    private static void copyFrozenParameters(ComputationGraph original, ComputationGraph scoring, ChannelGraph channels,
            Map<String, String> foldedInto) {
        Map<String, String> batchNormOf = new HashMap<>();
        foldedInto.forEach((bn, conv) -> batchNormOf.put(conv, bn));
        for (String vertex : channels.order()) {
            Layer layer = channels.layer(vertex);
            if (layer == null || foldedInto.containsKey(vertex)) {
                continue;
            }
            Map<String, INDArray> params = new LinkedHashMap<>(original.getLayer(vertex).paramTable());
            if (batchNormOf.containsKey(vertex)) {
                String batchNorm = batchNormOf.get(vertex);
                params = channels.rule(batchNorm).foldInto(params, original.getLayer(batchNorm).paramTable(),
                        channels.rule(vertex).filterAxis());
            }
            params.forEach((key, value) -> scoring.getLayer(vertex).setParam(key, value));
        }
    }
}

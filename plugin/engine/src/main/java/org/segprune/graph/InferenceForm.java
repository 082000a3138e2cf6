package org.segprune.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.model.SegmentationModel;

/**
 * The form of a model that only predicts: every batch norm that directly follows a convolution feeding
 * only it is folded into that convolution's weights and bias, and an activation layer that directly
 * follows such a convolution becomes the convolution's own activation. Each removed layer is a full
 * pass over a feature map saved per forward pass; the outputs stay equal to the original's (within
 * float rounding). Which layer folds into which comes from the channel rules, as for the attention
 * modules' frozen base. The result shares nothing with the original and is never trained.
 */
public final class InferenceForm {

    private InferenceForm() {
    }

    /** The folded model, or the model itself when nothing folds (a network without batch norm). */
    public static SegmentationModel of(SegmentationModel model) {
        ComputationGraphConfiguration conf = model.graph().getConfiguration();
        Map<String, List<String>> consumers = new HashMap<>();
        conf.getVertexInputs().forEach((vertex, inputs) -> inputs.forEach(
                input -> consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(vertex)));
        Map<String, String> absorbedBy = new LinkedHashMap<>();
        Map<String, String> batchNormOf = new HashMap<>();
        Map<String, IActivation> activationOf = new HashMap<>();
        for (String vertex : conf.getTopologicalOrderStr()) {
            Layer layer = ChannelRules.layerOf(conf.getVertices().get(vertex));
            List<String> inputs = conf.getVertexInputs().get(vertex);
            if (layer == null || inputs == null || inputs.size() != 1 || conf.getNetworkOutputs().contains(vertex)
                    || ((LayerVertex) conf.getVertices().get(vertex)).getPreProcessor() != null) {
                continue;
            }
            String producer = absorbedBy.getOrDefault(inputs.get(0), inputs.get(0));
            if (!absorbs(conf, consumers, inputs.get(0)) || !(ChannelRules.layerOf(conf.getVertices().get(producer)) instanceof BaseLayer base)
                    || !ChannelRules.of(base).acceptsFold()) {
                continue;
            }
            IActivation producerActivation = activationOf.getOrDefault(producer, base.getActivationFn());
            if (!(producerActivation instanceof ActivationIdentity)) {
                continue;
            }
            if (ChannelRules.of(layer).foldsIntoProducer() && !batchNormOf.containsKey(producer) && !activationOf.containsKey(producer)) {
                batchNormOf.put(producer, vertex);
                absorbedBy.put(vertex, producer);
                // DL4J M2.1 never applies a batch norm layer's configured activation
                activationOf.put(producer, new ActivationIdentity());
            } else if (layer instanceof ActivationLayer activation) {
                absorbedBy.put(vertex, producer);
                activationOf.put(producer, activation.getActivationFn());
            }
        }
        if (absorbedBy.isEmpty()) {
            return model;
        }
        ComputationGraph folded = build(model, conf, absorbedBy, batchNormOf, activationOf);
        return new SegmentationModel(folded, model.info());
    }

    /** Whether {@code vertex}'s output may be absorbed into the next layer: nothing else reads it and it is no output. */
    private static boolean absorbs(ComputationGraphConfiguration conf, Map<String, List<String>> consumers, String vertex) {
        return !conf.getNetworkInputs().contains(vertex) && !conf.getNetworkOutputs().contains(vertex)
                && consumers.getOrDefault(vertex, List.of()).size() == 1;
    }

    private static ComputationGraph build(SegmentationModel model, ComputationGraphConfiguration conf,
            Map<String, String> absorbedBy, Map<String, String> batchNormOf, Map<String, IActivation> activationOf) {
        ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder().addInputs(conf.getNetworkInputs());
        for (String vertex : conf.getTopologicalOrderStr()) {
            if (conf.getNetworkInputs().contains(vertex) || absorbedBy.containsKey(vertex)) {
                continue;
            }
            String[] inputs = conf.getVertexInputs().get(vertex).stream().map(input -> absorbedBy.getOrDefault(input, input))
                    .toArray(String[]::new);
            GraphVertex v = conf.getVertices().get(vertex);
            if (v instanceof LayerVertex layerVertex) {
                Layer layer = layerVertex.getLayerConf().getLayer().clone();
                if (batchNormOf.containsKey(vertex)) {
                    ChannelRules.of(layer).enableBias();
                }
                if (activationOf.containsKey(vertex)) {
                    ((BaseLayer) layer).setActivationFn(activationOf.get(vertex));
                }
                builder.addLayer(vertex, layer, layerVertex.getPreProcessor(), inputs);
            } else {
                builder.addVertex(vertex, v.clone(), inputs);
            }
        }
        builder.setOutputs(conf.getNetworkOutputs().toArray(String[]::new));
        ComputationGraph folded = new ComputationGraph(builder.build());
        folded.init();
        ComputationGraph original = model.graph();
        for (String vertex : folded.getConfiguration().getVertices().keySet()) {
            if (folded.getVertex(vertex).getLayer() == null || folded.getLayer(vertex).numParams() == 0) {
                continue;
            }
            Map<String, INDArray> params = new LinkedHashMap<>(original.getLayer(vertex).paramTable());
            String batchNorm = batchNormOf.get(vertex);
            if (batchNorm != null) {
                Layer producer = ChannelRules.layerOf(conf.getVertices().get(vertex));
                params = ChannelRules.of(ChannelRules.layerOf(conf.getVertices().get(batchNorm))).foldInto(params,
                        original.getLayer(batchNorm).paramTable(), ChannelRules.of(producer).filterAxis());
            }
            params.forEach((key, value) -> folded.getLayer(vertex).setParam(key, value.castTo(DataType.FLOAT)));
        }
        return folded;
    }
}

package org.segprune.prune;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.graph.ChannelGraph;
import org.segprune.graph.ChannelRules;
import org.segprune.model.SegmentationModel;

/**
 * Physical pruning: builds a new, smaller ComputationGraph from a clone of the configuration with
 * the kept channel counts, then copies every kept weight exactly. The input model is not changed;
 * optimizer state starts fresh.
 */
public final class Surgery {

    private Surgery() {
    }

    public static SegmentationModel apply(SegmentationModel model, ChannelGraph graph, Map<Integer, int[]> kept, String step) {
        ComputationGraphConfiguration conf = model.graph().getConfiguration().clone();
        for (String vertex : graph.order()) {
            GraphVertex v = conf.getVertices().get(vertex);
            if (v != null) { // network inputs have no configuration
                int in = graph.keptIndices(graph.inputLayout(vertex), kept).length;
                int out = graph.keptIndices(graph.layout(vertex), kept).length;
                ChannelRules.of(v).resize(in, out);
            }
        }
        ComputationGraph pruned = new ComputationGraph(conf);
        pruned.init();
        for (String vertex : graph.order()) {
            if (graph.layer(vertex) == null || model.graph().getLayer(vertex).numParams() == 0) {
                continue;
            }
            int[] keptIn = graph.keptIndices(graph.inputLayout(vertex), kept);
            int[] keptOut = graph.keptIndices(graph.layout(vertex), kept);
            Map<String, INDArray> sliced = graph.rule(vertex).slice(model.graph().getLayer(vertex).paramTable(), keptIn, keptOut);
            sliced.forEach((key, value) -> pruned.getLayer(vertex).setParam(key, value));
        }
        Map<Integer, Integer> before = graph.currentChannels();
        Map<String, Integer> unpruned = new LinkedHashMap<>();
        graph.prunableLayers().forEach(layer -> unpruned.put(layer, before.get(graph.groupOf(layer).id())));
        return new SegmentationModel(pruned, model.info().with(step).withUnprunedChannels(unpruned));
    }
}

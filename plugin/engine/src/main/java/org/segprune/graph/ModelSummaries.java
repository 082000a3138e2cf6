package org.segprune.graph;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.segprune.model.ModelSummary;
import org.segprune.model.SegmentationModel;
import org.segprune.util.SegPruneException;

/** The summary of a model (its port spec), with the channel graph's view of which layers can be pruned. */
public final class ModelSummaries {

    private ModelSummaries() {
    }

    public static ModelSummary of(SegmentationModel model) {
        ChannelGraph channels;
        try {
            channels = ChannelGraph.of(model);
        } catch (SegPruneException e) {
            channels = null;
        }
        List<String> order = channels != null ? channels.order()
                : new ArrayList<>(model.graph().getConfiguration().getVertices().keySet());
        List<ModelSummary.LayerSummary> layers = new ArrayList<>();
        for (String name : order) {
            GraphVertex vertex = model.graph().getConfiguration().getVertices().get(name);
            if (!(vertex instanceof LayerVertex layerVertex)) {
                continue;
            }
            org.deeplearning4j.nn.api.Layer layer = model.graph().getLayer(name);
            long params = layer == null ? 0 : layer.numParams();
            if (params == 0) {
                continue;
            }
            Layer conf = layerVertex.getLayerConf().getLayer();
            int outChannels = conf instanceof FeedForwardLayer ff ? (int) ff.getNOut() : 0;
            ChannelGroup group = channels == null ? null : channels.groupOf(name);
            layers.add(new ModelSummary.LayerSummary(name, conf.getClass().getSimpleName(), outChannels, params,
                    group != null && group.prunable()));
        }
        long trainable = channels == null ? -1 : channels.totals(channels.currentChannels()).trainableParams();
        return new ModelSummary(model.info().architecture(), model.info().inputSize(), model.info().inputChannels(), trainable,
                layers, model.info().provenance(), model.info().multiClass() ? model.info().classCount() : 0);
    }

}

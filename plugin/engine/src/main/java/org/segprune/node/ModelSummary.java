package org.segprune.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.segprune.graph.ChannelGraph;
import org.segprune.graph.ChannelGroup;
import org.segprune.model.SegmentationModel;
import org.segprune.util.SegPruneException;

/**
 * What a model port shows before anyone loads the weights (KNIME: the port's spec): architecture,
 * input shape, per-layer output channels and parameter counts, which layers can be pruned, and the
 * provenance of the model (which training, scoring and pruning steps made it).
 *
 * @param trainableParams trainable parameters as METHOD.md counts them, -1 if the channel graph could not be read
 */
public record ModelSummary(String architecture, int inputSize, int inputChannels, long trainableParams,
        List<LayerSummary> layers, List<String> provenance) {

    /**
     * One layer with parameters.
     *
     * @param channels output channels (0 if the layer has no channel count)
     * @param params   parameters DL4J stores for it (batch norms include their running statistics)
     * @param prunable whether SegPrune may remove its filters
     */
    public record LayerSummary(String name, String type, int channels, long params, boolean prunable) {
    }

    public ModelSummary {
        layers = List.copyOf(layers);
        provenance = List.copyOf(provenance);
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
        List<LayerSummary> layers = new ArrayList<>();
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
            layers.add(new LayerSummary(name, conf.getClass().getSimpleName(), outChannels, params,
                    group != null && group.prunable()));
        }
        long trainable = channels == null ? -1 : channels.totals(channels.currentChannels()).trainableParams();
        return new ModelSummary(model.info().architecture(), model.info().inputSize(), model.info().inputChannels(), trainable,
                layers, model.info().provenance());
    }

    public List<String> prunableLayers() {
        return layers.stream().filter(LayerSummary::prunable).map(LayerSummary::name).toList();
    }

    /** All parameters DL4J stores (trainable ones plus batch-norm statistics). */
    public long storedParams() {
        return layers.stream().mapToLong(LayerSummary::params).sum();
    }

    /** @throws SegPruneException if no layer can be pruned */
    public void requirePrunable() {
        if (prunableLayers().isEmpty()) {
            throw new SegPruneException("the " + architecture + " model has no prunable layers: every convolution feeds "
                    + "the output, comes from the input or feeds a layer SegPrune cannot cut");
        }
    }

    /** One line, e.g. "unet 1x64x64, 122,449 params, 14 of 17 layers prunable". */
    public String oneLine() {
        return String.format(Locale.ROOT, "%s %dx%dx%d, %,d params, %d of %d layers prunable", architecture, inputChannels,
                inputSize, inputSize, trainableParams >= 0 ? trainableParams : storedParams(), prunableLayers().size(),
                layers.size());
    }

    /** A readable multi-line description: the one-liner, the layers and the provenance. */
    public String describe() {
        StringBuilder text = new StringBuilder(oneLine()).append('\n');
        text.append("layers (name, type, output channels, parameters, prunable):\n");
        for (LayerSummary layer : layers) {
            text.append(String.format(Locale.ROOT, "  %-24s %-22s %6d %10d %s%n", layer.name(), layer.type(),
                    layer.channels(), layer.params(), layer.prunable() ? "yes" : "no"));
        }
        text.append("provenance:\n");
        if (provenance.isEmpty()) {
            text.append("  (none recorded)\n");
        }
        provenance.forEach(step -> text.append("  - ").append(step).append('\n'));
        return text.toString();
    }
}
